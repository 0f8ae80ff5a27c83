/**
 * The bench corpus: a deterministic (seeded) monorepo of TypeScript services, JSON configs,
 * YAML (Kubernetes, Serverless, docker-compose, CI, Helm) and .env files. Most files are clean
 * but full of look-alikes (UUIDs, hashes, SRI integrity strings, base64 images, i18n text,
 * `passwordPolicy`, env reads, placeholders, AWS's documented example keys, local-only database
 * defaults); about 7.5% carry a planted secret of a known format, recorded in a manifest as
 * (file, line, endLine, kind).
 *
 * Templates write `@@SECRET_n@@` tokens where a secret goes; `finish()` replaces them and
 * records the line each value starts on, so the manifest cannot drift from the text.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Random } from './random.js';
import { AWS_REGIONS, DB_NAMES, ENTITIES, makeSecret, type SecretKind, secretName, type SecretName, SERVICE_WORDS } from './secret-formats.js';

export type CorpusFileKind = 'typescript' | 'json' | 'yaml' | 'env';

export interface PlantedSecret {
  /** Relative to the corpus root, `/` separators. */
  file: string;
  /** 1-based line the value starts on. */
  line: number;
  /** Last line of the value (differs from `line` only for multi-line PEM blocks). */
  endLine: number;
  kind: SecretKind;
  /** The planted value (the manifest lives in .bench/, gitignored; never print it). */
  value: string;
}

export interface CorpusFile {
  file: string;
  kind: CorpusFileKind;
  planted: boolean;
  sha256: string;
}

export interface Manifest {
  seed: string;
  files: CorpusFile[];
  secrets: PlantedSecret[];
}

export interface CorpusOptions {
  /** Directory to (re)create. */
  dir: string;
  files: number;
  seed?: string;
  /** Share of files that get a planted secret. */
  plantRate?: number;
}

export const DEFAULT_SEED = 'datagate-bench-1';
const FILES_PER_SERVICE = 32;

