import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatInventoryCsv } from '../../src/report/inventory/csv.js';
import { formatInventoryHtml } from '../../src/report/inventory/html.js';
import { formatInventoryMarkdown } from '../../src/report/inventory/markdown.js';
import { scanInventory } from '../../src/scanner/inventory.js';
import { scan } from '../../src/scanner/scan.js';
import { makeTree } from '../helpers/tmp.js';

const corpus = resolve(import.meta.dirname, '../../fixtures/corpus/classification-referrals');

describe('the inventory of the classification corpus', () => {
  it('matches expected-inventory.json exactly', async () => {
    const { inventory } = await scanInventory({ cwd: corpus });
    const expected = JSON.parse(readFileSync(join(corpus, 'expected-inventory.json'), 'utf8'));
    expect(JSON.parse(JSON.stringify(inventory))).toEqual(expected);
  });

  it('prints the same inventory through `datagate inventory --format json`', async () => {
    let out = '';
    const code = await main(['inventory', '.', '--format', 'json'], { cwd: corpus, stdout: (t) => void (out += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(JSON.parse(readFileSync(join(corpus, 'expected-inventory.json'), 'utf8')));
  });

  it('renders markdown, csv and a self-contained html page from the same data', async () => {
    const { inventory } = await scanInventory({ cwd: corpus });
    const md = formatInventoryMarkdown(inventory);
    expect(md).toContain('| restricted | 28 |');
    expect(md).toContain('| User.phone | src/models/user.ts:25 | confidential | restricted |');
    expect(md).toContain('| Campaign.endsAt | src/schemas/campaign.schema.ts:46 | confidential |');

    const csv = formatInventoryCsv(inventory).split('\r\n');
    expect(csv[0]).toBe('model,field,level,source,syntax,file,line,type,relation_to,personal_data,proposed,pending_review,logged_at');
    expect(csv).toContain('User,phone,confidential,inherited,interface,src/models/user.ts,25,string,,phone number,,,');
    expect(csv).toContain("Referral,source,internal,declared,type,src/models/referral.ts,21,'link' | 'qr' | 'import',,,,,");
    expect(csv.length).toBe(1 + 165 + 19 + 1);

    const html = formatInventoryHtml(inventory);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/i);
    expect(html).toContain('<div class="card" data-level="restricted"><b>28</b>restricted</div>');
    expect(html).toContain('<div class="card" data-level="unclassified"><b>7</b>unclassified</div>');
    expect(html).toContain('<tr data-level="unclassified" data-source="unclassified"><td>ReferralView</td><td>refereeEmail</td>');
    expect((html.match(/<tr data-level=/g) ?? []).length).toBe(165 + 19);
  });
});

describe('classification drives no-sensitive-logging', () => {
  const model = (level: string) => `/** @classification internal */
export interface Customer {
  id: string;
  /** @classification ${level} */
  referralCode: string;
  plan: string;
}
`;
  const service = `import type { Customer } from './models/customer';

export function onSignup(customer: Customer): void {
  console.log('new customer', customer);
  console.info('plan', customer.plan);
}
`;
  const tsconfig = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler" } }\n';
  const restricted = makeTree({ 'tsconfig.json': tsconfig, 'src/models/customer.ts': model('restricted'), 'src/service.ts': service });
  const internal = makeTree({ 'tsconfig.json': tsconfig, 'src/models/customer.ts': model('internal'), 'src/service.ts': service });
  afterAll(() => {
    restricted.cleanup();
    internal.cleanup();
  });

  it('a value typed as a model with a restricted field is sensitive; declared internal, it is not', async () => {
    const logged = async (dir: string) =>
      (await scan({ cwd: dir, only: ['no-sensitive-logging'] })).findings.map((f) => `${f.file}:${f.line} ${f.data?.source}`);
    expect(await logged(restricted.dir)).toEqual(['src/service.ts:4 model']);
    expect(await logged(internal.dir)).toEqual([]);
  });

  it('the inventory shows where the restricted field reached a log', async () => {
    const { inventory } = await scanInventory({ cwd: restricted.dir });
    expect(inventory.restrictedInLogs.map((r) => ({ ...r, loggedAt: r.loggedAt.map((l) => `${l.file}:${l.line}`) }))).toEqual([
      { model: 'Customer', field: 'referralCode', file: 'src/models/customer.ts', line: 5, loggedAt: ['src/service.ts:4'] },
    ]);
    const { inventory: quiet } = await scanInventory({ cwd: internal.dir });
    expect(quiet.restrictedInLogs).toEqual([]);
    expect(quiet.summary.byLevel).toEqual({ public: 0, internal: 3, confidential: 0, restricted: 0 });
  });
});

describe('datagate inventory --fix', () => {
  it('tags every unclassified field at the proposed level, marked for review, in each syntax', async () => {
    const tree = makeTree({
      'src/models/user.ts': `export interface User {
  /** @classification internal */
  id: string;
  email: string;
  /** Shown on invoices. */
  companyName: string;
}
`,
      'prisma/schema.prisma': `model Payout {
  /// @classification internal
  id   String @id
  iban String
}
`,
      'schema/api.graphql': `type Referrer {
  id: ID! @classification(level: INTERNAL)
  email: String!
}
`,
    });
    try {
      let out = '';
      const code = await main(['inventory', '--fix'], { cwd: tree.dir, stdout: (t) => void (out += t), stderr: () => {} });
      expect(code).toBe(0);
      expect(out).toBe(
        [
          'prisma/schema.prisma:4  Payout.iban: proposed restricted',
          'schema/api.graphql:3  Referrer.email: proposed restricted',
          'src/models/user.ts:4  User.email: proposed restricted',
          'src/models/user.ts:6  User.companyName: proposed confidential',
          '',
          'datagate: tagged 4 fields in 3 files with "proposed by datagate, review": review each level, then remove the note.',
          '',
        ].join('\n'),
      );
      expect(readFileSync(join(tree.dir, 'src/models/user.ts'), 'utf8')).toBe(`export interface User {
  /** @classification internal */
  id: string;
  /** @classification restricted -- proposed by datagate, review */
  email: string;
  /** Shown on invoices. @classification confidential -- proposed by datagate, review */
  companyName: string;
}
`);
      expect(readFileSync(join(tree.dir, 'prisma/schema.prisma'), 'utf8')).toContain(
        '  /// @classification restricted -- proposed by datagate, review\n  iban String\n',
      );
      expect(readFileSync(join(tree.dir, 'schema/api.graphql'), 'utf8')).toContain(
        '  email: String! @classification(level: RESTRICTED) # proposed by datagate, review\n',
      );
      const { inventory } = await scanInventory({ cwd: tree.dir });
      expect(inventory.summary.unclassified).toBe(0);
      expect(inventory.models.flatMap((m) => m.fields.filter((f) => f.pendingReview).map((f) => `${m.name}.${f.name}`))).toEqual([
        'Payout.iban',
        'Referrer.email',
        'User.email',
        'User.companyName',
      ]);
    } finally {
      tree.cleanup();
    }
  });
});
