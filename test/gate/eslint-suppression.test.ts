import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/no-hardcoded-secrets.js';

const ruleTester = new RuleTester();
const KEY = 'sk_live_51MzQe2LkT8vYwPq3RnBx7cDhJ0aF4gUs';
const MESSAGE = "Hard-coded Stripe secret key 'sk_l****' — read it from a secret store (process.env, Secrets Manager) instead.";

const fix = (comment: string) => ({
  messageId: 'suggestion' as const,
  data: { message: 'Read it from process.env.STRIPE_SECRET_KEY' },
  output: `${comment}\nconst live = new Stripe(process.env.STRIPE_SECRET_KEY);`,
});

// The editor honours the same inline directive as the scanner (src/gate/suppression-comments.ts).
ruleTester.run('datagate-ignore-next-line in the ESLint rules', rule, {
  valid: [
    `// datagate-ignore-next-line no-hardcoded-secrets -- revoked key kept for the rotation alarm test\nconst revoked = new Stripe('${KEY}');`,
    `/* datagate-ignore-next-line no-sensitive-logging, no-hardcoded-secrets -- Stripe's documented example */\n\nconst example = '${KEY}';`,
  ],
  invalid: [
    {
      name: 'a directive without a reason suppresses nothing',
      code: `// datagate-ignore-next-line no-hardcoded-secrets\nconst live = new Stripe('${KEY}');`,
      errors: [{ messageId: 'finding', data: { message: MESSAGE }, line: 2, column: 26, suggestions: [fix('// datagate-ignore-next-line no-hardcoded-secrets')] }],
    },
    {
      name: 'a directive for another rule suppresses nothing',
      code: `// datagate-ignore-next-line no-sensitive-logging -- not about secrets\nconst live = new Stripe('${KEY}');`,
      errors: [{ messageId: 'finding', data: { message: MESSAGE }, line: 2, column: 26, suggestions: [fix('// datagate-ignore-next-line no-sensitive-logging -- not about secrets')] }],
    },
  ],
});