/** Writes the corpus into `dir` (removing what was there) and returns its manifest. */
export function generateCorpus(options: CorpusOptions): Manifest {
  const seed = options.seed ?? DEFAULT_SEED;
  const built = buildCorpus(options.files, seed, options.plantRate ?? 0.075);
  rmSync(options.dir, { recursive: true, force: true });
  for (const f of built) {
    const target = join(options.dir, f.file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.text);
  }
  return {
    seed,
    files: built.map((f) => ({ file: f.file, kind: f.kind, planted: f.secrets.length > 0, sha256: sha256(f.text) })),
    secrets: built.flatMap((f) => f.secrets),
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface BuiltFile {
  file: string;
  kind: CorpusFileKind;
  text: string;
  secrets: PlantedSecret[];
}

/** The corpus in memory: pure function of (count, seed, plantRate). */
export function buildCorpus(count: number, seed: string, plantRate: number): BuiltFile[] {
  const rng = new Random(seed);
  const out: BuiltFile[] = [];
  const usedPaths = new Set<string>();
  const usedServices = new Map<string, number>();
  let service = '';
  for (let i = 0; i < count; i++) {
    if (i % FILES_PER_SERVICE === 0) {
      const base = `${rng.pick(SERVICE_WORDS)}-${rng.pick(['api', 'service', 'worker', 'svc', 'gateway'])}`;
      const n = (usedServices.get(base) ?? 0) + 1;
      usedServices.set(base, n);
      service = n === 1 ? base : `${base}-${n}`;
    }
    const planted = rng.chance(plantRate);
    const template = rng.weighted(planted ? TEMPLATES.filter((t) => t.plantable) : TEMPLATES);
    const plants = planted ? planPlants(rng) : [];
    const ctx = makeContext(rng, service);
    const slots = new Slots(plants, rng);
    const text = template.render(ctx, slots);
    const base = `services/${service}/${template.path(ctx)}`;
    let file = base;
    for (let k = 2; usedPaths.has(file); k++) file = withSuffix(base, k);
    usedPaths.add(file);
    const finished = slots.finish(text, file);
    if (slots.pendingCount > 0) throw new Error(`template ${template.name} did not place its secrets`);
    out.push({ file, kind: template.kind, text: finished.text, secrets: finished.secrets });
  }
  return out;
}

function withSuffix(path: string, k: number): string {
  const slash = path.lastIndexOf('/');
  // Dotfiles keep their prefix (.env.2 is still an env file to every tool).
  if (path[slash + 1] === '.') return `${path}.${k}`;
  const dot = path.indexOf('.', slash + 2);
  return dot < 0 ? `${path}-${k}` : `${path.slice(0, dot)}-${k}${path.slice(dot)}`;
}

// ---- planting --------------------------------------------------------------------------

interface Plant {
  kind: SecretKind;
  value: string;
  name: SecretName;
}

const PLANT_GROUPS: { weight: number; kinds: SecretKind[] }[] = [
  { weight: 3, kinds: ['aws-access-key-id', 'aws-secret-access-key'] },
  { weight: 2, kinds: ['github-token'] },
  { weight: 1, kinds: ['github-fine-grained-token'] },
  { weight: 1, kinds: ['gitlab-token'] },
  { weight: 3, kinds: ['stripe-secret-key'] },
  { weight: 1, kinds: ['stripe-restricted-key'] },
  { weight: 2, kinds: ['slack-bot-token'] },
  { weight: 2, kinds: ['slack-webhook'] },
  { weight: 2, kinds: ['sendgrid-api-key'] },
  { weight: 2, kinds: ['google-api-key'] },
  { weight: 2, kinds: ['npm-token'] },
  { weight: 2, kinds: ['private-key'] },
  { weight: 2, kinds: ['jwt'] },
  { weight: 2, kinds: ['postgres-url'] },
  { weight: 2, kinds: ['mongodb-url'] },
  { weight: 3, kinds: ['generic-password'] },
];

function planPlants(rng: Random): Plant[] {
  return rng.weighted(PLANT_GROUPS).kinds.map((kind) => ({ kind, value: makeSecret(rng, kind), name: secretName(rng, kind) }));
}

const BEARER_KINDS = new Set<SecretKind>(['github-token', 'github-fine-grained-token', 'gitlab-token', 'slack-bot-token', 'sendgrid-api-key', 'npm-token', 'jwt', 'stripe-secret-key']);

/** How a key/value line is written where a template offers a slot. */
type SlotStyle = 'ts-prop' | 'ts-const' | 'yaml-map' | 'yaml-env-list' | 'env';

/** The secrets a file is to carry, handed out at the first slot a template offers. */
class Slots {
  private pending: Plant[];
  private readonly placed = new Map<string, { plant: Plant; rendered: string }>();

  constructor(
    plants: Plant[],
    private readonly rng: Random,
  ) {
    this.pending = [...plants];
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Lines to insert at this place (none once the file's secrets are placed). */
  take(style: SlotStyle, indent: string): string[] {
    const plants = this.pending;
    this.pending = [];
    return plants.flatMap((p) => this.render(style, indent, p));
  }

  /** For JSON: entries to add to an object (values are tokens replaced in finish()). */
  takeJson(): Record<string, string> {
    const plants = this.pending;
    this.pending = [];
    const entries: Record<string, string> = {};
    for (const p of plants) entries[p.name.camel] = this.token(p, JSON.stringify(p.value), true);
    return entries;
  }

  private token(plant: Plant, rendered: string, quoted = false): string {
    const token = `@@SECRET_${this.placed.size}@@`;
    this.placed.set(quoted ? `"${token}"` : token, { plant, rendered });
    return token;
  }

  private render(style: SlotStyle, indent: string, p: Plant): string[] {
    const multiline = p.value.includes('\n');
    switch (style) {
      case 'ts-prop':
        // Tokens are as often pasted straight into a request header as into a named setting.
        if (BEARER_KINDS.has(p.kind) && this.rng.chance(0.3)) return [`${indent}headers: { Authorization: ${this.token(p, `'Bearer ${p.value}'`)} },`];
        return [`${indent}${p.name.camel}: ${this.token(p, multiline ? `\`${p.value}\`` : `'${p.value}'`)},`];
      case 'ts-const':
        return [`${indent}const ${p.name.env} = ${this.token(p, multiline ? `\`${p.value}\`` : `'${p.value}'`)};`];
      case 'yaml-map':
        return [`${indent}${p.name.env}: ${this.token(p, yamlScalar(p.value, `${indent}  `))}`];
      case 'yaml-env-list':
        return [`${indent}- name: ${p.name.env}`, `${indent}  value: ${this.token(p, yamlScalar(p.value, `${indent}    `))}`];
      case 'env':
        return [`${p.name.env}=${this.token(p, multiline || this.rng.chance(0.3) ? JSON.stringify(p.value) : p.value)}`];
    }
  }

  /** Replaces the tokens and records where each value landed. */
  finish(text: string, file: string): { text: string; secrets: PlantedSecret[] } {
    const secrets: PlantedSecret[] = [];
    let out = '';
    let rest = text;
    let line = 1;
    for (;;) {
      let next: { at: number; key: string } | undefined;
      for (const key of this.placed.keys()) {
        const at = rest.indexOf(key);
        if (at >= 0 && (!next || at < next.at)) next = { at, key };
      }
      if (!next) break;
      const { plant, rendered } = this.placed.get(next.key)!;
      const before = rest.slice(0, next.at);
      line += count(before, '\n');
      // A YAML block scalar's range starts at its `|` indicator, on the key's line.
      secrets.push({ file, line, endLine: line + count(rendered, '\n'), kind: plant.kind, value: plant.value });
      line += count(rendered, '\n');
      out += before + rendered;
      rest = rest.slice(next.at + next.key.length);
    }
    return { text: out + rest, secrets };
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function yamlScalar(value: string, blockIndent: string): string {
  if (value.includes('\n')) return `|\n${value.split('\n').map((l) => blockIndent + l).join('\n')}`;
  return /^[A-Za-z0-9_./+-]+$/.test(value) && !/^[0-9]/.test(value) ? value : JSON.stringify(value);
}

// ---- templates -------------------------------------------------------------------------

interface Context {
  rng: Random;
  service: string;
  serviceWord: string;
  entity: string;
  Entity: string;
  entities: string;
  vendor: Vendor;
  region: string;
  db: string;
}

interface Vendor {
  name: string;
  Name: string;
  host: string;
  env: string;
}

const VENDORS: Vendor[] = [
  { name: 'stripe', Name: 'Stripe', host: 'api.stripe.com', env: 'STRIPE_SECRET_KEY' },
  { name: 'sendgrid', Name: 'SendGrid', host: 'api.sendgrid.com', env: 'SENDGRID_API_KEY' },
  { name: 'slack', Name: 'Slack', host: 'slack.com/api', env: 'SLACK_BOT_TOKEN' },
  { name: 'shippo', Name: 'Shippo', host: 'api.goshippo.com', env: 'SHIPPO_API_TOKEN' },
  { name: 'algolia', Name: 'Algolia', host: 'algolia.net', env: 'ALGOLIA_ADMIN_KEY' },
  { name: 'twilio', Name: 'Twilio', host: 'api.twilio.com', env: 'TWILIO_AUTH_TOKEN' },
  { name: 'github', Name: 'GitHub', host: 'api.github.com', env: 'GITHUB_TOKEN' },
  { name: 'maps', Name: 'Maps', host: 'maps.googleapis.com', env: 'GOOGLE_MAPS_API_KEY' },
];

function makeContext(rng: Random, service: string): Context {
  const entity = rng.pick(ENTITIES);
  return {
    rng,
    service,
    serviceWord: service.split('-')[0]!,
    entity,
    Entity: entity[0]!.toUpperCase() + entity.slice(1),
    entities: `${entity}s`,
    vendor: rng.pick(VENDORS),
    region: rng.pick(AWS_REGIONS),
    db: rng.pick(DB_NAMES),
  };
}

interface Template {
  name: string;
  kind: CorpusFileKind;
  weight: number;
  /** Offers a slot where a team would plausibly paste a credential. */
  plantable: boolean;
  path(ctx: Context): string;
  render(ctx: Context, slots: Slots): string;
}

/** Shuffled look-alikes a file picks from: none of them is a secret. */
function lookAlikeConsts(ctx: Context, n: number): string[] {
  const { rng } = ctx;
  const all = [
    `export const DEFAULT_TENANT_ID = '${rng.uuid()}';`,
    `export const BUILD_COMMIT = '${rng.hex(40)}';`,
    `export const SCHEMA_CHECKSUM = 'sha256:${rng.hex(64)}';`,
    `export const ${ctx.entity.toUpperCase()}_CACHE_KEY = '${ctx.entities}:v${rng.int(2, 9)}:${rng.hex(8)}';`,
    `export const PASSWORD_MIN_LENGTH = 12;`,
    `export const TOKEN_HEADER = 'x-${ctx.serviceWord}-token';`,
    `export const SECRET_NAME = 'prod/${ctx.service}/credentials';`,
    `export const API_KEY_HEADER = 'X-Api-Key';`,
    `// Docs example only (AWS's documented placeholder): AKIAIOSFODNN7EXAMPLE`,
    `export const ${ctx.entity.toUpperCase()}_TOPIC_ARN = 'arn:aws:sns:${ctx.region}:${rng.chars('0123456789', 12)}:${ctx.entities}-events';`,
    `export const KMS_KEY_ID = '${rng.uuid()}';`,
    `export const ETAG_SEED = 'W/"${rng.hex(8)}-${rng.hex(27)}"';`,
    `export const PASSWORD_RESET_PATH = '/account/password/reset';`,
    `export const STRIPE_PUBLISHABLE_KEY_ENV = 'STRIPE_PUBLISHABLE_KEY';`,
  ];
  const picked: string[] = [];
  for (let i = 0; i < n; i++) picked.push(all.splice(rng.int(0, all.length - 1), 1)[0]!);
  return picked;
}

function base64Image(rng: Random): string {
  // A PNG header followed by random image data: what an inlined icon looks like.
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), rng.bytes(rng.int(90, 180))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function integrity(rng: Random, algo: 'sha384' | 'sha512'): string {
  return `${algo}-${rng.bytes(algo === 'sha384' ? 48 : 64).toString('base64')}`;
}

function publicKeyPem(rng: Random, indent = ''): string[] {
  const body = Buffer.concat([Buffer.from('30820122300d06092a864886f70d01010105000382010f003082010a0282010100', 'hex'), rng.bytes(262)]).toString('base64');
  return ['-----BEGIN PUBLIC KEY-----', ...(body.match(/.{1,64}/g) ?? []), '-----END PUBLIC KEY-----'].map((l) => indent + l);
}

const tsController: Template = {
  name: 'ts-controller',
  kind: 'typescript',
  weight: 14,
  plantable: true,
  path: (c) => `src/controllers/${c.entity}.controller.ts`,
  render: (c, s) => {
    const { rng } = c;
    const routes: string[] = [];
    const routeCount = rng.int(2, 5);
    for (let i = 0; i < routeCount; i++) {
      const verb = rng.pick(['get', 'post', 'patch', 'delete']);
      const path = verb === 'post' ? `/${c.entities}` : `/${c.entities}/:id${rng.chance(0.3) ? `/${rng.pick(['history', 'events', 'notes', 'status'])}` : ''}`;
      routes.push(
        `  router.${verb}('${path}', requireAuth('${c.entities}:${verb === 'get' ? 'read' : 'write'}'), async (req: Request, res: Response) => {`,
        verb === 'post'
          ? `    const input = create${c.Entity}Schema.parse(req.body);\n    const created = await service.create({ ...input, requestId: req.header('x-request-id') ?? randomUUID() });\n    res.status(201).location(\`/${c.entities}/\${created.id}\`).json(created);`
          : `    const item = await service.${verb === 'get' ? 'get' : verb === 'patch' ? 'update' : 'remove'}(req.params.id${verb === 'patch' ? ', req.body' : ''});\n    if (!item) return res.status(404).json({ error: '${c.Entity} not found', code: '${c.entity.toUpperCase()}_NOT_FOUND' });\n    res.json(item);`,
        `  });`,
        '',
      );
    }
    return [
      `import { randomUUID } from 'node:crypto';`,
      `import { Router, type Request, type Response } from 'express';`,
      `import { z } from 'zod';`,
      `import { requireAuth } from '../middleware/auth.js';`,
      `import type { ${c.Entity}Service } from '../services/${c.entity}.service.js';`,
      '',
      ...s.take('ts-const', ''),
      ...lookAlikeConsts(c, rng.int(0, 2)),
      '',
      `const create${c.Entity}Schema = z.object({`,
      `  customerId: z.string().uuid(),`,
      `  currency: z.enum(['EUR', 'USD', 'GBP']).default('EUR'),`,
      `  note: z.string().max(500).optional(),`,
      `});`,
      '',
      `/** HTTP routes for ${c.entities}; authorisation is checked per route scope. */`,
      `export function ${c.entity}Router(service: ${c.Entity}Service): Router {`,
      `  const router = Router();`,
      '',
      ...routes,
      `  return router;`,
      `}`,
      '',
    ].join('\n');
  },
};

const tsClient: Template = {
  name: 'ts-client',
  kind: 'typescript',
  weight: 12,
  plantable: true,
  path: (c) => `src/clients/${c.vendor.name}.client.ts`,
  render: (c, s) => {
    const { rng, vendor } = c;
    return [
      `import axios, { type AxiosInstance } from 'axios';`,
      '',
      `export interface ${vendor.Name}ClientOptions {`,
      `  baseUrl?: string;`,
      `  timeoutMs?: number;`,
      `}`,
      '',
      `const DEFAULTS = {`,
      `  baseUrl: 'https://${vendor.host}',`,
      `  timeoutMs: ${rng.pick([2000, 5000, 8000, 10000])},`,
      ...s.take('ts-prop', '  '),
      `  retries: ${rng.int(1, 4)},`,
      `  userAgent: '${c.service}/${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}',`,
      `};`,
      '',
      `/** Thin ${vendor.Name} client; the credential comes from the environment (Secrets Manager in prod). */`,
      `export class ${vendor.Name}Client {`,
      `  private readonly http: AxiosInstance;`,
      '',
      `  constructor(options: ${vendor.Name}ClientOptions = {}, private readonly credential = process.env.${vendor.env} ?? '') {`,
      `    if (!credential) throw new Error('${vendor.env} is not set');`,
      `    this.http = axios.create({`,
      `      baseURL: options.baseUrl ?? DEFAULTS.baseUrl,`,
      `      timeout: options.timeoutMs ?? DEFAULTS.timeoutMs,`,
      `      headers: { Authorization: \`Bearer \${this.credential}\`, 'User-Agent': DEFAULTS.userAgent },`,
      `    });`,
      `  }`,
      '',
      `  async send${c.Entity}(id: string, payload: Record<string, unknown>): Promise<void> {`,
      `    await this.http.post(\`/v1/${c.entities}/\${encodeURIComponent(id)}\`, payload, { headers: { 'Idempotency-Key': id } });`,
      `  }`,
      '',
      `  async get${c.Entity}(id: string): Promise<unknown> {`,
      `    const { data } = await this.http.get(\`/v1/${c.entities}/\${encodeURIComponent(id)}\`);`,
      `    return data;`,
      `  }`,
      `}`,
      '',
    ].join('\n');
  },
};

const tsConfigModule: Template = {
  name: 'ts-config',
  kind: 'typescript',
  weight: 10,
  plantable: true,
  path: (c) => `src/config/${c.rng.pick(['index', 'app', 'settings', c.serviceWord])}.ts`,
  render: (c, s) => {
    const { rng } = c;
    return [
      `/** Runtime configuration; every credential is read from the environment (see .env.example). */`,
      `const env = (name: string, fallback?: string): string => {`,
      `  const value = process.env[name] ?? fallback;`,
      `  if (value === undefined) throw new Error(\`Missing environment variable \${name}\`);`,
      `  return value;`,
      `};`,
      '',
      `export const config = {`,
      `  service: '${c.service}',`,
      `  port: Number(process.env.PORT ?? ${rng.pick([3000, 8080, 4000])}),`,
      `  db: {`,
      `    url: env('DATABASE_URL', 'postgres://localhost:5432/${c.db}'),`,
      `    poolSize: ${rng.int(5, 30)},`,
      ...s.take('ts-prop', '    '),
      `    statementTimeoutMs: ${rng.pick([5000, 15000, 30000])},`,
      `  },`,
      `  auth: {`,
      `    jwksUri: 'https://auth.clicki.io/.well-known/jwks.json',`,
      `    audience: '${c.service}',`,
      `    accessTokenTtl: '${rng.pick(['5m', '15m', '1h'])}',`,
      `    passwordPolicy: { minLength: ${rng.pick([10, 12, 14])}, requireDigit: true, requireSymbol: ${rng.chance(0.5)}, maxAgeDays: 90 },`,
      `    passwordResetTokenTtlMinutes: ${rng.pick([15, 30, 60])},`,
      `    apiKeySecretName: 'prod/${c.service}/api-key',`,
      `  },`,
      `  aws: {`,
      `    region: process.env.AWS_REGION ?? '${c.region}',`,
      `    kmsKeyArn: 'arn:aws:kms:${c.region}:${rng.chars('0123456789', 12)}:key/${rng.uuid()}',`,
      `    bucket: '${c.service}-${rng.hex(6)}',`,
      `  },`,
      `  ${c.vendor.name}: { apiKey: env('${c.vendor.env}'), webhookSecret: env('${c.vendor.env.replace(/_[A-Z]+$/, '')}_WEBHOOK_SECRET', '') },`,
      `  features: { ${rng.pick(['newCheckout', 'bulkExport', 'fraudScoring'])}: process.env.FEATURE_FLAGS?.includes('${rng.hex(6)}') ?? false },`,
      `};`,
      '',
      `export type Config = typeof config;`,
      '',
    ].join('\n');
  },
};

const tsAwsClient: Template = {
  name: 'ts-aws',
  kind: 'typescript',
  weight: 6,
  plantable: true,
  path: (c) => `src/lib/${c.rng.pick(['s3', 'dynamo', 'sqs', 'secrets'])}.ts`,
  render: (c, s) =>
    [
      `import { S3Client } from '@aws-sdk/client-s3';`,
      `import { fromEnv } from '@aws-sdk/credential-providers';`,
      '',
      `// Local development uses the documented example credentials against LocalStack:`,
      `//   AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`,
      `//   AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
      `const clientConfig = {`,
      `  region: process.env.AWS_REGION ?? '${c.region}',`,
      ...s.take('ts-prop', '  '),
      `  endpoint: process.env.AWS_ENDPOINT_URL,`,
      `  maxAttempts: ${c.rng.int(2, 5)},`,
      `};`,
      '',
      `export const s3 = new S3Client({ ...clientConfig, credentials: process.env.CI ? fromEnv() : undefined });`,
      `export const uploadsBucket = process.env.UPLOADS_BUCKET ?? '${c.service}-uploads-${c.rng.hex(8)}';`,
      '',
    ].join('\n'),
};

const tsAssets: Template = {
  name: 'ts-assets',
  kind: 'typescript',
  weight: 6,
  plantable: false,
  path: (c) => `src/ui/${c.entity}-assets.ts`,
  render: (c) => {
    const { rng } = c;
    return [
      `/** Inlined assets and pinned third-party scripts (Subresource Integrity). */`,
      `export const PLACEHOLDER_AVATAR = '${base64Image(rng)}';`,
      `export const EMPTY_STATE_ICON = '${base64Image(rng)}';`,
      '',
      `export const THIRD_PARTY_SCRIPTS = [`,
      `  { src: 'https://js.stripe.com/v3/', integrity: '${integrity(rng, 'sha384')}' },`,
      `  { src: 'https://cdn.jsdelivr.net/npm/chart.js@4.4.1/dist/chart.umd.min.js', integrity: '${integrity(rng, 'sha512')}' },`,
      `];`,
      '',
      `export const ${c.entity.toUpperCase()}_COLORS = ['#${rng.hex(6)}', '#${rng.hex(6)}', '#${rng.hex(6)}'] as const;`,
      ...lookAlikeConsts(c, rng.int(2, 4)),
      '',
    ].join('\n');
  },
};

const tsSpec: Template = {
  name: 'ts-spec',
  kind: 'typescript',
  weight: 8,
  plantable: false,
  path: (c) => `test/${c.entity}.service.spec.ts`,
  render: (c) => {
    const { rng } = c;
    const id = rng.uuid();
    return [
      `import { describe, expect, it } from 'vitest';`,
      `import { ${c.Entity}Service } from '../src/services/${c.entity}.service.js';`,
      `import { inMemoryRepo } from './helpers/repo.js';`,
      '',
      `describe('${c.Entity}Service', () => {`,
      `  const fixture = {`,
      `    id: '${id}',`,
      `    customerId: '${rng.uuid()}',`,
      `    email: 'jane.doe@example.com',`,
      `    password: 'correct-horse-battery-staple',`,
      `    createdAt: '2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}T10:${rng.int(10, 59)}:00.000Z',`,
      `    checksum: '${rng.hex(64)}',`,
      `  };`,
      '',
      `  it('returns the stored ${c.entity}', async () => {`,
      `    const service = new ${c.Entity}Service(inMemoryRepo([fixture]));`,
      `    await expect(service.get('${id}')).resolves.toMatchObject({ id: '${id}' });`,
      `  });`,
      '',
      `  it('rejects an unknown id', async () => {`,
      `    const service = new ${c.Entity}Service(inMemoryRepo([]));`,
      `    await expect(service.get('${rng.uuid()}')).resolves.toBeUndefined();`,
      `  });`,
      `});`,
      '',
    ].join('\n');
  },
};

const tsService: Template = {
  name: 'ts-service',
  kind: 'typescript',
  weight: 10,
  plantable: true,
  path: (c) => `src/services/${c.entity}.service.ts`,
  render: (c, s) => {
    const { rng } = c;
    return [
      `import { createHash, randomUUID } from 'node:crypto';`,
      `import type { Repository } from '../lib/repository.js';`,
      `import { logger } from '../lib/logger.js';`,
      '',
      ...s.take('ts-const', ''),
      `const HASH_SALT_PARAMETER = '/${c.service}/hash-salt';`,
      '',
      `export interface ${c.Entity} {`,
      `  id: string;`,
      `  status: 'draft' | 'active' | 'archived';`,
      `  updatedAt: string;`,
      `}`,
      '',
      `export class ${c.Entity}Service {`,
      `  constructor(private readonly repo: Repository<${c.Entity}>) {}`,
      '',
      `  async get(id: string): Promise<${c.Entity} | undefined> {`,
      `    return this.repo.find(id);`,
      `  }`,
      '',
      `  async create(input: Omit<${c.Entity}, 'id' | 'updatedAt' | 'status'> & { requestId: string }): Promise<${c.Entity}> {`,
      `    const item: ${c.Entity} = { ...input, id: randomUUID(), status: 'draft', updatedAt: new Date().toISOString() };`,
      `    logger.info({ ${c.entity}Id: item.id, requestId: input.requestId }, '${c.entity} created');`,
      `    await this.repo.save(item);`,
      `    return item;`,
      `  }`,
      '',
      `  /** Stable, non-reversible key for deduplication (${rng.pick(['SHA-256', 'hex digest'])}). */`,
      `  dedupeKey(item: ${c.Entity}): string {`,
      `    return createHash('sha256').update(\`\${item.id}:\${item.updatedAt}\`).digest('hex');`,
      `  }`,
      `}`,
      '',
      `export const HASH_SALT_SOURCE = HASH_SALT_PARAMETER;`,
      '',
    ].join('\n');
  },
};

const jsonConfig: Template = {
  name: 'json-config',
  kind: 'json',
  weight: 8,
  plantable: true,
  path: (c) => `config/${c.rng.pick(['default', 'production', 'staging', 'development'])}.json`,
  render: (c, s) => {
    const { rng } = c;
    const vendorSection: Record<string, unknown> = { baseUrl: `https://${c.vendor.host}`, timeoutMs: rng.pick([3000, 5000]), apiKeyEnv: c.vendor.env };
    Object.assign(vendorSection, s.takeJson());
    return `${JSON.stringify(
      {
        service: c.service,
        logLevel: rng.pick(['info', 'warn', 'debug']),
        http: { port: rng.pick([3000, 8080]), corsOrigins: ['https://app.clicki.io', 'https://admin.clicki.io'] },
        db: { host: `${c.serviceWord}-db.internal`, port: 5432, database: c.db, user: `${c.serviceWord}_app`, passwordSecretArn: `arn:aws:secretsmanager:${c.region}:${rng.chars('0123456789', 12)}:secret:${c.service}/db-${rng.chars('abcdefABCDEF0123456789', 6)}` },
        auth: { passwordPolicy: { minLength: 12, historySize: 5 }, sessionTtlMinutes: 30, tokenIssuer: 'https://auth.clicki.io/' },
        [c.vendor.name]: vendorSection,
        cache: { keyPrefix: `${c.serviceWord}:${rng.hex(6)}`, ttlSeconds: 300 },
        sentry: { dsn: `https://${rng.hex(32)}@o${rng.int(100000, 999999)}.ingest.sentry.io/${rng.int(1000000, 9999999)}`, tracesSampleRate: 0.1 },
        buildId: rng.hex(40),
      },
      null,
      2,
    )}\n`;
  },
};

const jsonLocale: Template = {
  name: 'json-locale',
  kind: 'json',
  weight: 5,
  plantable: false,
  path: (c) => `locales/${c.rng.pick(['en', 'de', 'fr', 'nl', 'es'])}/${c.entity}.json`,
  render: (c) =>
    `${JSON.stringify(
      {
        [`${c.entity}.title`]: `Your ${c.entities}`,
        'auth.password.label': 'Password',
        'auth.password.hint': 'At least 12 characters, including a number and a symbol.',
        'auth.password.reset': 'Forgot your password? We will email you a reset link.',
        'auth.token.expired': 'Your session has expired. Please sign in again.',
        'settings.apiKey.description': 'API keys let your integrations act on your behalf. Keep them secret.',
        'settings.apiKey.placeholder': '<your-api-key>',
        [`${c.entity}.empty`]: `No ${c.entities} yet.`,
        [`${c.entity}.id`]: `${c.Entity} ID: {{id}}`,
      },
      null,
      2,
    )}\n`,
};

const jsonAssets: Template = {
  name: 'json-assets',
  kind: 'json',
  weight: 4,
  plantable: false,
  path: () => `web/asset-manifest.json`,
  render: (c) => {
    const { rng } = c;
    const files: Record<string, { file: string; integrity: string }> = {};
    for (const name of ['main.js', 'vendor.js', 'main.css', `${c.entity}.js`]) {
      files[name] = { file: `static/${name.replace('.', `.${rng.hex(8)}.`)}`, integrity: integrity(rng, 'sha384') };
    }
    return `${JSON.stringify({ files, entrypoints: Object.values(files).map((f) => f.file), buildHash: rng.hex(20), placeholderImage: base64Image(rng) }, null, 2)}\n`;
  },
};

const jsonFlags: Template = {
  name: 'json-flags',
  kind: 'json',
  weight: 3,
  plantable: false,
  path: () => `config/feature-flags.json`,
  render: (c) => {
    const { rng } = c;
    const flags = Array.from({ length: rng.int(3, 8) }, () => ({ id: rng.uuid(), key: `${c.serviceWord}-${rng.pick(['new', 'beta', 'legacy'])}-${rng.pick(ENTITIES)}`, enabled: rng.chance(0.5), rollout: rng.int(0, 100) }));
    return `${JSON.stringify({ version: rng.int(1, 40), environmentKey: `env-${rng.hex(12)}`, flags }, null, 2)}\n`;
  },
};

const jsonTsconfig: Template = {
  name: 'json-tsconfig',
  kind: 'json',
  weight: 2,
  plantable: false,
  path: () => `tsconfig.json`,
  render: () => `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true }, include: ['src'] }, null, 2)}\n`,
};

const yamlDeployment: Template = {
  name: 'yaml-k8s',
  kind: 'yaml',
  weight: 6,
  plantable: true,
  path: (c) => `k8s/${c.rng.pick(['deployment', 'worker', 'cronjob'])}.yaml`,
  render: (c, s) => {
    const { rng } = c;
    return [
      `apiVersion: apps/v1`,
      `kind: Deployment`,
      `metadata:`,
      `  name: ${c.service}`,
      `  labels:`,
      `    app: ${c.service}`,
      `spec:`,
      `  replicas: ${rng.int(2, 6)}`,
      `  selector:`,
      `    matchLabels:`,
      `      app: ${c.service}`,
      `  template:`,
      `    metadata:`,
      `      labels:`,
      `        app: ${c.service}`,
      `      annotations:`,
      `        checksum/config: ${rng.hex(64)}`,
      `    spec:`,
      `      containers:`,
      `        - name: app`,
      `          image: ${rng.chars('0123456789', 12)}.dkr.ecr.${c.region}.amazonaws.com/${c.service}@sha256:${rng.hex(64)}`,
      `          ports:`,
      `            - containerPort: ${rng.pick([3000, 8080])}`,
      `          env:`,
      `            - name: NODE_ENV`,
      `              value: production`,
      `            - name: DATABASE_URL`,
      `              valueFrom:`,
      `                secretKeyRef:`,
      `                  name: ${c.service}-db`,
      `                  key: url`,
      ...s.take('yaml-env-list', '            '),
      `            - name: ${c.vendor.env}`,
      `              valueFrom:`,
      `                secretKeyRef:`,
      `                  name: ${c.service}-${c.vendor.name}`,
      `                  key: api-key`,
      `            - name: PASSWORD_MIN_LENGTH`,
      `              value: "12"`,
      `          resources:`,
      `            limits:`,
      `              memory: ${rng.pick(['256Mi', '512Mi', '1Gi'])}`,
      '',
    ].join('\n');
  },
};

const yamlServerless: Template = {
  name: 'yaml-serverless',
  kind: 'yaml',
  weight: 4,
  plantable: true,
  path: () => `serverless.yml`,
  render: (c, s) =>
    [
      `service: ${c.service}`,
      `frameworkVersion: '3'`,
      `provider:`,
      `  name: aws`,
      `  runtime: nodejs20.x`,
      `  region: ${c.region}`,
      `  environment:`,
      `    NODE_OPTIONS: --enable-source-maps`,
      `    DATABASE_URL: \${ssm:/${c.service}/database-url}`,
      `    ${c.vendor.env}: \${ssm:/${c.service}/${c.vendor.name}-key}`,
      ...s.take('yaml-map', '    '),
      `    PASSWORD_RESET_TTL: '30m'`,
      `functions:`,
      `  ${c.entity}Handler:`,
      `    handler: dist/handlers/${c.entity}.handler`,
      `    events:`,
      `      - httpApi: 'POST /${c.entities}'`,
      `  ${c.entity}Worker:`,
      `    handler: dist/workers/${c.entity}.handler`,
      `    events:`,
      `      - sqs: arn:aws:sqs:${c.region}:${c.rng.chars('0123456789', 12)}:${c.entities}-queue`,
      '',
    ].join('\n'),
};

const yamlCompose: Template = {
  name: 'yaml-compose',
  kind: 'yaml',
  weight: 4,
  plantable: true,
  path: () => `docker-compose.yml`,
  render: (c, s) =>
    [
      `# Local development only: the database password below is the throwaway default of the postgres image.`,
      `services:`,
      `  db:`,
      `    image: postgres:16`,
      `    environment:`,
      `      POSTGRES_USER: postgres`,
      `      POSTGRES_PASSWORD: postgres`,
      `      POSTGRES_DB: ${c.db}`,
      `    ports: ["5432:5432"]`,
      `  app:`,
      `    build: .`,
      `    environment:`,
      `      DATABASE_URL: postgres://postgres:postgres@db:5432/${c.db}`,
      `      ${c.vendor.env}: \${${c.vendor.env}:?set it in your shell}`,
      ...s.take('yaml-map', '      '),
      `      LOG_LEVEL: debug`,
      `    depends_on: [db]`,
      '',
    ].join('\n'),
};

