import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';
import { markerLane, writeTree } from './helpers.js';

const brief = (f: { ruleId: string; file: string; line: number; severity: string; message: string }) => `${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`;

describe('inline suppressions in scan()', () => {
  it('suppresses the next line for the named rule, in TS, YAML, HCL and .env comments', async () => {
    const cwd = writeTree({
      'src/billing.ts': [
        "import { logger } from './logger';",
        '// datagate-ignore-next-line no-sensitive-logging -- cardLast4 is the last four digits only',
        'logger.info(DG_LEAK(cardLast4));',
        'logger.info(DG_LEAK(cardNumber));',
        '',
      ].join('\n'),
      'deploy/values.yaml': ['env:', '  # datagate-ignore-next-line no-hardcoded-secrets -- the public Stripe test key', '  STRIPE_KEY: DG_KEY(pk_test)', ''].join('\n'),
      'infra/main.tf': ['resource "x" "y" {', '  # datagate-ignore-next-line no-hardcoded-secrets -- rotated, see SEC-112', '  token = "DG_KEY(old)"', '}', ''].join('\n'),
      '.env.example': ['# datagate-ignore-next-line no-hardcoded-secrets -- placeholder', 'API_KEY=DG_KEY(placeholder)', ''].join('\n'),
    });
    const result = await scan({ cwd, lanes: [markerLane] });
    expect(result.findings.map(brief)).toEqual(['src/billing.ts:4 error no-sensitive-logging cardNumber reaches a test sink']);
    expect(result.suppressed?.map((s) => [s.file, s.line, s.ruleId, s.suppression.kind, s.suppression.source, s.suppression.justification])).toEqual([
      ['.env.example', 2, 'no-hardcoded-secrets', 'inSource', '.env.example:1', 'placeholder'],
      ['deploy/values.yaml', 3, 'no-hardcoded-secrets', 'inSource', 'deploy/values.yaml:2', 'the public Stripe test key'],
      ['infra/main.tf', 3, 'no-hardcoded-secrets', 'inSource', 'infra/main.tf:2', 'rotated, see SEC-112'],
      ['src/billing.ts', 3, 'no-sensitive-logging', 'inSource', 'src/billing.ts:2', 'cardLast4 is the last four digits only'],
    ]);
  });

  it('reports a suppression without a reason (and does not apply it), one that suppresses nothing, and an unknown rule', async () => {
    const cwd = writeTree({
      'src/auth.ts': [
        '// datagate-ignore-next-line no-sensitive-logging',
        'audit(DG_LEAK(password));',
        '// datagate-ignore-next-line no-hardcoded-secrets -- migrated to Secrets Manager in #231',
        'const key = process.env.API_KEY;',
        '// datagate-ignore-next-line no-secrets -- typo in the rule id',
        'const b = DG_KEY(apiKey);',
        '',
      ].join('\n'),
    });
    const result = await scan({ cwd, lanes: [markerLane] });
    expect(result.findings.map(brief)).toEqual([
      'src/auth.ts:1 error no-sensitive-logging Suppression of no-sensitive-logging has no reason: write `datagate-ignore-next-line no-sensitive-logging -- <why this is safe>`; until it has one it suppresses nothing',
      'src/auth.ts:2 error no-sensitive-logging password reaches a test sink',
      'src/auth.ts:3 warning no-hardcoded-secrets Suppression of no-hardcoded-secrets suppresses nothing: no no-hardcoded-secrets finding on line 4; remove the comment',
      "src/auth.ts:5 error parse-error datagate-ignore-next-line names unknown rule 'no-secrets' (rules: no-sensitive-logging, no-hardcoded-secrets, require-encryption, require-tls, require-log-retention, require-backup, require-classification)",
      'src/auth.ts:6 error no-hardcoded-secrets apiKey reaches a test sink',
    ]);
    expect(result.suppressed).toEqual([]);
    const noReason = result.findings[0]!;
    expect(noReason).toMatchObject({ column: 4, endLine: 1, endColumn: 50, kind: 'violation' });
    expect(noReason.snippet).toEqual({ firstLine: 1, lines: ['// datagate-ignore-next-line no-sensitive-logging'], highlight: { line: 1, column: 4, endColumn: 50 } });
  });

  it('does not call a directive unused when its rule did not run', async () => {
    const cwd = writeTree({ 'src/a.ts': '// datagate-ignore-next-line require-tls -- internal health check\nfetch(url);\n' });
    const result = await scan({ cwd, lanes: [markerLane], only: ['no-sensitive-logging'] });
    expect(result.findings).toEqual([]);
  });
});

