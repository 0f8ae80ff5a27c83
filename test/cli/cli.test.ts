import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadPolicy } from '../../src/policy/load.js';
import { VERSION } from '../../src/version.js';
import { git, repoWithPullRequest, write } from '../action/fixture.js';
import { writeTree } from '../gate/helpers.js';

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, isTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const KEY = 'sk_live_51MzQe2LkT8vYwPq3RnBx7cDhJ0aF4gUs';
const CLIENT = ["import Stripe from 'stripe';", '', `export const stripe = new Stripe('${KEY}');`, ''].join('\n');
const CLEAN = ["import Stripe from 'stripe';", '', 'export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);', ''].join('\n');

describe('datagate scan: exit codes and formats', () => {
  it('exits 0 on a clean tree, 1 on a violation, 0 with --fail-on never', async () => {
    expect((await run(writeTree({ 'src/client.ts': CLEAN }), 'scan')).code).toBe(0);
    const dirty = writeTree({ 'src/client.ts': CLIENT });
    const r = await run(dirty, 'scan');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("3:35  error  Hard-coded Stripe secret key 'sk_l****'");
    expect(r.stdout).not.toContain(KEY);
    expect((await run(dirty, 'scan', '--fail-on', 'never')).code).toBe(0);
  });

  it('exits 2 with file:line and the reason on a bad config', async () => {
    const cwd = writeTree({ 'src/client.ts': CLEAN, 'datagate.yml': 'extends: clicki\nretention:\n  minDays: 7\n  maxDays: ninety\n' });
    const r = await run(cwd, 'scan');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`datagate: invalid configuration: ${join(cwd, 'datagate.yml')}:4:12: 'retention.maxDays' must be integer\n`);
  });

  it('exits 2 when told to scan a path that does not exist, or given an unreadable baseline', async () => {
    const cwd = writeTree({ 'src/client.ts': CLEAN });
    expect(await run(cwd, 'scan', 'src', 'lib')).toMatchObject({ code: 2, stderr: "datagate: cannot scan 'lib': no such file or directory\n" });
    const r = await run(cwd, 'scan', '--baseline', 'missing.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('datagate: cannot read baseline missing.json: ENOENT (write one with `datagate baseline --output missing.json`)\n');
  });

  it('--format json prints exactly the contract shape; --output writes the report to a file', async () => {
    const cwd = writeTree({ 'src/client.ts': CLIENT, 'src/ok.ts': CLEAN });
    const r = await run(cwd, 'scan', '--format', 'json');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['tool', 'findings', 'summary']);
    expect(report.tool).toEqual({ name: 'datagate', version: VERSION });
    expect(report.summary).toEqual({ filesScanned: 2, errors: 1, warnings: 0 });
    expect(report.findings).toHaveLength(1);
    expect(Object.keys(report.findings[0])).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'fingerprint']);
    expect(report.findings[0]).toMatchObject({ ruleId: 'no-hardcoded-secrets', severity: 'error', file: 'src/client.ts', line: 3, column: 35, endLine: 3, endColumn: 76 });

    const out = await run(cwd, 'scan', '--format', 'sarif', '--output', 'reports/datagate.sarif');
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('datagate: 1 findings (1 errors) in 2 files; report written to reports/datagate.sarif\n');
    expect(JSON.parse(readFileSync(join(cwd, 'reports/datagate.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('datagate baseline and scan --baseline', () => {
  it('accepts today\'s findings, survives line moves and unrelated edits, reports only new ones and counts fixed entries', async () => {
    const cwd = writeTree({
      'src/payments/client.ts': CLIENT,
      'src/partners/acme.ts': `export const acmeKey = 'sk_live_51PbR7kHs2XwLm9QzVt4nYcE8dGj6uA1o';\n`,
    });
    const b = await run(cwd, 'baseline');
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('datagate: baseline of 2 findings in 2 files written to .datagate-baseline.json; run `datagate scan --baseline .datagate-baseline.json` from this directory to report only new ones\n');
    const baseline = JSON.parse(readFileSync(join(cwd, '.datagate-baseline.json'), 'utf8'));
    expect(baseline.findings.map((e: { ruleId: string; file: string; line: number }) => [e.ruleId, e.file, e.line])).toEqual([
      ['no-hardcoded-secrets', 'src/partners/acme.ts', 1],
      ['no-hardcoded-secrets', 'src/payments/client.ts', 3],
    ]);
    expect(JSON.stringify(baseline)).not.toContain(KEY);

    // lines move, unrelated code changes, one baselined secret is removed, a new one is added
    write(cwd, {
      'src/payments/client.ts': ["import Stripe from 'stripe';", "import { retry } from '../lib/retry';", '', '/** Payments client (legacy key, rotation tracked in SEC-88). */', `export const stripe = new Stripe('${KEY}');`, 'export const withRetry = retry(3);', ''].join('\n'),
      'src/partners/acme.ts': 'export const acmeKey = process.env.ACME_KEY;\n',
      'src/partners/globex.ts': `export const globexKey = 'sk_live_51Tc9mQs4VwLp2NzXe7bYfH3kJd8rG5o';\n`,
    });
    const r = await run(cwd, 'scan', '--baseline', '.datagate-baseline.json', '--format', 'markdown');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Baseline `.datagate-baseline.json`: 1 known finding accepted as existing debt and not reported; 1 baseline entry is no longer found (fixed): regenerate it with `datagate baseline`.');
    expect(r.stdout).toContain('### Findings (1)');
    expect(r.stdout).toContain('`src/partners/globex.ts:1`');
    expect(r.stdout).not.toContain('`src/payments/client.ts:5`');
    expect(r.stderr).toBe('datagate: baseline .datagate-baseline.json: 1 known finding accepted, 1 entry no longer found (fixed) — regenerate it with `datagate baseline`\n');
  });
});

describe('datagate scan --changed-since', () => {
  it('reports only findings on lines changed since the merge-base, including uncommitted and untracked files', async () => {
    const { root } = repoWithPullRequest(
      { 'src/payments/client.ts': CLIENT, 'src/ok.ts': CLEAN },
      { 'src/ok.ts': [...CLEAN.split('\n').slice(0, 3), `export const backup = 'sk_live_51PbR7kHs2XwLm9QzVt4nYcE8dGj6uA1o';`, ''].join('\n') },
    );
    write(root, { 'src/untracked.ts': `export const k = 'sk_live_51Tc9mQs4VwLp2NzXe7bYfH3kJd8rG5o';\n` });
    const r = await run(root, 'scan', '--changed-since', 'main', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['src/ok.ts:4', 'src/untracked.ts:1']);
    expect(r.stderr).toMatch(/^datagate: only lines changed since main \(merge-base [0-9a-f]{12}, 2 changed files\): 1 finding elsewhere left out\n$/);
    expect(git(root, 'status', '--short')).toBe('?? src/untracked.ts');
    const bad = await run(root, 'scan', '--changed-since', 'no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^datagate: git rev-parse --verify no-such-branch\^\{commit\} failed: fatal: /);
  });
});

describe('datagate init', () => {
  it('writes a commented datagate.yml that loads as the shipped policy, and will not overwrite one', async () => {
    const cwd = writeTree({});
    const r = await run(cwd, 'init');
    expect(r.code).toBe(0);
    const text = readFileSync(join(cwd, 'datagate.yml'), 'utf8');
    expect(text).toContain('# exceptions:');
    expect(text).toContain('"Exceptions must be documented, justified, approved by');
    const policy = loadPolicy({ configPath: join(cwd, 'datagate.yml') });
    expect(policy.presets).toEqual(['clicki']);
    // a project that only has the generated config is clean (its comments are not directives)
    expect(await run(cwd, 'scan', '.')).toMatchObject({ code: 0 });
    // the commented examples are valid too once uncommented
    const uncommented = text
      .split('\n')
      .map((l) => (/^# (rules|levels|retention|backup|encryption|dataModels|ignore|exceptions):/.test(l) || /^# {3}/.test(l) ? l.slice(2) : l))
      .join('\n');
    expect(uncommented).toContain('\nexceptions:\n  - rule: no-hardcoded-secrets\n');
    writeFileSync(join(cwd, 'datagate.yml'), uncommented);
    expect(() => loadPolicy({ configPath: join(cwd, 'datagate.yml') })).not.toThrow();
    expect(await run(cwd, 'init')).toMatchObject({ code: 2, stderr: 'datagate: datagate.yml already exists (use --force to overwrite it)\n' });
    expect(existsSync(join(cwd, 'datagate.yml'))).toBe(true);
  });
});
