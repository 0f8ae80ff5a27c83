import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-action.js';
import { scan } from '../../src/scanner/scan.js';

/** fixtures/gate-referrals: a payouts service with inline suppressions and an exceptions registry. */
describe('suppressions and exceptions on fixtures/gate-referrals', () => {
  it('applies reasoned directives and active exceptions, and reports the rest', async () => {
    const result = await scan({ cwd: join(ROOT, 'fixtures', 'gate-referrals') });
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'warning require-log-retention datagate.yml:12',
      'error require-log-retention infra/legacy-reporting.yaml:9',
      'error require-backup infra/referrals-stack.yaml:5',
      'error require-classification src/models/payout.ts:18',
      'error require-classification src/models/payout.ts:19',
      'error no-hardcoded-secrets src/payments/stripe-client.ts:4',
      'warning no-sensitive-logging src/routes/payouts.ts:7',
      'error no-sensitive-logging src/routes/signup.ts:6',
      'error no-sensitive-logging src/routes/signup.ts:8',
      'error no-sensitive-logging src/routes/signup.ts:9',
    ]);
    const gate = result.findings.filter((f) => f.data?.gate);
    expect(gate.map((f) => f.message)).toEqual([
      "Exception for require-log-retention on 'infra/legacy-reporting.yaml' (approved by Marcus Lee (CFO): Finance audit required one-year retention until the 2025 audit closed (FIN-204)) expired on 2025-09-30; it no longer suppresses 1 finding: review and renew it, or fix them",
      'Suppression of no-sensitive-logging suppresses nothing: no no-sensitive-logging finding on line 8; remove the comment',
      'Suppression of no-sensitive-logging has no reason: write `datagate-ignore-next-line no-sensitive-logging -- <why this is safe>`; until it has one it suppresses nothing',
    ]);
    expect(result.suppressed?.map((f) => [`${f.ruleId} ${f.file}:${f.line}`, f.suppression.via, f.suppression.source])).toEqual([
      ['no-sensitive-logging src/routes/signup.ts:12', 'inline', 'src/routes/signup.ts:11'],
      ['no-hardcoded-secrets test/fixtures/stripe-webhook.ts:2', 'exception', 'datagate.yml:6'],
    ]);
    expect(result.exceptions?.map((e) => [e.exception.rule, e.expired, e.matched, e.wouldMatch])).toEqual([
      ['no-hardcoded-secrets', false, 1, 1],
      ['require-log-retention', true, 0, 1],
    ]);
  });
});