const yamlCi: Template = {
  name: 'yaml-ci',
  kind: 'yaml',
  weight: 4,
  plantable: true,
  path: () => `.github/workflows/${'ci'}.yml`,
  render: (c, s) => {
    const { rng } = c;
    return [
      `name: ci`,
      `on: [push, pull_request]`,
      `env:`,
      `  NODE_VERSION: 20`,
      ...s.take('yaml-map', '  '),
      `jobs:`,
      `  test:`,
      `    runs-on: ubuntu-latest`,
      `    services:`,
      `      postgres:`,
      `        image: postgres:16`,
      `        env:`,
      `          POSTGRES_PASSWORD: postgres`,
      `    steps:`,
      `      - uses: actions/checkout@${rng.hex(40)} # v4`,
      `      - uses: actions/setup-node@${rng.hex(40)} # v4`,
      `        with:`,
      `          node-version: \${{ env.NODE_VERSION }}`,
      `      - run: npm ci`,
      `        env:`,
      `          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}`,
      `      - run: npm test`,
      `        env:`,
      `          DATABASE_URL: postgres://postgres:postgres@localhost:5432/${c.db}_test`,
      '',
    ].join('\n');
  },
};

const yamlHelm: Template = {
  name: 'yaml-helm',
  kind: 'yaml',
  weight: 3,
  plantable: true,
  path: () => `helm/values.yaml`,
  render: (c, s) => {
    const { rng } = c;
    return [
      `image:`,
      `  repository: ghcr.io/clicki/${c.service}`,
      `  digest: sha256:${rng.hex(64)}`,
      `config:`,
      `  logLevel: info`,
      `  passwordPolicy:`,
      `    minLength: 12`,
      ...s.take('yaml-map', '  '),
      `  jwtPublicKey: |`,
      ...publicKeyPem(rng, '    '),
      `externalSecrets:`,
      `  - name: ${c.service}-${c.vendor.name}`,
      `    remoteRef: prod/${c.service}/${c.vendor.name}`,
      '',
    ].join('\n');
  },
};

