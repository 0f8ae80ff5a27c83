import { describe, expect, it } from 'vitest';
import { readPrismaModels } from '../../../src/analysis/classification/read-prisma.js';
import { shippedPolicy, summary } from './helpers.js';

const policy = shippedPolicy();

const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum Kind {
  EARNED
  PAID
}

/// Finance's view of a referrer.
/// @classification confidential
model Referrer {
  id       String   @id @default(uuid())
  /// @classification restricted
  email    String   @unique
  // a plain comment is not a doc comment
  phone    String?
  kind     Kind
  verified Boolean  @default(false)
  entries  Entry[]
  address  Address?
  country  String   /// @classification internal

  @@index([country])
}

model Entry {
  id         String   @id
  referrer   Referrer @relation(fields: [referrerId], references: [id])
  /// @classification restricted -- proposed by datagate, review
  referrerId String
  amount     Decimal
}

type Address {
  /// @classification restricted
  line1 String
}
`;

describe('readPrismaModels', () => {
  it('reads models and composite types with /// doc comments, relations, enums and trailing docs', () => {
    const models = readPrismaModels(SCHEMA, '/srv/app/prisma/schema.prisma');
    expect(summary(models, policy)).toEqual([
      'prisma Referrer.id=confidential(inherited)',
      'prisma Referrer.email=restricted(declared)',
      'prisma Referrer.phone=confidential(inherited)',
      'prisma Referrer.kind=confidential(inherited) enum',
      'prisma Referrer.verified=confidential(inherited) enum',
      'prisma Referrer.entries=→Entry',
      'prisma Referrer.address=→Address',
      'prisma Referrer.country=internal(declared)',
      'prisma Entry.id=none',
      'prisma Entry.referrer=→Referrer',
      'prisma Entry.referrerId=restricted(declared)',
      'prisma Entry.amount=none',
      'prisma Address.line1=restricted(declared)',
    ]);
    const phone = models[0]!.fields[2]!;
    expect(SCHEMA.slice(phone.range[0], phone.range[1])).toBe('phone');
    expect(models[1]!.fields[2]!.mark!.pendingReview).toBe(true);
  });
});
