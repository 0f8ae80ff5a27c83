import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scan } from '../../../../src/scanner/scan.js';

/**
 * The labelled Terraform corpus, scanned the way `npm run eval` does: the IaC findings must be
 * exactly the ones expected.yaml lists — no more (a false alarm), no fewer (a miss).
 */
const dir = resolve(import.meta.dirname, '../../../../fixtures/corpus/iac-terraform');
const IAC_RULES = ['require-encryption', 'require-tls', 'require-log-retention', 'require-backup'] as const;

interface Expected {
  rule: string;
  file: string;
  line: number;
}

describe('fixtures/corpus/iac-terraform', () => {
  it('reports exactly the findings expected.yaml lists', async () => {
    const expected = (parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as { findings: Expected[] }).findings;
    const result = await scan({ cwd: dir, paths: ['.'], only: [...IAC_RULES] });
    const reported = result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();
    expect(reported).toEqual(expected.map((e) => `${e.rule} ${e.file}:${e.line}`).sort());
    // the one value only known at apply time is a warning, everything else an error
    expect(result.findings.filter((f) => f.severity === 'warning').map((f) => `${f.file}:${f.line} ${f.kind}`)).toEqual(['lambda.tf:114 unverifiable']);
  });
});
