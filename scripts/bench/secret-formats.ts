/**
 * Random, format-valid secrets of the kinds the bench plants, and look-alike values that are
 * not secrets. Every value comes from the seeded PRNG, so the corpus is reproducible; none of
 * them is a live credential.
 */
import { createHmac } from 'node:crypto';
import { BASE62, BASE64, BASE64URL, DIGITS, LOWER, type Random, UPPER } from './random.js';

export const SECRET_KINDS = [
  'aws-access-key-id',
  'aws-secret-access-key',
  'github-token',
  'github-fine-grained-token',
  'gitlab-token',
  'stripe-secret-key',
  'stripe-restricted-key',
  'slack-bot-token',
  'slack-webhook',
  'sendgrid-api-key',
  'google-api-key',
  'npm-token',
  'private-key',
  'jwt',
  'postgres-url',
  'mongodb-url',
  'generic-password',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** What a planted secret is called in code (camelCase) and in env/YAML (UPPER_SNAKE). */
export interface SecretName {
  camel: string;
  env: string;
}

/** Regular expressions a planted value of each kind matches in full (used by the tests). */
export const SECRET_SHAPES: Record<SecretKind, RegExp> = {
  'aws-access-key-id': /^AKIA[A-Z2-7]{16}$/,
  'aws-secret-access-key': /^[A-Za-z0-9/+]{40}$/,
  'github-token': /^ghp_[A-Za-z0-9]{36}$/,
  'github-fine-grained-token': /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/,
  'gitlab-token': /^glpat-[A-Za-z0-9_-]{20}$/,
  'stripe-secret-key': /^sk_live_(?:[A-Za-z0-9]{24}|[A-Za-z0-9]{99})$/,
  'stripe-restricted-key': /^rk_live_(?:[A-Za-z0-9]{24}|[A-Za-z0-9]{99})$/,
  'slack-bot-token': /^xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}$/,
  'slack-webhook': /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,10}\/B[A-Z0-9]{8,10}\/[A-Za-z0-9]{24}$/,
  'sendgrid-api-key': /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/,
  'google-api-key': /^AIza[A-Za-z0-9_-]{35}$/,
  'npm-token': /^npm_[A-Za-z0-9]{36}$/,
  'private-key': /^-----BEGIN (RSA |EC )?PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END (RSA |EC )?PRIVATE KEY-----$/,
  jwt: /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/,
  'postgres-url': /^postgres(?:ql)?:\/\/[a-z_]+:[A-Za-z0-9]{16,24}@[a-z0-9.-]+:5432\/[a-z_]+$/,
  'mongodb-url': /^mongodb\+srv:\/\/[a-z_]+:[A-Za-z0-9]{16,24}@[a-z0-9-]+\.[a-z0-9]{5}\.mongodb\.net\/[a-z_]+\?retryWrites=true&w=majority$/,
  'generic-password': /^[A-Za-z0-9!%^*_=+-]{18,26}$/,
};

const PASSWORD_SYMBOLS = '!%^*-_=+';

