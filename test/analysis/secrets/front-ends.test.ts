import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../../src/eslint/rules/no-hardcoded-secrets.js';
import { scan } from '../../../src/scanner/scan.js';

/**
 * One engine, two front ends: the ESLint rule and the scanner's secrets lane must report the same
 * findings (place and message) on the same files.
 */
const fixtures = resolve(import.meta.dirname, '../../../fixtures');
const cases: Array<[string, string[]]> = [
  ['demo-app', ['src/config/integrations.ts', 'src/config/index.ts']],
  [
    'corpus/secrets-payouts',
    ['src/config/index.ts', 'src/notifications/sms.ts', 'src/notifications/slack.ts', 'src/db/client.ts', 'src/auth/jwt.ts', 'infra/cdk/payouts-stack.ts', 'test/payouts.test.ts', 'src/assets/brand.ts'],
  ],
];

function eslintFindings(file: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { datagate: { rules: { 'no-hardcoded-secrets': rule as never } } },
        rules: { 'datagate/no-hardcoded-secrets': 'error' },
      },
    ],
    { filename: file },
  );
  return messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`);
}

describe('no-hardcoded-secrets in ESLint and in the scanner', () => {
  for (const [project, files] of cases) {
    it(`agree on ${project}`, async () => {
      const cwd = resolve(fixtures, project);
      const result = await scan({ cwd, paths: files, only: ['no-hardcoded-secrets'] });
      let total = 0;
      for (const file of files) {
        const scanned = result.findings.filter((f) => f.file === file).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
        total += scanned.length;
        expect(eslintFindings(resolve(cwd, file)), file).toEqual(scanned);
      }
      expect(total).toBeGreaterThan(1);
    });
  }
});
