import { describe, expect, it } from 'vitest';
import { createSecretEngine, parseSecretsConfig } from '../../../src/analysis/secrets/engine.js';
import { SecretKnowledgeError } from '../../../src/analysis/secrets/knowledge.js';
import { findAssignments, dotenvAssignments } from '../../../src/analysis/secrets/assignments.js';
import { looksLikeSecretValue, nonSecretShape } from '../../../src/analysis/secrets/generic.js';
import { secretKnowledge } from '../../../src/analysis/secrets/knowledge.js';
import { nameWords } from '../../../src/analysis/secrets/names.js';
import { shannonEntropy } from '../../../src/analysis/secrets/entropy.js';

const STRIPE = 'sk_live_51ZYMmLOPIwFQuYhrsiF8nfMaunlNy5yX0Y3rNJdqL2kVF8thrxFeUZCRjAbNX7iFdh5';
const engine = (section: Record<string, unknown> = {}) => createSecretEngine(parseSecretsConfig(section));

describe('the secret engine', () => {
  it('finds a format by keyword and regex, with the secret range', () => {
    const text = `const key = '${STRIPE}';`;
    const [hit] = engine().findFormats(text);
    expect(hit?.format.id).toBe('stripe-secret-key');
    expect(hit?.secretRange).toEqual([13, 13 + STRIPE.length]);
  });

  it('adds datagate.yml patterns, with keywords and samples', () => {
    const e = engine({
      patterns: [{ id: 'clicki-partner-key', description: 'Clicki partner API key', regex: '\\b(?<secret>cpk_[a-f0-9]{32})\\b', keywords: ['cpk_'] }],
    });
    const [hit] = e.findFormats('PARTNER_KEY=cpk_5d46af783b52901a6ccaccdb251bce79');
    expect(hit?.format.description).toBe('Clicki partner API key');
    expect(hit?.secret).toBe('cpk_5d46af783b52901a6ccaccdb251bce79');
  });

  it('drops disabled formats and the generic detector with `disable`', () => {
    const e = engine({ disable: ['stripe-secret-key', 'generic'] });
    expect(e.findFormats(`key: ${STRIPE}`)).toEqual([]);
    expect(e.generic).toBeUndefined();
    expect(() => engine({ disable: ['stripe-secrt-key'] })).toThrow("unknown format id 'stripe-secrt-key'");
  });

  it('never reports values matching `allowValues`', () => {
    const e = engine({ allowValues: ['^sk_live_51ZYMm'] });
    expect(e.findFormats(`key: ${STRIPE}`)).toEqual([]);
    expect(e.generic!.judge('dbPassword', 'Kq8#vLm2pZ!r')).toBeDefined();
    expect(engine({ allowValues: ['Kq8#'] }).generic!.judge('dbPassword', 'Kq8#vLm2pZ!r')).toBeUndefined();
  });

  it('rejects invalid configuration with a message naming the entry', () => {
    expect(() => parseSecretsConfig({ patterns: [{ id: 'x', regex: '(' }] })).toThrow(SecretKnowledgeError);
    expect(() => parseSecretsConfig({ allowValues: ['['] })).toThrow('secrets.allowValues[0]: invalid regex');
  });

  it('keeps the more specific format when two overlap (GCP service account over a bare PEM)', () => {
    const sample = secretKnowledge().formats.find((f) => f.id === 'gcp-service-account-key')!.samples.positive[0]!.text;
    expect(engine().findFormats(sample).map((h) => h.format.id)).toEqual(['gcp-service-account-key']);
  });
});

describe('value and name heuristics', () => {
  it('splits names into words', () => {
    expect(nameWords('stripeSecretKey')).toEqual(['stripe', 'secret', 'key']);
    expect(nameWords('X-Api-Key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('DB_PASSWORD2')).toEqual(['db', 'password', '2']);
  });

  it('knows shapes that are not secrets', () => {
    expect(nonSecretShape('3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe('UUID');
    expect(nonSecretShape('sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC')).toBe('integrity hash');
    expect(nonSecretShape('@aws-cdk/aws-rds:preventRenderingDeprecatedCredentials')).toBe('words');
    expect(nonSecretShape('auth.password.label')).toBe('key path');
    expect(nonSecretShape('STRIPE_SECRET_KEY')).toBe('variable name');
    expect(nonSecretShape('Kq8#vLm2pZ!r')).toBeUndefined();
  });

  it('asks more of a token than of a password', () => {
    const { generic } = secretKnowledge();
    expect(looksLikeSecretValue('Kq8#vLm2pZ!r', 'password', generic)).toBe(true);
    expect(looksLikeSecretValue('Kq8#vLm2pZ!r', 'token', generic)).toBe(false);
    expect(looksLikeSecretValue('q8ZvT3mKx1LpW6nRy4JbCd7H', 'token', generic)).toBe(true);
    expect(shannonEntropy('aaaa')).toBe(0);
  });

  it('reads assignments in text and dotenv lines with their value offsets', () => {
    const text = 'db.password = "Kq8#vLm2pZ!r"\n';
    expect(findAssignments(text, true)).toEqual([{ name: 'db.password', value: 'Kq8#vLm2pZ!r', start: 15 }]);
    expect(findAssignments('password = var.db_password', true)).toEqual([]);
    expect(dotenvAssignments("export TOKEN='abc def' # note\nPLAIN=value # comment\n")).toEqual([
      { name: 'TOKEN', value: 'abc def', start: 14 },
      { name: 'PLAIN', value: 'value', start: 36 },
    ]);
  });
});