/** A random value of `kind`, valid for its format (prefix, length, alphabet, checksum, signature). */
export function makeSecret(rng: Random, kind: SecretKind): string {
  switch (kind) {
    case 'aws-access-key-id':
      return `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    case 'aws-secret-access-key':
      return rng.chars(BASE64, 40);
    case 'github-token':
      return checksummedToken(rng, 'ghp_');
    case 'github-fine-grained-token':
      return `github_pat_${rng.chars(BASE62, 22)}_${rng.chars(BASE62, 59)}`;
    case 'gitlab-token':
      return `glpat-${rng.chars(BASE62 + '-_', 20)}`;
    case 'stripe-secret-key':
      return `sk_live_${rng.chars(BASE62, rng.chance(0.5) ? 24 : 99)}`;
    case 'stripe-restricted-key':
      return `rk_live_${rng.chars(BASE62, rng.chance(0.5) ? 24 : 99)}`;
    case 'slack-bot-token':
      return `xoxb-${rng.chars(DIGITS, rng.int(10, 13))}-${rng.chars(DIGITS, rng.int(10, 13))}-${rng.chars(BASE62, 24)}`;
    case 'slack-webhook':
      return `https://hooks.slack.com/services/T${rng.chars(UPPER + DIGITS, rng.int(8, 10))}/B${rng.chars(UPPER + DIGITS, rng.int(8, 10))}/${rng.chars(BASE62, 24)}`;
    case 'sendgrid-api-key':
      return `SG.${rng.chars(BASE64URL, 22)}.${rng.chars(BASE64URL, 43)}`;
    case 'google-api-key':
      return `AIza${rng.chars(BASE64URL, 35)}`;
    case 'npm-token':
      return checksummedToken(rng, 'npm_');
    case 'private-key':
      return privateKeyPem(rng);
    case 'jwt':
      return signedJwt(rng);
    case 'postgres-url':
      return `${rng.pick(['postgres', 'postgresql'])}://${rng.pick(DB_USERS)}:${rng.chars(BASE62, rng.int(16, 24))}@${rng.pick(SERVICE_WORDS)}-prod.${rng.chars(LOWER + DIGITS, 12)}.${rng.pick(AWS_REGIONS)}.rds.amazonaws.com:5432/${rng.pick(DB_NAMES)}`;
    case 'mongodb-url':
      return `mongodb+srv://${rng.pick(DB_USERS)}:${rng.chars(BASE62, rng.int(16, 24))}@${rng.pick(SERVICE_WORDS)}-cluster.${rng.chars(LOWER + DIGITS, 5)}.mongodb.net/${rng.pick(DB_NAMES)}?retryWrites=true&w=majority`;
    case 'generic-password':
      return genericPassword(rng);
  }
}

/** The names a team would give a variable holding `kind`. */
export function secretName(rng: Random, kind: SecretKind): SecretName {
  const names: Record<SecretKind, SecretName[]> = {
    'aws-access-key-id': [{ camel: 'accessKeyId', env: 'AWS_ACCESS_KEY_ID' }],
    'aws-secret-access-key': [{ camel: 'secretAccessKey', env: 'AWS_SECRET_ACCESS_KEY' }],
    'github-token': [{ camel: 'githubToken', env: 'GITHUB_TOKEN' }, { camel: 'ghToken', env: 'GH_TOKEN' }],
    'github-fine-grained-token': [{ camel: 'githubToken', env: 'GITHUB_PAT' }, { camel: 'releaseToken', env: 'RELEASE_TOKEN' }],
    'gitlab-token': [{ camel: 'gitlabToken', env: 'GITLAB_TOKEN' }],
    'stripe-secret-key': [{ camel: 'stripeSecretKey', env: 'STRIPE_SECRET_KEY' }, { camel: 'apiKey', env: 'STRIPE_API_KEY' }],
    'stripe-restricted-key': [{ camel: 'stripeRestrictedKey', env: 'STRIPE_RESTRICTED_KEY' }],
    'slack-bot-token': [{ camel: 'slackBotToken', env: 'SLACK_BOT_TOKEN' }, { camel: 'botToken', env: 'SLACK_TOKEN' }],
    'slack-webhook': [{ camel: 'slackWebhookUrl', env: 'SLACK_WEBHOOK_URL' }, { camel: 'alertsWebhook', env: 'ALERTS_WEBHOOK' }],
    'sendgrid-api-key': [{ camel: 'sendgridApiKey', env: 'SENDGRID_API_KEY' }, { camel: 'mailApiKey', env: 'MAIL_API_KEY' }],
    'google-api-key': [{ camel: 'mapsApiKey', env: 'GOOGLE_MAPS_API_KEY' }, { camel: 'googleApiKey', env: 'GOOGLE_API_KEY' }],
    'npm-token': [{ camel: 'npmToken', env: 'NPM_TOKEN' }],
    'private-key': [{ camel: 'signingKey', env: 'JWT_PRIVATE_KEY' }, { camel: 'privateKey', env: 'PRIVATE_KEY' }],
    jwt: [{ camel: 'serviceToken', env: 'SERVICE_TOKEN' }, { camel: 'authToken', env: 'INTERNAL_AUTH_TOKEN' }],
    'postgres-url': [{ camel: 'databaseUrl', env: 'DATABASE_URL' }, { camel: 'connectionString', env: 'PG_CONNECTION_STRING' }],
    'mongodb-url': [{ camel: 'mongoUri', env: 'MONGODB_URI' }, { camel: 'mongoUrl', env: 'MONGO_URL' }],
    'generic-password': [
      { camel: 'password', env: 'DB_PASSWORD' },
      { camel: 'dbPassword', env: 'POSTGRES_PASSWORD' },
      { camel: 'adminPassword', env: 'ADMIN_PASSWORD' },
      { camel: 'smtpPassword', env: 'SMTP_PASSWORD' },
    ],
  };
  return rng.pick(names[kind]);
}

