/**
 * The CDK reader's entry point: CDK TypeScript → IacResource[] (format 'cdk').
 *
 * How the scanner lane calls it (src/scanner/lanes/iac.ts, in `checkProgram`):
 *
 *   import { readCdkResources } from '../../analysis/iac/cdk/index.js';
 *   const cdk = readCdkResources(ctx);              // ctx: ProgramContext — every CDK file of the scan
 *   findings.push(...evaluateResources(cdk, ctx.policy));
 *
 * With a ProgramContext it reads every scanned TS file that imports aws-cdk-lib / @aws-cdk /
 * constructs (or imports such a file), and follows imports between scanned files (relative, and
 * path aliases through the project's tsconfig), so shared prop objects, helper functions and
 * wrapper constructs in other files resolve. With a TsFileContext (the ESLint rules) it reads the
 * one file and follows its imports through `load` (the rules read them from disk) or, failing
 * that, the type checker when the editor has one.
 *
 * Resource types are `<service>.<Class>` ('s3.Bucket', 'dynamodb.TableV2', 'rds.DatabaseCluster',
 * 'lambda-nodejs.NodejsFunction', 's3.CfnBucket', 'elasticloadbalancingv2.ApplicationListener');
 * props keep the CDK prop names. Values: enum members are literals of their qualified name without
 * the module alias ('BucketEncryption.KMS', 'RetentionDays.ONE_MONTH'); `Duration.days(7)` (and
 * hours/minutes/…) is a literal number of days; a construct is a reference to its construct id; a
 * CDK factory call is { $call: 'ListenerAction.redirect', $args: [...] }; `X.fromY(...)` (an
 * imported existing resource) is a reference with attribute 'imported'; an object with a spread
 * datagate cannot read has a '...' entry (unresolved): a key missing from such an object is
 * unknown, not unset.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import ts from 'typescript';
import type { ProgramContext } from '../../../scanner/lane.js';
import type { TsFileContext } from '../../types.js';
import type { IacResource } from '../model.js';
import type { Host } from './evaluate.js';
import { readCdk } from './read.js';
import { loadRequirements, matchersOf } from '../requirements/load.js';
import type { IacValue } from '../model.js';

export { readCdk } from './read.js';

/** CDK resources of these files, one per construct unless its expansions differ where a rule looks. */
function read(files: readonly ts.SourceFile[], host: Host): IacResource[] {
  return collapseExpansions(readCdk(files, host));
}

const CDK_IMPORT = /from\s+['"](?:aws-cdk-lib|@aws-cdk\/|constructs['"])|require\(\s*['"](?:aws-cdk-lib|@aws-cdk\/)/;

export function isCdkSource(text: string): boolean {
  return CDK_IMPORT.test(text);
}

const singleFileCache = new WeakMap<ts.SourceFile, { checker?: ts.TypeChecker; load?: Host['load']; resources: IacResource[] }>();

/**
 * `load` (single-file mode) follows imports to other files: the ESLint rules pass
 * `loadFromDisk` (./disk.ts) so the editor resolves shared props and wrappers as the scan does.
 */
