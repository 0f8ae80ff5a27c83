import { RuleTester } from '../helpers/rule-tester.js';
import rule from '../../src/eslint/rules/no-sensitive-logging.js';

const tester = new RuleTester();
const FILE = '/srv/referrals-api/src/routes/signup.ts';
const TAIL = ': log an id, an event type or a masked value instead';

tester.run('no-sensitive-logging', rule, {
  valid: [
    {
      name: 'request ids, event types and masked identifiers',
      filename: FILE,
      code: `
import pino from 'pino';
import { maskEmail } from '../lib/mask';
const logger = pino();
export function register(app: { post: Function }) {
  app.post('/signup', (req: any, res: any) => {
    logger.info({ requestId: req.id, type: req.body.type, email: maskEmail(req.body.email) }, 'signup');
    logger.info({ fields: Object.keys(req.body), size: JSON.stringify(req.body).length }, 'payload shape');
    res.sendStatus(201);
  });
}`,
    },
    {
      name: 'a local object named log is not a logger',
      filename: FILE,
      code: `
const log = { info: (..._args: unknown[]) => undefined };
export function f(email: string) { log.info(email); }`,
    },
    {
      name: 'fields covered by pino redact paths',
      filename: FILE,
      code: `
import pino from 'pino';
const logger = pino({ redact: { paths: ['password', 'card.number'] } });
export function login(password: string, card: { number: string }) {
  logger.info({ password, card: { number: card.number } }, 'login');
}`,
    },
    {
      name: 'facts about data: ids, counts, flags, expiry',
      filename: FILE,
      code: `
export function session(userId: string, tokenExpiresIn: number, emailVerified: boolean, passwordPolicy: string) {
  console.info('session', { userId, tokenExpiresIn, emailVerified, passwordPolicy });
}`,
    },
  ],
  invalid: [
    {
      name: 'whole request body to console',
      filename: FILE,
      code: `app.post('/signup', (req, res) => {\n  console.log('signup', req.body);\n});`,
      errors: [{ messageId: 'finding', data: { message: `request body (req.body) reaches console.log${TAIL}` }, line: 2, column: 3, endLine: 2, endColumn: 34 }],
    },
    {
      name: 'a wrapper in the same file is a sink; the call site is reported',
      filename: FILE,
      code: `
import winston from 'winston';
const logger = winston.createLogger({ level: 'info' });
function audit(action: string, details: unknown) {
  logger.log('info', action, { details });
}
export const handler = async (event: { body: string }) => {
  audit('created', JSON.parse(event.body));
};`,
      errors: [{ messageId: 'finding', data: { message: `request body (event.body) reaches logger.log via audit()${TAIL}` }, line: 8, column: 3 }],
    },
    {
      name: 'personal data by name, with the masking helper suggested',
      filename: FILE,
      code: `
import { Logger } from '@nestjs/common';
import { maskEmail } from '../lib/mask';
export class InviteService {
  private readonly logger = new Logger(InviteService.name);
  send(refereeEmail: string) {
    this.logger.log({ refereeEmail });
  }
}`,
      errors: [
        {
          messageId: 'finding',
          data: { message: `email address (refereeEmail) reaches this.logger.log${TAIL}` },
          line: 7,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Wrap the sensitive value in maskEmail()' },
              output: `
import { Logger } from '@nestjs/common';
import { maskEmail } from '../lib/mask';
export class InviteService {
  private readonly logger = new Logger(InviteService.name);
  send(refereeEmail: string) {
    this.logger.log({ refereeEmail: maskEmail(refereeEmail) });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an imported logger module is treated as a logger in the editor',
      filename: FILE,
      code: `
import { logger } from '@/lib/logger';
export async function POST(request: Request) {
  const body = await request.json();
  logger.info(\`created \${JSON.stringify(body)}\`);
}`,
      errors: [{ messageId: 'finding', data: { message: `request body (request.json()) reaches logger.info${TAIL}` }, line: 5 }],
    },
  ],
});
