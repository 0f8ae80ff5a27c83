import { describe, expect, it } from 'vitest';
import { readTsModels } from '../../../src/analysis/classification/read-ts.js';
import { parse, shippedPolicy, summary } from './helpers.js';

const policy = shippedPolicy();
const read = (fileName: string, code: string) => summary(readTsModels(parse(fileName, code), { fileName, policy }), policy);

describe('readTsModels', () => {
  it('reads interfaces and object type aliases in a models file, with type-level defaults and nested objects', () => {
    expect(
      read(
        '/srv/app/src/models/user.ts',
        `
export enum Role { Owner = 'owner' }
export type Status = 'active' | 'suspended';
export function label(s: Status) { return s; }
/** @classification confidential */
export interface User {
  id: string;
  /** @classification restricted */
  email: string;
  role: Role;
  status: Status;
  address: { street: string; /** @classification internal */ country: string };
  onChange?: () => void;
  touch(): void;
}
export type Invite = { /** @classification restricted */ email: string; user?: User | null; tags: string[] };`,
      ),
    ).toEqual([
      'interface User.id=confidential(inherited)',
      'interface User.email=restricted(declared)',
      'interface User.role=confidential(inherited) enum',
      'interface User.status=confidential(inherited)',
      'interface User.address=→User.address',
      'interface User.address.street=confidential(inherited)',
      'interface User.address.country=internal(declared)',
      'type Invite.email=restricted(declared)',
      'type Invite.user=→User',
      'type Invite.tags=none',
    ]);
  });

  it('reads classes: decorators, JSDoc above decorators, constructor properties; skips statics, methods and private helpers', () => {
    expect(
      read(
        '/srv/app/src/models/payout.ts',
        `
export class Payout {
  @Classification('restricted') iban!: string;
  @Classified({ level: Level.Confidential }) amountCents!: number;
  /** @classification internal */
  @Column()
  state = 'scheduled';
  private readonly log = new Logger();
  static table = 'payouts';
  format = () => this.iban;
  constructor(/** @classification internal */ public readonly referrerId: string, private readonly clock: Clock) {}
  total(): number { return this.amountCents; }
}`,
      ),
    ).toEqual([
      'class Payout.iban=restricted(declared)',
      'class Payout.amountCents=confidential(declared)',
      'class Payout.state=internal(declared)',
      'class Payout.referrerId=internal(declared)',
    ]);
  });

  it('finds decorated classes and @dataModel types anywhere, and nothing else outside the globs', () => {
    expect(
      read(
        '/srv/app/src/api/types.ts',
        `
@Entity() export class Merchant { @Column() legalName!: string; @OneToMany(() => ApiClient, (c) => c.merchant) clients!: ApiClient[]; }
@Schema() export class Campaign {
  @Prop({ type: Types.ObjectId, ref: 'Merchant' }) merchantId!: Types.ObjectId;
  @Prop({ type: [{ type: Types.ObjectId, ref: Referrer.name }] }) referrers!: Referrer[];
  @Prop({ type: RewardSchema }) reward!: Reward;
  @Prop({ type: String, required: true }) title!: string;
}
@ObjectType() export class ReferralView { @Field() refereeEmail!: string; }
/** @dataModel */
export interface AuditEvent { actorEmail: string }
export interface PageRequest { limit: number; pageToken?: string }
export class ReferralsArgs { first = 25; }`,
      ),
    ).toEqual([
      'typeorm Merchant.legalName=none',
      'typeorm Merchant.clients=→ApiClient',
      'mongoose Campaign.merchantId=→Merchant',
      'mongoose Campaign.referrers=→Referrer',
      'mongoose Campaign.reward=→Reward',
      'mongoose Campaign.title=none',
      'type-graphql ReferralView.refereeEmail=none',
      'interface AuditEvent.actorEmail=none',
    ]);
  });

  it('reads zod object schemas: chains, extend, nested objects, relations to other schemas, enums', () => {
    expect(
      read(
        '/srv/app/src/models/signup.ts',
        `
import { z } from 'zod';
/** @classification internal */
export const Address = z.object({ line1: z.string() });
/** @classification confidential */
export const Signup = z
  .object({
    /** @classification restricted */
    email: z.string().email(),
    plan: z.enum(['starter', 'growth']),
    address: Address.optional(),
    referee: z.object({ /** @classification restricted */ fullName: z.string() }).optional(),
  })
  .strict();
export const AdminSignup = Signup.extend({ /** @classification internal */ role: z.literal('admin') });
export type Signup = z.infer<typeof Signup>;
export const options = { retries: 3 };`,
      ),
    ).toEqual([
      'zod Address.line1=internal(inherited)',
      'zod Signup.email=restricted(declared)',
      'zod Signup.plan=confidential(inherited) enum',
      'zod Signup.address=→Address',
      'zod Signup.referee=→Signup.referee',
      'zod Signup.referee.fullName=restricted(declared)',
      'zod AdminSignup.role=internal(declared) enum',
    ]);
  });

  it('treats types imported from model files and generic parameters as relations', () => {
    expect(
      read(
        '/srv/app/src/models/page.ts',
        `
import type { Referral } from './referral';
import { Merchant } from '../entities/merchant.entity';
import type { Money } from '../lib/money';
/** @classification internal */
export interface Page<T> { items: T[]; first?: Referral; owner: Merchant; total: Money }`,
      ),
    ).toEqual(['interface Page.items=→T', 'interface Page.first=→Referral', 'interface Page.owner=→Merchant', 'interface Page.total=internal(inherited)']);
  });

  it('reads tag variants and docs that trail a field on its own line, not the next field', () => {
    expect(
      read(
        '/srv/app/src/models/user.ts',
        `export interface User {
  id: string; /** @classification internal */
  email: string; /** @Classification: restricted */
  phone: string, /** @classification {confidential} */
  /** Shown on invoices. */
  companyName: string;
}`,
      ),
    ).toEqual([
      'interface User.id=internal(declared)',
      'interface User.email=restricted(declared)',
      'interface User.phone=confidential(declared)',
      'interface User.companyName=none',
    ]);
  });

  it('skips generated files and GraphQL __typename', () => {
    expect(read('/srv/app/src/models/graphql.ts', '/* eslint-disable */\n// This file was automatically generated. DO NOT EDIT.\nexport type User = { email: string };')).toEqual([]);
    expect(read('/srv/app/src/models/user.ts', "export type User = { __typename?: 'User'; /** @classification restricted */ email: string };")).toEqual([
      'type User.email=restricted(declared)',
    ]);
  });

  it('reads the level text range and review marks', () => {
    const code = `export interface User {\n  /** @classification restricted -- proposed by datagate, review */\n  email: string;\n}`;
    const [model] = readTsModels(parse('/srv/app/src/models/user.ts', code), { fileName: '/srv/app/src/models/user.ts', policy });
    const mark = model!.fields[0]!.mark!;
    expect(code.slice(mark.range[0], mark.range[1])).toBe('restricted');
    expect(mark.pendingReview).toBe(true);
  });
});
