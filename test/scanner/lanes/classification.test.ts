import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../../src/eslint/plugin.js';
import { scan } from '../../../src/scanner/scan.js';
import { makeTree } from '../../helpers/tmp.js';

const corpus = resolve(import.meta.dirname, '../../../fixtures/corpus/classification-referrals');

describe('the classification lane', () => {
  it('says what the ESLint rule says about every TypeScript file of the corpus', async () => {
    const result = await scan({ cwd: corpus, only: ['require-classification'] });
    const tsFiles = [...new Set(result.findings.map((f) => f.file).filter((f) => f.endsWith('.ts')))];
    expect(tsFiles.length).toBeGreaterThanOrEqual(8);
    const linter = new Linter({ cwd: corpus });
    const config = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { datagate: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { 'datagate/require-classification': 'error' as const },
      },
    ];
    for (const file of tsFiles) {
      const abs = join(corpus, file);
      const eslint = linter.verify(readFileSync(abs, 'utf8'), config, abs).map((m) => `${m.line}:${m.column} ${m.message}`);
      const scanner = result.findings.filter((f) => f.file === file).map((f) => `${f.line}:${f.column} ${f.message}`);
      expect(eslint, file).toEqual(scanner);
    }
  });

  it('knows models declared in other files: an imported @ObjectType is a relation', async () => {
    const tree = makeTree({
      'src/users/user.type.ts': `@ObjectType()
export class UserType {
  @Classification('internal') @Field(() => ID) id!: string;
  @Classification('restricted') @Field() email!: string;
}
`,
      'src/referrals/referral.type.ts': `import { UserType } from '../users/user.type';

@ObjectType()
export class ReferralType {
  @Classification('internal') @Field(() => ID) id!: string;
  @Field(() => UserType) owner!: UserType;
  @Field() note?: string;
}
`,
    });
    try {
      const result = await scan({ cwd: tree.dir, only: ['require-classification'] });
      expect(result.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
        "src/referrals/referral.type.ts:7 Field 'ReferralType.note' has no classification: add @classification confidential or a default on 'ReferralType' (levels: public, internal, confidential, restricted)",
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('reads GraphQL across files: a type declared in another file is a relation; a broken file is a parse error', async () => {
    const tree = makeTree({
      'schema/referrer.graphql': 'type Referrer @classification(level: CONFIDENTIAL) {\n  id: ID!\n  payout: PayoutAccount\n  phone: String\n}\n',
      'schema/payout.graphql': 'type PayoutAccount @classification(level: RESTRICTED) {\n  iban: String!\n}\n',
      'schema/broken.graphql': 'type Campaign {\n  id: ID!\n',
    });
    try {
      const result = await scan({ cwd: tree.dir, only: ['require-classification'] });
      expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
        'parse-error schema/broken.graphql:3:1 Cannot parse GraphQL file: Syntax Error: Expected Name, found <EOF>.',
        "require-classification schema/referrer.graphql:4:3 Field 'Referrer.phone' (phone number) is classified 'confidential' through the default on 'Referrer'; personal data and credentials must be 'restricted'",
      ]);
    } finally {
      tree.cleanup();
    }
  });
});
