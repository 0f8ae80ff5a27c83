import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadPolicy } from '../../../src/policy/load.js';
import { secretsLane } from '../../../src/scanner/lanes/secrets.js';
import { ScannedFile } from '../../../src/scanner/scanned-file.js';
import { scan } from '../../../src/scanner/scan.js';
import { ConfigError } from '../../../src/policy/load.js';
import { makeTree } from '../../helpers/tmp.js';

const policy = loadPolicy({ noConfigFile: true, searchFrom: '/' });
const ADVICE = 'read it from a secret store (process.env, Secrets Manager) instead.';

/** Findings of the lane on one in-memory file, as "line:column message". */
function lane(relPath: string, text: string): string[] {
  const file = new ScannedFile(`/project/${relPath}`, relPath, text);
  return secretsLane.checkFile!(file, policy).map((d) => {
    const p = file.position(d.range[0]);
    return `${p.line}:${p.column} ${d.message}`;
  });
}

describe('the secrets lane', () => {
  it('reads .env files by key, skipping placeholders and references', () => {
    const text = [
      '# local only',
      'PORT=3000',
      'SMTP_PASSWORD="mX7#qL2vN9@kR4"',
      'export SESSION_SECRET=q3Jd8KzN2vLmP9xRt4WcYb7JdE6gA1sUfH0iOp5T # rotated monthly',
      'DB_PASSWORD=${DB_PASSWORD}',
      'API_KEY=<your-api-key>',
    ].join('\n');
    expect(lane('.env.local', text)).toEqual([
      `3:16 Hard-coded password 'mX7#****' in environment variable 'SMTP_PASSWORD' — ${ADVICE}`,
      `4:23 Hard-coded secret 'q3Jd****' in environment variable 'SESSION_SECRET' — ${ADVICE}`,
    ]);
  });

  it('reads docker-compose environment maps and KEY=value lists', () => {
    const text = [
      'services:',
      '  db:',
      '    environment:',
      '      POSTGRES_PASSWORD: postgres',
      '  queue:',
      '    environment:',
      '      - RABBITMQ_DEFAULT_USER=payouts',
      '      - RABBITMQ_DEFAULT_PASS=xQILntr2C57QK3CULb',
    ].join('\n');
    expect(lane('docker-compose.yml', text)).toEqual([`8:31 Hard-coded password 'xQIL****' in environment variable 'RABBITMQ_DEFAULT_PASS' — ${ADVICE}`]);
  });

  it('reports plain-text SSM parameters with secret names, not SecureString ones or dynamic references', () => {
    const text = [
      'Resources:',
      '  PartnerApiKeyParameter:',
      '    Type: AWS::SSM::Parameter',
      '    Properties:',
      '      Name: !Sub /payouts/${Stage}/partner-api-key',
      '      Type: String',
      '      Value: gWDtSrukvLppuoJLX46pdHG7jJ6V',
      '  LegacyTokenParameter:',
      '    Type: AWS::SSM::Parameter',
      '    Properties:',
      '      Type: SecureString',
      '      Value: gWDtSrukvLppuoJLX46pdHG7jJ6V',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      "          DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
      '          STRIPE_KEY: !Ref StripeKeyParam',
    ].join('\n');
    expect(lane('template.yaml', text)).toEqual([
      `7:14 Hard-coded API key 'gWDt****' in plain-text SSM parameter '/payouts/\${Stage}/partner-api-key' — store it as a SecureString parameter or in Secrets Manager instead.`,
    ]);
  });

  it('reads {name, value} pairs in JSON (ECS task definitions) and plain keys', () => {
    const text = JSON.stringify(
      {
        environment: [
          { name: 'NODE_ENV', value: 'production' },
          { name: 'MAILGUN_SIGNING_KEY', value: 'c5a9e2f7b1d84e3a9f6c2b8d4e1a7f3c' },
        ],
        secretName: 'prod/payouts/stripe',
        i18n: { password: 'Passwort', apiKey: 'API-Schlüssel' },
      },
      null,
      2,
    );
    expect(lane('deploy/task.json', text)).toEqual([`9:17 Hard-coded secret 'c5a9****' in environment variable 'MAILGUN_SIGNING_KEY' — ${ADVICE}`]);
  });

  it('reads .npmrc, PEM files and Terraform', () => {
    expect(lane('.npmrc', '//npm.clicki.io/:_authToken=3fa85f64-5717-4562-b3fc-2c963f66afa6\n')).toEqual([
      `1:29 Hard-coded npm registry credential (.npmrc) '3fa8****' — ${ADVICE}`,
    ]);
    expect(lane('.npmrc', '//npm.clicki.io/:_authToken=${NPM_TOKEN}\n')).toEqual([]);
    const body = 'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2ZOqTV7xS4P1c6oqG8b3fxzK1yLq\nW9pR4tY7uJ2hV5nB8cX1zQ6mK3sD0fG9aH4jL7eP2rT5wU8iO1pA6sE3dF0gH';
    expect(lane('certs/dev.key', `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`)).toEqual([
      `1:1 Hard-coded private key 'MIIE****' — ${ADVICE}`,
    ]);
    expect(lane('variables.tf', 'variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "Kq8#vLm2pZ!r"\n}\n')).toEqual([
      `4:16 Hard-coded password 'Kq8#****' in 'db_password' — ${ADVICE}`,
    ]);
    expect(lane('settings.xml', '<settings><servers><server>\n  <id>clicki-nexus</id>\n  <username>deploy</username>\n  <password>Kq8#vLm2pZ!r</password>\n</server></servers></settings>\n')).toEqual([
      `4:13 Hard-coded password 'Kq8#****' in 'password' — ${ADVICE}`,
    ]);
    expect(lane('main.tf', 'resource "aws_db_instance" "db" {\n  password = "Kq8#vLm2pZ!r"\n  username = var.user\n  name = "${local.name}-db"\n}\n')).toEqual([
      `2:15 Hard-coded password 'Kq8#****' in 'password' — ${ADVICE}`,
    ]);
  });

  it('in prose, reports provider formats but not the ones introduced as examples', () => {
    const text = [
      '# Setup',
      'A live key looks like this: sk_live_51ZYMmLOPIwFQuYhrsiF8nfMaunlNy5yX0Y3rNJdqL2kVF8thrxFeUZCRjAbNX7iFdh5',
      '',
      ...Array.from({ length: 8 }, () => 'Deploy steps are described in the runbook; ask #payments-oncall for access to the vault.'),
      'Temporary CI token: ghp_RPsxgW4V8ZcizxEWf2HJRlGrHkx6uHLsMkaq',
      'password: Kq8#vLm2pZ!r',
    ].join('\n');
    expect(lane('docs/setup.md', text)).toEqual([`12:21 Hard-coded GitHub personal access token 'ghp_****' — ${ADVICE}`]);
  });

  it('in TS comments, reports commented-out secrets but not documented examples', () => {
    const text = [
      '/**',
      ' * The SAS token is the part after the question mark. A token looks something like this:',
      ' * `sp=r&st=2023-12-20T14:54:52Z&se=2023-12-20T22:54:52Z&spr=https&sv=2021-06-08&sr=c&sig=aBBKDWQvyuVcTPH9EBp%2FXTI9E%2F%2Fmq171%2BZU178wcwqU%3D`',
      ' */',
      'export interface SasConfig { token: string }',
      "// const apiKey = 'q8ZvT3mKx1LpW6nRy4JbCd7H';",
      'export const apiKey = process.env.API_KEY;',
    ].join('\n');
    expect(lane('src/sas.ts', text)).toEqual([`6:20 Hard-coded API key 'q8Zv****' in 'apiKey' — ${ADVICE}`]);
  });

  it('masks the secret in every output of a scan (message, snippet)', async () => {
    const result = await scan({ cwd: resolve(import.meta.dirname, '../../../fixtures/demo-app'), paths: ['src/config', '.env'], only: ['no-hardcoded-secrets'] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      '.env:5:35',
      'src/config/integrations.ts:6:42',
      'src/config/integrations.ts:14:19',
    ]);
    const json = JSON.stringify(result.findings);
    for (const secret of ['v3tmxvJm8aHGHJSL', 'sk_live_51ZYMmLOPIwFQuYhrsiF8nf', 'boFJTnAYVIhZM5yDoNcQiZ0wIW8se7DI']) expect(json).not.toContain(secret);
    expect(result.findings[1]!.message).toBe(`Hard-coded Stripe secret key 'sk_l****' — ${ADVICE}`);
  });

  it('applies the secrets section of datagate.yml: extra patterns, disabled formats, allowed values', async () => {
    const tree = makeTree({
      'datagate.yml': [
        'secrets:',
        '  patterns:',
        '    - id: clicki-partner-key',
        '      description: Clicki partner API key',
        "      regex: '\\b(?<secret>cpk_[a-f0-9]{32})\\b'",
        '      keywords: [cpk_]',
        '  disable: [slack-webhook-url]',
        "  allowValues: ['^Kq8#vLm2']",
        '',
      ].join('\n'),
      'src/partners.ts': [
        "export const partnerKey = 'cpk_5d46af783b52901a6ccaccdb251bce79';",
        "export const alerts = 'https://hooks.slack.com/services/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';",
        "export const db = { password: 'Kq8#vLm2pZ!r' };",
        '',
      ].join('\n'),
    });
    try {
      const result = await scan({ cwd: tree.dir, only: ['no-hardcoded-secrets'] });
      expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
        `src/partners.ts:1:28 Hard-coded Clicki partner API key 'cpk_****' — ${ADVICE}`,
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('rejects an unknown key in the secrets section', async () => {
    const tree = makeTree({ 'datagate.yml': 'secrets:\n  allowPaths: [test/**]\n', 'a.ts': '' });
    try {
      await expect(scan({ cwd: tree.dir })).rejects.toThrow(ConfigError);
    } finally {
      tree.cleanup();
    }
  });
});
