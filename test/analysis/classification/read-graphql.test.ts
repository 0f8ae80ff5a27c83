import { describe, expect, it } from 'vitest';
import { graphqlNames, readGraphqlModels } from '../../../src/analysis/classification/read-graphql.js';
import { shippedPolicy, summary } from './helpers.js';

const policy = shippedPolicy();

const SDL = `directive @classification(level: ClassificationLevel!) on FIELD_DEFINITION | OBJECT
enum ClassificationLevel { PUBLIC INTERNAL CONFIDENTIAL RESTRICTED }
enum Stage { PENDING PAID }
scalar DateTime

type Referrer @classification(level: CONFIDENTIAL) {
  id: ID! @classification(level: INTERNAL)
  email: String!
  stage: Stage
  referrals(first: Int): [Referral!]!
  payout: PayoutAccount
  joinedAt: DateTime @classification(level: "public")
}

extend type Referrer {
  nickname: String @classification(level: RESTRICTD)
}

type Query { me: Referrer }
type Mutation { invite(email: String!): Referrer }
input InviteInput { email: String! }
interface Node { id: ID! }
`;

describe('readGraphqlModels', () => {
  it('reads object types and extensions; root types, inputs, interfaces and enums are not models', () => {
    const read = readGraphqlModels(SDL, '/srv/app/schema/api.graphql', graphqlNames('type Referral { id: ID! }\ntype PayoutAccount { id: ID! }'));
    expect(summary(read.models, policy)).toEqual([
      'graphql-sdl Referrer.id=internal(declared)',
      'graphql-sdl Referrer.email=confidential(inherited)',
      'graphql-sdl Referrer.stage=confidential(inherited) enum',
      'graphql-sdl Referrer.referrals=→Referral',
      'graphql-sdl Referrer.payout=→PayoutAccount',
      'graphql-sdl Referrer.joinedAt=public(declared)',
      'graphql-sdl Referrer.nickname=?RESTRICTD',
    ]);
    const nickname = read.models[1]!.fields[0]!.mark!;
    expect(SDL.slice(nickname.range[0], nickname.range[1])).toBe('RESTRICTD');
    const joined = read.models[0]!.fields[5]!.mark!;
    expect(SDL.slice(joined.range[0], joined.range[1])).toBe('public');
  });

  it('without the rest of the schema, an undeclared type name is a value (a library scalar), not a relation', () => {
    expect(summary(readGraphqlModels('type Payout { amount: Money }', '/x.graphql').models, policy)).toEqual(['graphql-sdl Payout.amount=none']);
  });

  it('returns a parse error with its offset instead of throwing', () => {
    const read = readGraphqlModels('type Referrer {\n  id: ID!\n', '/x.graphql');
    expect(read.models).toEqual([]);
    expect(read.error?.message).toMatch(/^Cannot parse GraphQL file: Syntax Error: /);
    expect(read.error?.range[0]).toBe(26);
  });
});