/**
 * GitHub and npm tokens end in a CRC32 of their random part, base62-encoded and left-padded
 * to 6 characters; scanners that verify the checksum reject tokens without it.
 */
function checksummedToken(rng: Random, prefix: string): string {
  const body = rng.chars(BASE62, 30);
  return `${prefix}${body}${base62(crc32(body)).padStart(6, '0')}`;
}

function base62(n: number): string {
  let out = '';
  let v = n >>> 0;
  do {
    out = BASE62_DIGITS[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out;
}
const BASE62_DIGITS = DIGITS + UPPER + LOWER;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PEM block with the DER prefix real keys start with; the body is random (seeded). */
function privateKeyPem(rng: Random): string {
  const [label, prefix, bytes] = rng.pick([
    ['RSA PRIVATE KEY', Buffer.from('3082025c02010002818100', 'hex'), 604],
    ['PRIVATE KEY', Buffer.from('308204be020100300d06092a864886f70d0101010500048204a8', 'hex'), 1190],
    ['EC PRIVATE KEY', Buffer.from('307702010104', 'hex'), 115],
  ] as const);
  const body = Buffer.concat([prefix, rng.bytes(bytes - prefix.length)]).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

/** An HS256 JWT, really signed with a seeded random key. */
function signedJwt(rng: Random): string {
  const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = 1_700_000_000 + rng.int(0, 40_000_000);
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const payload = b64url({ sub: rng.pick(['svc-orders', 'svc-billing', 'svc-notifier', 'admin-cli']), scope: rng.pick(['internal', 'admin', 'orders:write']), iat, exp: iat + 31_536_000 });
  const signature = createHmac('sha256', rng.bytes(32)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function genericPassword(rng: Random): string {
  // All four character classes, as a password manager would generate.
  const length = rng.int(18, 26);
  const required = [rng.chars(UPPER, 1), rng.chars(LOWER, 1), rng.chars(DIGITS, 1), rng.chars(PASSWORD_SYMBOLS, 1)];
  let rest = rng.chars(BASE62 + PASSWORD_SYMBOLS, length - required.length);
  for (const ch of required) {
    const at = rng.int(0, rest.length);
    rest = rest.slice(0, at) + ch + rest.slice(at);
  }
  return rest;
}

// ---- vocabulary shared by the templates ----------------------------------------------------
export const SERVICE_WORDS = ['orders', 'billing', 'payments', 'checkout', 'catalog', 'inventory', 'shipping', 'notifier', 'accounts', 'search', 'pricing', 'reviews', 'loyalty', 'invoices', 'returns', 'media', 'analytics', 'gateway', 'auth', 'profiles'];
export const ENTITIES = ['order', 'invoice', 'customer', 'product', 'shipment', 'refund', 'coupon', 'cart', 'review', 'subscription', 'payout', 'address', 'warehouse', 'supplier', 'campaign'];
export const DB_USERS = ['app', 'orders_rw', 'billing_app', 'svc_user', 'api', 'readonly'];
export const DB_NAMES = ['orders', 'billing', 'app', 'catalog', 'accounts', 'inventory'];
export const AWS_REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'];
