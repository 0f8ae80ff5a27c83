import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvCore, Options, Plugin } from 'ajv';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Lane } from '../../src/scanner/lane.js';
import { createBaseline } from '../../src/gate/baseline.js';
import { applyGate } from '../../src/gate/gate.js';
import { RULE_IDS } from '../../src/policy/rules.js';
import { FINGERPRINT_KEY, formatSarif } from '../../src/report/sarif.js';
import { scan } from '../../src/scanner/scan.js';
import { writeTree } from '../gate/helpers.js';

// The official SARIF 2.1.0 schema (OASIS errata 01) is JSON Schema draft-04: ajv-draft-04 reads it.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../data/sarif-schema-2.1.0.json'), 'utf8'));
// both packages are CommonJS whose module.exports is the default export
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as new (options: Options) => AjvCore;
const addFormats = require('ajv-formats') as Plugin<unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** A test lane that reports one source→sink flow across two files (what no-sensitive-logging emits). */
const flowLane: Lane = {
  id: 'test-flow',
  rules: ['no-sensitive-logging'],
  checkProgram(ctx) {
    const sink = ctx.files.find((f) => f.relPath === 'src/routes/signup.ts');
    const helper = ctx.files.find((f) => f.relPath === 'src/lib/audit.ts');
    if (!sink || !helper) return [];
    const call = sink.text.indexOf('audit(req.body)');
    const log = helper.text.indexOf('logger.info(payload)');
    return [
      {
        file: sink.path,
        ruleId: 'no-sensitive-logging',
        message: 'req.body (request body) reaches logger.info through audit() in src/lib/audit.ts',
        range: [call, call + 'audit(req.body)'.length],
        flow: [
          { file: sink.path, range: [call + 6, call + 14], message: 'req.body: the request body (source)' },
          { file: helper.path, range: [log, log + 'logger.info(payload)'.length], message: 'logger.info(payload) (sink)' },
        ],
      },
    ];
  },
};

const KEY = 'sk_live_51MzQe2LkT8vYwPq3RnBx7cDhJ0aF4gUs';

async function fixtureResult() {
  const cwd = writeTree({
    'src/routes/signup.ts': ["import { audit } from '../lib/audit';", '', 'export function signup(req: { body: unknown }) {', '  audit(req.body);', '}', ''].join('\n'),
    'src/lib/audit.ts': ["import { logger } from './logger';", '', 'export function audit(payload: unknown) {', '  logger.info(payload);', '}', ''].join('\n'),
    'src/payments/client.ts': ["import Stripe from 'stripe';", `export const stripe = new Stripe('${KEY}');`, ''].join('\n'),
    'test/payments.test.ts': [
      "import Stripe from 'stripe';",
      '// datagate-ignore-next-line no-hardcoded-secrets -- revoked key kept to test the key-rotation alarm',
      `export const revoked = new Stripe('${KEY.replace('Q', 'R')}');`,
      '',
    ].join('\n'),
  });
  return scan({ cwd, lanes: [flowLane] });
}

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema and carries what GitHub code scanning reads', async () => {
    const result = await fixtureResult();
    const text = formatSarif(result);
    const log = JSON.parse(text) as Sarif.Log;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.replace('Q', 'R'));

    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([...RULE_IDS, 'parse-error']);
    const secrets = run.tool.driver.rules!.find((r) => r.id === 'no-hardcoded-secrets')!;
    expect(secrets.shortDescription!.text).toBe('Secrets must live in a secret store, not in code');
    expect(secrets.fullDescription!.text).toMatch(/^API keys, tokens, passwords/);
    expect(secrets.help!.text).toContain('Policy (Storage, data-handling-and-classification-policy.txt:91): "Secrets must be stored in approved secret management systems and not in source code or plaintext"');
    expect(secrets.help!.text).toContain('How to fix: rotate the secret');
    expect(secrets.properties).toMatchObject({ 'security-severity': '9.0', tags: ['security', 'secrets', 'external/cwe/cwe-798'] });

    const brief = run.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region!.startLine, r.suppressions?.[0]?.kind ?? '-']);
    expect(brief).toEqual([
      ['no-hardcoded-secrets', 'src/payments/client.ts', 2, '-'],
      ['no-sensitive-logging', 'src/routes/signup.ts', 4, '-'],
      ['no-hardcoded-secrets', 'test/payments.test.ts', 3, 'inSource'],
    ]);
    for (const r of run.results!) expect(r.partialFingerprints![FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);

    const secret = run.results![0]!;
    expect(secret.locations![0]!.physicalLocation!.region).toEqual({ startLine: 2, startColumn: 35, endLine: 2, endColumn: 76, snippet: { text: "export const stripe = new Stripe('sk_l****');" } });

    const flow = run.results![1]!;
    expect(flow.codeFlows![0]!.threadFlows[0]!.locations.map((l) => [l.location!.physicalLocation!.artifactLocation!.uri, l.location!.physicalLocation!.region!.startLine, l.location!.message!.text])).toEqual([
      ['src/routes/signup.ts', 4, 'req.body: the request body (source)'],
      ['src/lib/audit.ts', 4, 'logger.info(payload) (sink)'],
    ]);

    const suppressed = run.results![2]!;
    expect(suppressed.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'revoked key kept to test the key-rotation alarm [inline: test/payments.test.ts:2]',
        location: { physicalLocation: { artifactLocation: { uri: 'test/payments.test.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1 } } },
        properties: { via: 'inline', source: 'test/payments.test.ts:2' },
      },
    ]);
  });

  it('marks baseline findings as unchanged and suppressed (external), new ones as new, and still validates', async () => {
    const result = await fixtureResult();
    const baseline = createBaseline(result.findings.filter((f) => f.ruleId === 'no-hardcoded-secrets'));
    const gated = applyGate(result, { failOn: 'error', baseline: { file: '.datagate-baseline.json', data: baseline } });
    const log = JSON.parse(formatSarif(gated)) as Sarif.Log;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const brief = log.runs[0]!.results!.map((r) => [r.ruleId, r.baselineState, r.suppressions?.[0]?.kind ?? '-']);
    expect(brief).toEqual([
      ['no-sensitive-logging', 'new', '-'],
      ['no-hardcoded-secrets', 'new', 'inSource'],
      ['no-hardcoded-secrets', 'unchanged', 'external'],
    ]);
    expect(log.runs[0]!.properties).toMatchObject({ baseline: { file: '.datagate-baseline.json', matched: 1, fixed: 0 } });
  });
});
