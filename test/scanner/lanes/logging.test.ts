import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../../../src/scanner/scan.js';
import { makeTree } from '../../helpers/tmp.js';

const TAIL = ': log an id, an event type or a masked value instead';

/** A small service whose logging goes through helpers in other files, an alias and a barrel. */
const tree = makeTree({
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '~/*': ['src/*'] } } }),
  'src/lib/logger.ts': `import pino from 'pino';\nexport const logger = pino({ redact: ['password'] });\n`,
  'src/lib/audit.ts': [
    `import { logger } from './logger';`,
    `export function auditLog(action: string, details: Record<string, unknown>) {`,
    `  logger.info({ action, ...details }, 'audit');`,
    `}`,
    `export function auditIds(action: string, ids: { orderId: string }) {`,
    `  logger.info({ action, orderId: ids.orderId }, 'audit');`,
    `}`,
    ``,
  ].join('\n'),
  'src/lib/index.ts': `export * from './audit';\nexport { logger } from './logger';\n`,
  'src/lib/not-a-logger.ts': `export const log = { info: (..._a: unknown[]) => undefined };\n`,
  'src/routes/orders.ts': [
    `import { auditIds, auditLog, logger } from '~/lib';`,
    `import { log } from '~/lib/not-a-logger';`,
    `export function routes(app: { post: Function }) {`,
    `  app.post('/orders', (req: any, res: any) => {`,
    `    auditLog('order.created', { body: req.body });`,
    `    auditIds('order.created', req.body);`,
    `    logger.info({ password: req.body.password }, 'redacted by pino');`,
    `    log.info(req.body);`,
    `    res.sendStatus(201);`,
    `  });`,
    `}`,
    ``,
  ].join('\n'),
  '.env.production': 'LOG_LEVEL=trace\nDEBUG=orders:*\n',
  'config/production.json': '{ "logging": { "level": "debug" } }\n',
});

let result: ScanResult;
beforeAll(async () => {
  result = await scan({ cwd: tree.dir, paths: ['.'], only: ['no-sensitive-logging'] });
});
afterAll(() => tree.cleanup());

describe('logging lane', () => {
  it('follows a helper through a path alias and a barrel re-export, once per flow', () => {
    const rows = result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
    expect(rows).toEqual([
      '.env.production:1:1 Debug logging switched on in production configuration (LOG_LEVEL: trace): debug logging must be restricted in production',
      '.env.production:2:1 DEBUG=orders:* turns on debug output in production configuration: debug logging must be restricted in production',
      'config/production.json:1:16 Debug logging switched on in production configuration (level: debug): debug logging must be restricted in production',
      `src/routes/orders.ts:5:5 request body (req.body) reaches logger.info via auditLog() in src/lib/audit.ts${TAIL}`,
    ]);
  });

  it('carries the path as a code flow: source, helper call, sink', () => {
    const flow = result.findings.find((f) => f.file === 'src/routes/orders.ts')?.flow;
    expect(flow?.map((s) => `${s.file}:${s.line} ${s.message}`)).toEqual([
      'src/routes/orders.ts:5 request body (req.body)',
      'src/routes/orders.ts:5 passed to auditLog()',
      'src/lib/audit.ts:3 logged by logger.info',
    ]);
  });
});