describe('the exceptions registry', () => {
  const config = (expires: string) =>
    [
      'exceptions:',
      '  - rule: no-hardcoded-secrets',
      '    path: "legacy/**"',
      '    reason: Legacy partner SDK embeds its sandbox key; removal tracked in SEC-88',
      '    approvedBy: Dana Whitfield (Security Owner)',
      `    expires: "${expires}"`,
      '  - rule: no-sensitive-logging',
      '    path: "./scripts/*.ts"',
      '    reason: One-off migration scripts run by hand, output not shipped',
      '    approvedBy: Dana Whitfield (Security Owner)',
      '    expires: "2099-12-31"',
      '',
    ].join('\n');
  const files = {
    'legacy/partner.ts': 'export const sandbox = DG_KEY(sandboxKey);\n',
    'legacy/deep/other.ts': 'export const other = DG_KEY(otherKey);\n',
    'src/app.ts': 'export const live = DG_KEY(liveKey);\n',
  };

  it('suppresses matching findings, records who approved them, and lists every exception with its use', async () => {
    const cwd = writeTree({ ...files, 'datagate.yml': config('2099-01-31') });
    const result = await scan({ cwd, lanes: [markerLane] });
    expect(result.findings.map(brief)).toEqual(['src/app.ts:1 error no-hardcoded-secrets liveKey reaches a test sink']);
    expect(result.suppressed?.map((s) => [s.file, s.suppression])).toEqual([
      ['legacy/deep/other.ts', { kind: 'external', via: 'exception', justification: 'Legacy partner SDK embeds its sandbox key; removal tracked in SEC-88', source: 'datagate.yml:2', approvedBy: 'Dana Whitfield (Security Owner)', expires: '2099-01-31' }],
      ['legacy/partner.ts', { kind: 'external', via: 'exception', justification: 'Legacy partner SDK embeds its sandbox key; removal tracked in SEC-88', source: 'datagate.yml:2', approvedBy: 'Dana Whitfield (Security Owner)', expires: '2099-01-31' }],
    ]);
    expect(result.exceptions?.map((e) => [e.exception.rule, e.source, e.expired, e.matched, e.wouldMatch])).toEqual([
      ['no-hardcoded-secrets', 'datagate.yml:2', false, 2, 2],
      ['no-sensitive-logging', 'datagate.yml:7', false, 0, 0],
    ]);
  });

  it('an expired exception stops suppressing and is itself reported at its entry', async () => {
    const cwd = writeTree({ ...files, 'datagate.yml': config('2024-06-30') });
    const result = await scan({ cwd, lanes: [markerLane] });
    expect(result.findings.map(brief)).toEqual([
      "datagate.yml:2 warning no-hardcoded-secrets Exception for no-hardcoded-secrets on 'legacy/**' (approved by Dana Whitfield (Security Owner): Legacy partner SDK embeds its sandbox key; removal tracked in SEC-88) expired on 2024-06-30; it no longer suppresses 2 findings: review and renew it, or fix them",
      'legacy/deep/other.ts:1 error no-hardcoded-secrets otherKey reaches a test sink',
      'legacy/partner.ts:1 error no-hardcoded-secrets sandboxKey reaches a test sink',
      'src/app.ts:1 error no-hardcoded-secrets liveKey reaches a test sink',
    ]);
    expect(result.suppressed).toEqual([]);
    expect(result.exceptions?.[0]).toMatchObject({ expired: true, matched: 0, wouldMatch: 2 });
  });
});

describe('exceptions: paths', () => {
  it('matches gitignore-style globs relative to the config file, with or without ./', async () => {
    const cwd = writeTree({
      'services/payouts/datagate.yml': [
        'exceptions:',
        '  - rule: no-sensitive-logging',
        '    path: "./scripts/*.ts"',
        '    reason: One-off migration scripts run by hand, output not shipped',
        '    approvedBy: Dana Whitfield (Security Owner)',
        '    expires: "2099-12-31"',
        '',
      ].join('\n'),
      'services/payouts/scripts/backfill.ts': 'console.log(DG_LEAK(email));\n',
      'services/payouts/src/scripts/backfill.ts': 'console.log(DG_LEAK(email));\n',
    });
    const result = await scan({ cwd, paths: ['services/payouts'], lanes: [markerLane] });
    expect(result.suppressed?.map((s) => s.file)).toEqual(['services/payouts/scripts/backfill.ts']);
    expect(result.findings.map((f) => f.file)).toEqual(['services/payouts/src/scripts/backfill.ts']);
    expect(result.exceptions?.[0]?.source).toBe('services/payouts/datagate.yml:2');
  });
});
