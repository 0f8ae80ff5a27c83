import { Project, ts as morphTs } from 'ts-morph';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/analysis/logging/analyzer.js';
import { classificationView } from '../../../src/analysis/logging/classification-view.js';
import { detectFlows } from '../../../src/analysis/logging/detect.js';
import { defaultPolicy } from './helpers.js';

const T = ': log an id, an event type or a masked value instead';

/** Runs the engine with a type checker over an in-memory program, as the scanner does. */
function typed(files: Record<string, string>, target: string, policy = defaultPolicy): string[] {
  const { sf, detections } = typedDetections(files, target, policy);
  return detections.map((d) => `${sf.getLineAndCharacterOfPosition(d.range[0]).line + 1}: ${d.message}`);
}

function typedDetections(files: Record<string, string>, target: string, policy = defaultPolicy) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: morphTs.ScriptTarget.ES2022 } });
  for (const [name, text] of Object.entries(files)) project.createSourceFile(name, text);
  const checker = project.getTypeChecker().compilerObject as unknown as ts.TypeChecker;
  const analyzer = new Analyzer({ policy, checker, classification: classificationView(checker, policy), loggerNameHeuristic: true });
  const sf = project.getSourceFileOrThrow(target).compilerNode as unknown as ts.SourceFile;
  return { sf, detections: detectFlows(sf, analyzer, { displayPath: (f) => f.replace(/^\//, '') }) };
}

const MODEL = `
/** @classification confidential */
export interface Member {
  /** @classification internal */
  id: string;
  /** @classification restricted */
  email: string;
  /** @classification public */
  displayName: string;
  /** @classification internal */
  tier: 'gold' | 'silver';
}
`;

describe('with type information', () => {
  it('a value typed as a model with restricted fields is sensitive whatever its name; public and internal fields are not', () => {
    const code = `
import pino from 'pino';
import type { Member } from './models/member';
const logger = pino();
export function f(m: Member, rows: Member[]) {
  logger.info({ m });
  logger.info({ id: m.id, name: m.displayName, tier: m.tier });
  logger.info({ contact: m.email });
  logger.info({ count: rows.length, verified: rows.some((r) => r.tier === 'gold') });
}`;
    expect(typed({ '/models/member.ts': MODEL, '/svc.ts': code }, '/svc.ts')).toEqual([
      `6: Member record with restricted fields email (m) reaches logger.info${T}`,
      `8: restricted field email (m.email) reaches logger.info${T}`,
    ]);
  });

  it('booleans, numbers and dates are not personal data; a helper in another file is followed', () => {
    const lib = `import pino from 'pino';\nconst logger = pino();\nexport function audit(what: string, data: unknown) { logger.info({ what, data }); }\n`;
    const code = `
import { audit } from './lib/audit';
export function f(emailVerified: boolean, passwordChangedAt: Date, tokenCount: number, phone: string) {
  audit('flags', { emailVerified, passwordChangedAt, tokenCount });
  audit('contact', { phone });
}`;
    expect(typed({ '/lib/audit.ts': lib, '/svc.ts': code }, '/svc.ts')).toEqual([`5: phone number (phone) reaches logger.info via audit() in lib/audit.ts${T}`]);
  });

  it('custom levels in datagate.yml decide what is sensitive, not the shipped level names', () => {
    const policy = { ...defaultPolicy, levels: ['open', 'internal', 'secret', 'top-secret'] };
    const model = `
/** @classification secret */
export interface Patient {
  /** @classification internal */
  id: string;
  /** @classification top-secret */
  diagnosis: string;
  /** @classification secret */
  nickname: string;
  /** @classification open */
  clinic: string;
}
`;
    const code = `
import pino from 'pino';
import type { Patient } from './models/patient';
const logger = pino();
export function f(p: Patient) {
  logger.info({ id: p.id, clinic: p.clinic });
  logger.info({ alias: p.nickname });
  logger.info({ d: p.diagnosis });
}`;
    expect(typed({ '/models/patient.ts': model, '/svc.ts': code }, '/svc.ts', policy)).toEqual([
      `7: secret field nickname (p.nickname) reaches logger.info${T}`,
      `8: top-secret field diagnosis (p.diagnosis) reaches logger.info${T}`,
    ]);
  });

  it('a credential-named value typed as an object without sensitive fields (a lexer token) is not a credential', () => {
    const code = `
export interface Token { type: 'scalar' | 'comment'; offset: number; indent: number; source: string }
export enum TokenKind { Scalar, Comment }
export function debugTokens(token: Token, kind: TokenKind, session: { token: string }, bearer: string) {
  console.dir(token, { depth: null });
  console.log(kind);
  console.log(session);
  console.log(bearer);
}`;
    expect(typed({ '/lexer.ts': code }, '/lexer.ts')).toEqual([
      `7: record with personal fields token (session) reaches console.log${T}`,
      `8: token (bearer) reaches console.log${T}`,
    ]);
  });

  it('classified findings carry the model and its fields in data, for the inventory', () => {
    const code = `
import pino from 'pino';
import type { Member } from './models/member';
const logger = pino();
export function f(m: Member) {
  logger.info({ m });
  logger.info({ contact: m.email });
  logger.info({ name: m.displayName });
}`;
    const { detections } = typedDetections({ '/models/member.ts': MODEL, '/svc.ts': code }, '/svc.ts');
    expect(detections.map((d) => d.data)).toEqual([
      { source: 'model', sourceLabel: 'Member record with restricted fields email', sink: 'logger.info', model: 'Member', fields: 'email' },
      { source: 'model', sourceLabel: 'restricted field email', sink: 'logger.info', model: 'Member', fields: 'email' },
    ]);
  });

  it('a primitive field of a typed request body is judged by its type and name; an object part is reported', () => {
    const code = `
import pino from 'pino';
import type { APIGatewayProxyEvent } from 'aws-lambda';
const logger = pino();
interface SignupRequest { referralCode: string; email: string; firstName: string; marketingOptIn: boolean; tier: 'free' | 'pro'; extra: { source: string }; tags: unknown }
export const handler = async (event: APIGatewayProxyEvent) => {
  const signup = JSON.parse(event.body ?? '{}') as SignupRequest;
  logger.info('signup parsed', { referralCode: signup.referralCode, optIn: signup.marketingOptIn, tier: signup.tier });
  logger.info('extra', { extra: signup.extra, tags: signup.tags });
  logger.info('who', { name: signup.firstName });
};`;
    expect(typed({ '/handler.ts': code, '/node_modules/@types/aws-lambda/index.d.ts': 'export interface APIGatewayProxyEvent { body: string | null }' }, '/handler.ts')).toEqual([
      `9: request body (signup.extra) reaches logger.info${T}`,
      `10: personal name from the request body (signup.firstName) reaches logger.info${T}`,
    ]);
  });
});

