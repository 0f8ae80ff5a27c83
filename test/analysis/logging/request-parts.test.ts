import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/policy/knowledge.js';
import { detectIn, summarise } from './helpers.js';

const T = ': log an id, an event type or a masked value instead';

/** rules/logging/sources.yaml `requestParts` samples, without type information (as the ESLint rule runs). */
const samples = (loadKnowledge('logging/sources.yaml') as { requestParts: { samples: { match: string[]; noMatch: string[] } } }).requestParts.samples;

describe('rules/logging/sources.yaml requestParts samples', () => {
  it.each(samples.match)('flags: %s', (code) => {
    expect(detectIn(code).length).toBeGreaterThan(0);
  });
  it.each(samples.noMatch)('stays quiet: %s', (code) => {
    expect(summarise(code, detectIn(code))).toEqual([]);
  });
});

describe('fields of request input, judged by name without type information', () => {
  it('a plain field is not reported; the whole body, a container, free text and a personal field are', () => {
    const code = `import pino from 'pino';
const logger = pino();
export const handler = async (event) => {
  const signup = JSON.parse(event.body ?? '{}');
  logger.info('signup parsed', { referralCode: signup.referralCode, optIn: signup.marketingOptIn });
  logger.info('signup', { profile: signup.profile });
  logger.info('note', signup.note);
  logger.info('contact', signup.email);
  logger.info('raw', signup);
};`;
    expect(summarise(code, detectIn(code))).toEqual([
      `6: personal record from the request body (signup.profile) reaches logger.info${T}`,
      `7: request body (signup.note) reaches logger.info${T}`,
      `8: email address from the request body (signup.email) reaches logger.info${T}`,
      `9: request body (event.body) (with personal record) reaches logger.info${T}`,
    ]);
  });
});
