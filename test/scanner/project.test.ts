import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/policy/knowledge.js';
import { createProject, isTypeSkipped, packageOf } from '../../src/scanner/project.js';
import { ScannedFile } from '../../src/scanner/scanned-file.js';
import { makeTree } from '../helpers/tmp.js';

const trees: Array<{ cleanup(): void }> = [];
afterEach(() => trees.splice(0).forEach((t) => t.cleanup()));

describe('rules/scanner/types-not-loaded.yaml', () => {
  const data = loadKnowledge('scanner/types-not-loaded.yaml') as { samples: { skipped: string[]; loaded: string[] } };
  it.each(data.samples.skipped)('does not load the types of %s', (specifier) => {
    expect(isTypeSkipped(specifier)).toBe(true);
  });
  it.each(data.samples.loaded)('loads the types of %s', (specifier) => {
    expect(isTypeSkipped(specifier)).toBe(false);
  });
  it('names the package of a specifier', () => {
    expect(packageOf('aws-cdk-lib/aws-s3')).toBe('aws-cdk-lib');
    expect(packageOf('@aws-cdk/aws-lambda-python-alpha/lib')).toBe('@aws-cdk/aws-lambda-python-alpha');
    expect(packageOf('./models/user')).toBeUndefined();
  });
});

describe('createProject', () => {
  it('resolves imports between scanned files and through installed packages, but not into skipped packages', () => {
    const repo = join(import.meta.dirname, '../..');
    // Inside this repository, so node_modules (with aws-cdk-lib, yaml) is found by resolution.
    const t = makeTree({});
    trees.push(t);
    const stack = new ScannedFile(
      join(repo, '.tmp-project-test/stack.ts'),
      'stack.ts',
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { parse } from 'yaml';\nimport { maskEmail } from './mask';\nexport const b = s3; export const p = parse; export const m = maskEmail;\n",
    );
    const mask = new ScannedFile(join(repo, '.tmp-project-test/mask.ts'), 'mask.ts', 'export function maskEmail(e: string): string { return e; }\n');
    const project = createProject(t.dir, [stack, mask]);
    const program = project.getProgram().compilerObject;
    const loaded = program.getSourceFiles().map((f) => f.fileName);
    expect(loaded.some((f) => f.includes('/node_modules/aws-cdk-lib/'))).toBe(false);
    expect(loaded.some((f) => f.includes('/node_modules/yaml/'))).toBe(true);
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(stack.path)!;
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    const m = exported.find((s) => s.name === 'm')!;
    expect(checker.typeToString(checker.getTypeOfSymbol(m))).toBe('(e: string) => string');
  });
});
