import { describe, expect, it } from 'vitest';
import { onChangedLines, parseUnifiedDiff } from '../../src/gate/changed-lines.js';
import type { Finding } from '../../src/report/finding.js';

const DIFF = `diff --git a/src/payments/payouts.ts b/src/payments/payouts.ts
index 3b18e51..a9c1f02 100644
--- a/src/payments/payouts.ts
+++ b/src/payments/payouts.ts
@@ -3,0 +4,2 @@ import Stripe from 'stripe';
+// TODO: move back to the secret store before launch
+const stripe = new Stripe('sk_live_…');
@@ -10 +12 @@ export async function payout(
-  return stripe.transfers.create({ amount });
+  return stripe.transfers.create({ amount, currency: 'gbp' });
@@ -20,3 +21,0 @@ export function old() {
-a
-b
-c
diff --git a/src/old.ts b/src/old.ts
deleted file mode 100644
--- a/src/old.ts
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git a/src/lib/log.ts b/src/lib/logger.ts
similarity index 90%
rename from src/lib/log.ts
rename to src/lib/logger.ts
--- a/src/lib/log.ts
+++ b/src/lib/logger.ts
@@ -1 +1 @@
-import pino from 'pino';
+import pino, { stdSerializers } from 'pino';
diff --git "a/docs/caf\\303\\251.md" "b/docs/caf\\303\\251.md"
--- "a/docs/caf\\303\\251.md"
+++ "b/docs/caf\\303\\251.md"
@@ -0,0 +1 @@
+hello
`;

describe('changed lines', () => {
  it('reads the new side of git diff --unified=0: additions, modifications, renames; deletions add nothing', () => {
    expect([...parseUnifiedDiff(DIFF)]).toEqual([
      ['src/payments/payouts.ts', [[4, 5], [12, 12]]],
      ['src/lib/logger.ts', [[1, 1]]],
      ['docs/café.md', [[1, 1]]],
    ]);
  });

  it('keeps a finding on a changed line, or whose flow passes through one, or a parse error in a changed file', () => {
    const lines = parseUnifiedDiff(DIFF);
    const at = (file: string, line: number, extra: Partial<Finding> = {}): Finding => ({
      ruleId: 'no-sensitive-logging', severity: 'error', file, line, column: 1, endLine: line, endColumn: 2, message: 'm', fingerprint: 'f', kind: 'violation', ...extra,
    });
    expect(onChangedLines(at('src/payments/payouts.ts', 5), lines)).toBe(true);
    expect(onChangedLines(at('src/payments/payouts.ts', 6), lines)).toBe(false);
    expect(onChangedLines(at('src/payments/payouts.ts', 2, { endLine: 4 }), lines)).toBe(true);
    expect(onChangedLines(at('src/routes/audit.ts', 30), lines)).toBe(false);
    expect(onChangedLines(at('src/routes/audit.ts', 30, { flow: [{ file: 'src/lib/logger.ts', line: 1, column: 1, endLine: 1, endColumn: 5, message: 'source' }] }), lines)).toBe(true);
    expect(onChangedLines(at('src/lib/logger.ts', 40, { kind: 'parse-error', ruleId: 'parse-error' }), lines)).toBe(true);
  });
});
