import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/no-hardcoded-secrets.js';

const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

// Fake values in the providers' formats (generated, never issued).
const STRIPE = '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';
const GOOGLE = 'AIzam_fiDrsoLH3LANDLCVE9GYqZ9r9sEwnyLlX';
const GITHUB = 'ghp_RPsxgW4V8ZcizxEWf2HJRlGrHkx6uHLsMkaq';
const ADVICE = 'read it from a secret store (process.env, Secrets Manager) instead.';

/** 1-based column of `needle` in `code` (single-line cases). */
const col = (code: string, needle: string) => code.indexOf(needle) + 1;

const stripeCall = `const stripe = new Stripe('${STRIPE}', { apiVersion: '2024-06-20' });`;
const dbConfig = `export const db = { host: 'payments-db.internal', dbPassword: 'Kq8#vLm2pZ!r' };`;
const jsx = `export const Map = () => <GoogleMap apiKey="${GOOGLE}" zoom={12} />;`;
const defaultParam = `export function sign(claims: object, signingSecret = 'Qm9vJ2tLp7ZrX4vN8cT1wY6hB3dF5gS0') { return claims; }`;
const classField = `class Sms { private readonly authToken = '12a626d7fa31d265cff2d6f90eece5e1'; }`;
const fallback = `const key = process.env.STRIPE_SECRET_KEY ?? '${STRIPE}';`;
const jwtSign = `export const token = jwt.sign({ sub: user.id }, 'h7Kd9sL2pQ4vX8zR1mN6bT3wY5cF0gJe', { expiresIn: '1h' });`;
const comment = `// token for the release bot: ${GITHUB}\nexport const owner = 'clicki';`;

ruleTester.run('no-hardcoded-secrets', rule, {
  valid: [
    'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
    'export const passwordPolicy = { minLength: 12, requireDigit: true };',
    "export const apiKey = '<your-api-key>';",
    "export const labels = { password: 'Password', apiKey: 'API key', resetToken: 'Your reset link has expired' };",
    "const tokenizer = 'Qm9vJ2tLp7ZrX4vN8cT1wY6hB3dF5gS0';",
    "const sendgrid = '{{resolve:secretsmanager:prod/app/sendgrid:SecretString:apiKey}}';",
    "const publishableKey = 'pk_live_51ZYMmLOPIwFQuYhrsiF8nfMaunlNy5yX0Y3rNJdqL2kV';",
    "const requestId = '3fa85f64-5717-4562-b3fc-2c963f66afa6'; const accessToken = '3fa85f64-5717-4562-b3fc-2c963f66afa6';",
    "const integrity = 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';",
    "const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };",
    "const secret = SecretValue.secretsManager('prod/payments/stripe');",
    "const token = jwt.sign(claims, 'local-dev-jwt-secret-do-not-use');",
    "const sig = createHmac('sha256', secret).update(body).digest('hex');",
  ],
  invalid: [
    {
      code: stripeCall,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded Stripe secret key 'sk_l****' — ${ADVICE}` },
          line: 1,
          column: col(stripeCall, 'sk_live'),
          endColumn: col(stripeCall, 'sk_live') + STRIPE.length,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.STRIPE_SECRET_KEY' },
              output: "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });",
            },
          ],
        },
      ],
    },
    {
      code: dbConfig,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded password 'Kq8#****' in 'dbPassword' — ${ADVICE}` },
          line: 1,
          column: col(dbConfig, 'Kq8#'),
          endColumn: col(dbConfig, 'Kq8#') + 12,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.DB_PASSWORD' },
              output: "export const db = { host: 'payments-db.internal', dbPassword: process.env.DB_PASSWORD };",
            },
          ],
        },
      ],
    },
    {
      code: jsx,
      filename: 'map.tsx',
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded Google API key 'AIza****' — ${ADVICE}` },
          line: 1,
          column: col(jsx, 'AIza'),
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.API_KEY' },
              output: 'export const Map = () => <GoogleMap apiKey={process.env.API_KEY} zoom={12} />;',
            },
          ],
        },
      ],
    },
    {
      code: defaultParam,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded secret 'Qm9v****' in 'signingSecret' — ${ADVICE}` },
          column: col(defaultParam, 'Qm9v'),
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.SIGNING_SECRET' },
              output: 'export function sign(claims: object, signingSecret = process.env.SIGNING_SECRET) { return claims; }',
            },
          ],
        },
      ],
    },
    {
      code: classField,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded token '12a6****' in 'authToken' — ${ADVICE}` },
          column: col(classField, '12a6'),
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.AUTH_TOKEN' },
              output: 'class Sms { private readonly authToken = process.env.AUTH_TOKEN; }',
            },
          ],
        },
      ],
    },
    {
      code: fallback,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded Stripe secret key 'sk_l****' — ${ADVICE}` },
          column: col(fallback, 'sk_live'),
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Remove the hard-coded fallback and read process.env.STRIPE_SECRET_KEY only' },
              output: 'const key = process.env.STRIPE_SECRET_KEY;',
            },
          ],
        },
      ],
    },
    {
      code: jwtSign,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded secret 'h7Kd****' in 'jwt.sign()' — ${ADVICE}` },
          column: col(jwtSign, 'h7Kd'),
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Read it from process.env.JWT_SECRET' },
              output: "export const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });",
            },
          ],
        },
      ],
    },
    {
      code: comment,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Hard-coded GitHub personal access token 'ghp_****' — ${ADVICE}` },
          line: 1,
          column: col(comment, 'ghp_'),
          suggestions: [],
        },
      ],
    },
  ],
});
