import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-action.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { scan } from '../../src/scanner/scan.js';

describe('markdown report (job summary, PR comment)', () => {
  it('lists every suppression and exception, and says how many findings it did not list', async () => {
    const result = await scan({ cwd: join(ROOT, 'fixtures', 'gate-referrals') });
    const md = formatMarkdown(result, { maxFindings: 3, fullReport: 'the HTML report' });
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## ❌ datagate: 8 violations at or above `error`',
      '',
      "Scanned 11 files against the `clicki` policy and this repository's config: 8 errors, 2 warnings; the gate fails on `error`.",
    ]);
    expect(md).toContain('2 findings suppressed (1 inline, 1 by approved exceptions): listed below.');
    expect(md).toContain('### Findings (10)');
    expect(md.match(/^(🔴|🟡) /gm)).toHaveLength(3);
    expect(md).toContain('_…and 7 more findings not listed here (this summary lists 3): see the HTML report._');
    expect(md).toContain(
      [
        '| Location | Rule | Suppressed by | Reason | Approved by | Expires |',
        '|---|---|---|---|---|---|',
        '| `src/routes/signup.ts:12` | `no-sensitive-logging` | inline comment (src/routes/signup.ts:11) | support needs the email on failed signups; the stream is restricted (SEC-141) | — | — |',
        "| `test/fixtures/stripe-webhook.ts:2` | `no-hardcoded-secrets` | exception (datagate.yml:6) | Stripe webhook fixtures copied from Stripe's docs; the keys in them are Stripe's revoked examples | Dana Whitfield (Security Owner) | 2030-06-30 |",
      ].join('\n'),
    );
    expect(md).toContain("| `require-log-retention` | `infra/legacy-reporting.yaml` | Finance audit required one-year retention until the 2025 audit closed (FIN-204) | Marcus Lee (CFO) | 2025-09-30 | ⛔ expired (1 no longer suppressed) | 0 |");
    expect(md).not.toContain('sk_live_');
  });
});