const envFile: Template = {
  name: 'env',
  kind: 'env',
  weight: 4,
  plantable: true,
  path: (c) => c.rng.pick(['.env', '.env.production', '.env.staging', '.env.local']),
  render: (c, s) => {
    const { rng } = c;
    return [
      `NODE_ENV=production`,
      `PORT=${rng.pick([3000, 8080])}`,
      `LOG_LEVEL=info`,
      `AWS_REGION=${c.region}`,
      ...s.take('env', ''),
      `FEATURE_FLAGS=${rng.hex(6)},${rng.hex(6)}`,
      `SESSION_TTL_MINUTES=30`,
      '',
    ].join('\n');
  },
};

const envExample: Template = {
  name: 'env-example',
  kind: 'env',
  weight: 3,
  plantable: false,
  path: () => `.env.example`,
  render: (c) =>
    [
      `# Copy to .env and fill in; real values live in AWS Secrets Manager (prod/${c.service}/*).`,
      `DATABASE_URL=postgres://<user>:<password>@localhost:5432/${c.db}`,
      `${c.vendor.env}=<your-${c.vendor.name}-key>`,
      `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`,
      `AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
      `SENDGRID_API_KEY=`,
      `JWT_PRIVATE_KEY=changeme`,
      `SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX`,
      '',
    ].join('\n'),
};

const envTest: Template = {
  name: 'env-test',
  kind: 'env',
  weight: 2,
  plantable: false,
  path: () => `.env.test`,
  render: (c) =>
    [
      `# Throwaway local values for the test database container.`,
      `DATABASE_URL=postgres://postgres:postgres@localhost:5432/${c.db}_test`,
      `REDIS_URL=redis://localhost:6379/1`,
      `MONGO_URL=mongodb://localhost:27017/${c.db}_test`,
      `JWT_AUDIENCE=${c.service}`,
      `PASSWORD_HASH_ROUNDS=4`,
      '',
    ].join('\n'),
};

export const TEMPLATES: readonly Template[] = [
  tsController,
  tsClient,
  tsConfigModule,
  tsAwsClient,
  tsAssets,
  tsSpec,
  tsService,
  jsonConfig,
  jsonLocale,
  jsonAssets,
  jsonFlags,
  jsonTsconfig,
  yamlDeployment,
  yamlServerless,
  yamlCompose,
  yamlCi,
  yamlHelm,
  envFile,
  envExample,
  envTest,
];
