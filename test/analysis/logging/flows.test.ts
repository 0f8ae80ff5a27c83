import { describe, expect, it } from 'vitest';
import { detectIn, summarise } from './helpers.js';

const T = ': log an id, an event type or a masked value instead';
const PINO = `import pino from 'pino';\nconst logger = pino();\n`;
const run = (code: string) => summarise(PINO + code, detectIn(PINO + code));

describe('flows within a file', () => {
  it('assignment, reassignment and concatenation', () => {
    expect(run(`app.post('/x', (req, res) => {\n  let payload;\n  payload = req.body;\n  logger.info('got ' + payload);\n});`)).toEqual([
      `6: request body (req.body) reaches logger.info${T}`,
    ]);
  });

  it('destructuring: a field is judged by its name; the rest keeps the request body', () => {
    expect(run(`app.post('/x', (req, res) => {\n  const { orderId, password, ...rest } = req.body;\n  logger.info({ orderId });\n  logger.info({ rest });\n  logger.info(\`pw \${password}\`);\n});`)).toEqual([
      `6: request body (req.body) reaches logger.info${T}`,
      `7: password from the request body (password from req.body) reaches logger.info${T}`,
    ]);
  });

  it('object and array literals, spreads, Object.assign, JSON.stringify, String()', () => {
    expect(
      run(
        `export function f(customerEmail: string, phone: string, iban: string, token: string) {\n` +
          `  logger.info([customerEmail]);\n  logger.info({ ...{ phone } });\n  logger.info(Object.assign({}, { iban }));\n  logger.info(JSON.stringify({ t: token }));\n  logger.info(String(phone));\n}`,
      ),
    ).toEqual([
      `4: email address (customerEmail) reaches logger.info${T}`,
      `5: phone number (phone) reaches logger.info${T}`,
      `6: bank or card details (iban) reaches logger.info${T}`,
      `7: token reaches logger.info${T}`,
      `8: phone number (phone) reaches logger.info${T}`,
    ]);
  });

  it('class fields and returns', () => {
    expect(
      run(
        `class Client {\n  private readonly auth: string;\n  constructor(creds: { apiKey: string }) { this.auth = creds.apiKey; }\n  log() { logger.debug({ a: this.auth }); }\n}\n` +
          `function bodyOf(event: { body: string }) { return JSON.parse(event.body); }\nexport const handler = async (event) => { logger.info(bodyOf(event)); };`,
      ),
    ).toEqual([`6: API key or secret (creds.apiKey) reaches logger.debug${T}`, `9: request body (event.body) reaches logger.info${T}`]);
  });

  it('a logging wrapper with rest arguments is a sink; its call site is reported', () => {
    expect(run(`function debugLog(...args: unknown[]) { logger.debug(new Date().toISOString(), ...args); }\napp.get('/me', (req, res) => { debugLog('me', req.headers); });`)).toEqual([
      `4: request headers (req.headers) reaches logger.debug via debugLog()${T}`,
    ]);
  });

  it('a helper whose parameter is named as personal data is reported where it logs, once', () => {
    expect(run(`function notify(email: string) { logger.info(\`mail to \${email}\`); }\nexport function a(u: { email: string }) { notify(u.email); notify('x@y'); }`)).toEqual([
      `3: email address (email) reaches logger.info${T}`,
    ]);
  });

  it('person records by name, not ids of them', () => {
    expect(run(`export async function f(db: any) {\n  const user = await db.users.find();\n  logger.info({ user });\n  logger.info({ user: user.id, userId: user.id, plan: user.plan });\n}`)).toEqual([
      `5: personal record (user) reaches logger.info${T}`,
    ]);
  });

  it('sanitizers, safe facts and partial display', () => {
    expect(
      run(
        `import { createHash } from 'node:crypto';\nimport { maskEmail } from './mask';\n` +
          `export function f(email: string, cardNumber: string, password: string) {\n` +
          `  logger.info({ email: maskEmail(email), hash: createHash('sha256').update(email).digest('hex') });\n` +
          `  logger.info({ last4: cardNumber.slice(-4), len: password.length, kind: typeof password, set: Boolean(password) });\n` +
          `  logger.info({ masked: email.replace(/./g, '*') });\n}`,
      ),
    ).toEqual([]);
  });

  it('logger configuration: morgan body token, pino-http serializer with the body', () => {
    const code =
      `import morgan from 'morgan';\nimport pinoHttp from 'pino-http';\n` +
      `morgan.token('body', (req) => JSON.stringify(req.body));\napp.use(morgan(':method :url :body'));\n` +
      `app.use(pinoHttp({ serializers: { req: (req) => ({ id: req.id, body: req.raw.body }) } }));\n`;
    expect(run(code)).toEqual([
      `5: morgan token ':body' prints request data with every request line: log the request id and status instead`,
      `6: morgan format ':method :url :body' logs every request body (:body): log the request id and status instead`,
      `7: pino serializer 'req' adds request data (the body) to every log line: keep the standard serializer (id, method, url)`,
    ]);
  });

  it('`session` alone is a name, not a session id; sessionId and a credential-named `token` still count', () => {
    expect(
      run(
        `export function closeBrowser(session: string, sessionId: string, token: unknown) {\n` +
          `  console.log(\`The browser '\${session}' is not open\`);\n  console.log(\`closing \${sessionId}\`);\n  console.dir(token, { depth: 4 });\n}`,
      ),
    ).toEqual([
      `5: session identifier or cookie (sessionId) reaches console.log${T}`,
      `6: token reaches console.dir${T}`,
    ]);
  });
});