export function readCdkResources(input: ProgramContext | TsFileContext, load?: Host['load']): IacResource[] {
  if ('tsFiles' in input) return readProgram(input);
  const { sourceFile, checker } = input;
  const hit = singleFileCache.get(sourceFile);
  if (hit && hit.checker === checker && hit.load === load) return hit.resources;
  const resources = isCdkSource(sourceFile.text) ? read([sourceFile], { checker, load }) : [];
  singleFileCache.set(sourceFile, { checker, load, resources });
  return resources;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

function readProgram(ctx: ProgramContext): IacResource[] {
  let options: ts.CompilerOptions | undefined;
  const byPath = (p: string) => ctx.fileAt(p)?.sourceFile;
  const load = (specifier: string, fromFile: string): ts.SourceFile | undefined => {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const base = resolvePath(dirname(fromFile), specifier);
      const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
      for (const candidate of [base, ...EXTENSIONS.map((e) => stem + e)]) {
        const ctxFile = ctx.fileAt(candidate);
        if (ctxFile?.kind === 'typescript') return ctxFile.sourceFile;
      }
      return undefined;
    }
    if (/^(?:aws-cdk-lib|@aws-cdk\/|constructs$)/.test(specifier)) return undefined;
    // A path alias (tsconfig `paths`): resolved as the team's build resolves it.
    options ??= ctx.project().getCompilerOptions() as ts.CompilerOptions;
    const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? byPath(resolved.resolvedFileName) : undefined;
  };
  const host: Host = { load };
  const cdkFiles = new Set(ctx.tsFiles.filter((f) => isCdkSource(f.text)).map((f) => f.path));
  // Files that only import the project's own constructs (bin/app.ts with a wrapper) count too.
  for (let changed = true, rounds = 0; changed && rounds < 4; rounds++) {
    changed = false;
    for (const f of ctx.tsFiles) {
      if (cdkFiles.has(f.path)) continue;
      const imports = f.sourceFile.statements.filter(ts.isImportDeclaration);
      const reaches = imports.some((i) => {
        const spec = ts.isStringLiteral(i.moduleSpecifier) ? i.moduleSpecifier.text : '';
        if (!spec.startsWith('.')) return false;
        const target = load(spec, f.path);
        return target !== undefined && cdkFiles.has(target.fileName);
      });
      if (reaches) {
        cdkFiles.add(f.path);
        changed = true;
      }
    }
  }
  const files = ctx.tsFiles.filter((f) => cdkFiles.has(f.path)).map((f) => f.sourceFile);
  return files.length > 0 ? read(files, host) : [];
}


/**
 * A stack instantiated twice (staging and prod) is read twice, so each of its constructs appears
 * once per instantiation at the same place. Copies that agree on every property a rules/aws
 * requirement reads are one resource (one finding, not two on the same line); copies that differ
 * there (a retention taken from the stage's config) stay apart, as their findings differ.
 */
export function collapseExpansions(resources: IacResource[]): IacResource[] {
  const keysByType = relevantKeys();
  const seen = new Set<string>();
  return resources.filter((r) => {
    const keys = keysByType.get(r.type);
    const relevant = r.props?.kind === 'object' && keys ? r.props.entries.filter((e) => keys.has(e.key)).map((e) => [e.key, shapeOf(e.value)]) : [];
    const key = JSON.stringify([r.type, r.file, r.range, r.via ?? '', r.tags ?? {}, relevant]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let relevantCache: Map<string, Set<string>> | undefined;

/** Per CDK type, the first segments of every property path a matcher reads on it. */
function relevantKeys(): Map<string, Set<string>> {
  if (relevantCache) return relevantCache;
  const byType = new Map<string, Set<string>>();
  const add = (types: string | string[], ...paths: unknown[]) => {
    for (const type of Array.isArray(types) ? types : [types]) {
      const keys = byType.get(type) ?? new Set<string>(['...']);
      for (const p of paths) if (typeof p === 'string') keys.add(p.split('.')[0]!);
      byType.set(type, keys);
    }
  };
  for (const req of loadRequirements()) {
    for (const m of matchersOf(req, 'cdk')) {
      add(m.type, m.path, m.kmsKey, ...(m.when ?? []).map((c) => c.path));
      if (m.logGroup) {
        add(m.type, m.logGroup.functionName, m.logGroup.ref, m.logGroup.retention);
        add(m.logGroup.type, m.logGroup.name);
      }
      if (m.policy) {
        add(m.type, m.policy.name);
        add(m.policy.type, m.policy.target, m.policy.document);
      }
    }
  }
  relevantCache = byType;
  return byType;
}

function shapeOf(v: IacValue): unknown {
  switch (v.kind) {
    case 'literal':
      return ['l', v.value, v.file, v.range];
    case 'object':
      return ['o', v.entries.map((e) => [e.key, shapeOf(e.value)])];
    case 'array':
      return ['a', v.items.map(shapeOf)];
    case 'reference':
      return ['r', v.target, v.attribute ?? null];
    case 'unresolved':
      return ['u', v.text, v.file, v.range];
  }
}
