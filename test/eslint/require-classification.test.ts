import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/require-classification.js';

const tester = new RuleTester();
const LEVELS = '(levels: public, internal, confidential, restricted)';
const MODELS = '/srv/referrals-api/src/models';

tester.run('require-classification', rule, {
  valid: [
    {
      name: 'interface with a type-level default and restricted personal fields',
      filename: `${MODELS}/user.ts`,
      code: `
/** @classification confidential */
export interface User {
  id: string;
  /** @classification restricted */
  email: string;
  emailVerified: boolean;
  emailTemplateId: string;
  passwordPolicy: 'standard' | 'strict';
  nextToken?: string;
}`,
    },
    {
      name: 'a file outside the dataModels globs is not a model file',
      filename: '/srv/referrals-api/src/lib/pagination.ts',
      code: `export interface PageRequest { limit: number; pageToken?: string; email?: string }`,
    },
    {
      name: 'enums, unions of literals and functions in a models file are not models',
      filename: `${MODELS}/status.ts`,
      code: `
export enum PayoutState { Scheduled = 'scheduled', Sent = 'sent' }
export type ReferralStatus = 'pending' | 'qualified';
export function isFinal(s: ReferralStatus): boolean { return s === 'qualified'; }`,
    },
    {
      name: 'relations need no tag of their own',
      filename: `${MODELS}/referral.ts`,
      code: `
/** @classification internal */
export interface Campaign { id: string }
/** @classification confidential */
export interface Referral { id: string; campaign: Campaign; previous?: Referral[] }`,
    },
    {
      name: 'TypeORM entity outside the globs, JSDoc above decorators, relation decorator',
      filename: '/srv/referrals-api/src/db/api-client.ts',
      code: `
/** @classification internal */
@Entity()
export class ApiClient {
  @ManyToOne(() => Merchant)
  merchant!: Merchant;
  /** @classification restricted */
  @Column()
  clientSecret!: string;
  /** @classification internal */
  @Column()
  secretArn!: string;
}`,
    },
  ],
  invalid: [
    {
      name: 'unclassified personal field: the suggestion inserts the taxonomy level',
      filename: `${MODELS}/user.ts`,
      code: `export interface User {
  /** @classification internal */
  id: string;
  email: string;
}`,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Field 'User.email' has no classification: add @classification restricted (email address) or a default on 'User' ${LEVELS}` },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 8,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Classify 'User.email' as restricted" },
              output: `export interface User {
  /** @classification internal */
  id: string;
  /** @classification restricted */
  email: string;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a field with an existing JSDoc gets the tag added to it',
      filename: `${MODELS}/payout.ts`,
      code: `/** @classification confidential */
export type Payout = {
  /** Where the money goes. */
  iban: string;
};`,
      errors: [
        {
          messageId: 'finding',
          data: { message: "Field 'Payout.iban' (bank or card details) is classified 'confidential' through the default on 'Payout'; personal data and credentials must be 'restricted'" },
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Classify 'Payout.iban' as restricted" },
              output: `/** @classification confidential */
export type Payout = {
  /** Where the money goes. @classification restricted */
  iban: string;
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'unknown level with a did-you-mean, and a decorator level below restricted',
      filename: `${MODELS}/wallet.ts`,
      code: `export class Wallet {
  /** @classification confidental */
  balanceCents!: number;
  @Classification('internal')
  payoutIban?: string;
}`,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Unknown classification level 'confidental' on 'Wallet.balanceCents'; did you mean 'confidential'? ${LEVELS}` },
          line: 2,
          column: 23,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Use 'confidential'" },
              output: `export class Wallet {
  /** @classification confidential */
  balanceCents!: number;
  @Classification('internal')
  payoutIban?: string;
}`,
            },
          ],
        },
        {
          messageId: 'finding',
          data: { message: "Field 'Wallet.payoutIban' (bank or card details) is classified 'internal'; personal data and credentials must be 'restricted'" },
          line: 4,
          column: 20,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Classify 'Wallet.payoutIban' as restricted" },
              output: `export class Wallet {
  /** @classification confidental */
  balanceCents!: number;
  @Classification('restricted')
  payoutIban?: string;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'zod schema: a field with no taxonomy match is offered every level, the sensitive floor first',
      filename: `${MODELS}/invite.ts`,
      code: `import { z } from 'zod';
export const InviteRequest = z.object({
  message: z.string().max(500),
});`,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Field 'InviteRequest.message' has no classification: add @classification confidential or a default on 'InviteRequest' ${LEVELS}` },
          line: 3,
          column: 3,
          suggestions: ['confidential', 'restricted', 'internal', 'public'].map((level) => ({
            messageId: 'suggestion' as const,
            data: { message: `Classify 'InviteRequest.message' as ${level}` },
            output: `import { z } from 'zod';
export const InviteRequest = z.object({
  /** @classification ${level} */
  message: z.string().max(500),
});`,
          })),
        },
      ],
    },
    {
      name: '@dataModel type outside the globs',
      filename: '/srv/referrals-api/src/lib/audit.ts',
      code: `/** @dataModel */
export interface AuditEvent { /** @classification internal */ id: string; actorEmail: string }`,
      errors: [
        {
          messageId: 'finding',
          data: { message: `Field 'AuditEvent.actorEmail' has no classification: add @classification restricted (email address) or a default on 'AuditEvent' ${LEVELS}` },
          line: 2,
          column: 75,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Classify 'AuditEvent.actorEmail' as restricted" },
              output: `/** @dataModel */
export interface AuditEvent { /** @classification internal */ id: string; /** @classification restricted */ actorEmail: string }`,
            },
          ],
        },
      ],
    },
  ],
});
