import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-action.js';
import { git, repoWithPullRequest } from './fixture.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

// Live-format Stripe keys (not real): the secrets lane knows the format.
const KEY_OLD = 'sk_live_51MzQe2LkT8vYwPq3RnBx7cDhJ0aF4gUs';
const KEY_NEW = 'sk_live_51PbR7kHs2XwLm9QzVt4nYcE8dGj6uA1o';

const BASE = {
  'package.json': '{ "name": "referrals-api", "private": true, "type": "module" }\n',
  'src/payments/legacy-client.ts': [
    "import Stripe from 'stripe';",
    '',
    '// Old payout client, kept until the partner migration finishes.',
    `export const legacyStripe = new Stripe('${KEY_OLD}');`,
    '',
  ].join('\n'),
  'src/payments/payouts.ts': [
    "import Stripe from 'stripe';",
    '',
    'export async function payout(accountId: string, amountCents: number) {',
    '  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
    "  return stripe.transfers.create({ amount: amountCents, currency: 'gbp', destination: accountId });",
    '}',
    '',
  ].join('\n'),
};

const HEAD = {
  'src/payments/payouts.ts': [
    "import Stripe from 'stripe';",
    '',
    '// TODO: move back to the secret store before launch',
    `const stripe = new Stripe('${KEY_NEW}');`,
    '',
    'export async function payout(accountId: string, amountCents: number) {',
    "  return stripe.transfers.create({ amount: amountCents, currency: 'gbp', destination: accountId });",
    '}',
    '',
  ].join('\n'),
};

/** Runs what action.yml runs (`node <runs.main>`), with the environment a GitHub runner sets. */
function runAction(workspace: string, event: object, inputs: Record<string, string> = {}, eventName = 'pull_request') {
  const dir = mkdtempSync(join(tmpdir(), 'datagate-runner-'));
  const files = { event: join(dir, 'event.json'), summary: join(dir, 'summary.md'), output: join(dir, 'output.txt') };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_REPOSITORY: 'clicki/referrals-api',
    GITHUB_SERVER_URL: 'https://github.com',
  };
  // the runner passes every input, with action.yml's default when the workflow gives none
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  expect(action.runs.using).toBe('node24');
  const run = spawnSync(process.execPath, [join(ROOT, action.runs.main)], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, summary: readFileSync(files.summary, 'utf8'), outputs };
}

describe('the GitHub Action on a pull request', () => {
  it('reports only the violation the pull request adds, annotates it, writes the summary, SARIF and outputs, and fails the job', () => {
    const { root, baseSha, headSha } = repoWithPullRequest(BASE, HEAD);
    const result = runAction(root, { number: 42, pull_request: { number: 42, base: { sha: baseSha }, head: { sha: headSha } } });

    expect(result.status).toBe(1);
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(annotations).toEqual([
      "::error file=src/payments/payouts.ts,line=4,endLine=4,col=28,endColumn=69,title=datagate no-hardcoded-secrets%3A Secrets must live in a secret store%2C not in code::Hard-coded Stripe secret key 'sk_l****' — read it from a secret store (process.env, Secrets Manager) instead.%0AFix: Read it from process.env.STRIPE_SECRET_KEY%0APolicy: Storage: \"Secrets must be stored in approved secret management systems and not in source code or plaintext\" (data-handling-and-classification-policy.txt:91)",
      "::error title=datagate::1 finding at or above 'error' (1 error): see the job summary",
    ]);
    expect(result.stdout).not.toContain(KEY_NEW);
    expect(result.outputs).toEqual({ findings: '1', errors: '1', warnings: '0', suppressed: '0', baselined: '0', 'sarif-file': 'datagate.sarif', 'exit-code': '1' });

    expect(result.summary).toContain('## ❌ datagate: 1 violation at or above `error`');
    expect(result.summary).toContain(`Only findings on lines changed since \`${baseSha.slice(0, 12)}\` (merge-base \`${baseSha.slice(0, 12)}\`, 1 changed file) are reported; 1 finding on unchanged lines was left out.`);
    expect(result.summary).toContain('| [`no-hardcoded-secrets`](https://github.com/clicki/datagate/blob/main/docs/rules/no-hardcoded-secrets.md) | 1 | 0 | 0 | Storage: "Secrets must be stored in approved secret management systems and not in source code or plaintext" (data-handling-and-classification-policy.txt:91) |');
    expect(result.summary).toContain(`🔴 **error** \`no-hardcoded-secrets\` [src/payments/payouts.ts:4](https://github.com/clicki/referrals-api/blob/${headSha}/src/payments/payouts.ts#L4)`);
    expect(result.summary).toContain("> 4 | const stripe = new Stripe('sk_l****');");
    expect(result.summary).not.toContain(KEY_NEW);

    const sarif = JSON.parse(readFileSync(join(root, 'datagate.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['no-hardcoded-secrets', 'src/payments/payouts.ts', 4],
    ]);
    expect(JSON.stringify(sarif)).not.toContain(KEY_NEW);
  });

  it('passes a pull request that adds nothing new, and scans everything on a push', () => {
    const { root, baseSha, headSha } = repoWithPullRequest(BASE, { 'README.md': '# referrals-api\n\nPayout service.\n' });
    const pr = runAction(root, { pull_request: { number: 43, base: { sha: baseSha }, head: { sha: headSha } } });
    expect(pr.status).toBe(0);
    expect(pr.stdout).not.toContain('::error');
    expect(pr.summary).toContain('## ✅ datagate: no violations');
    expect(pr.outputs.findings).toBe('0');

    const push = runAction(root, { ref: 'refs/heads/main', after: headSha }, {}, 'push');
    expect(push.status).toBe(1);
    expect(push.stdout).toContain('::error file=src/payments/legacy-client.ts,line=4,');
    expect(push.summary).not.toContain('Only findings on lines changed');
  });

  it('annotates at most 10 errors and says in the summary what did not fit', () => {
    const partners = Array.from({ length: 12 }, (_, i) => `  partner${String(i + 1).padStart(2, '0')}: new Stripe('sk_live_51Qa${String(i).padStart(2, '0')}Hs2XwLm9QzVt4nYcE8dGj6uA1oZ'),`);
    const { root, baseSha, headSha } = repoWithPullRequest(BASE, {
      'src/payments/partners.ts': ["import Stripe from 'stripe';", '', 'export const partnerClients = {', ...partners, '};', ''].join('\n'),
    });
    const result = runAction(root, { pull_request: { number: 44, base: { sha: baseSha }, head: { sha: headSha } } });
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::error file='))).toHaveLength(10);
    expect(result.outputs.findings).toBe('12');
    expect(result.summary).toContain('GitHub shows at most 10 error and 10 warning annotations per step: 2 error and 0 warning findings are not annotated on the diff, but all are listed above and in the SARIF report.');
    expect(result.summary).toContain('### Findings (12)');
  });

  it('fails closed (exit 2) on a bad config, with an annotation on the offending line', () => {
    const { root, baseSha, headSha } = repoWithPullRequest({ ...BASE, 'datagate.yml': 'extends: clicki\nrules:\n  no-hardcoded-secret: error\n' }, { 'README.md': 'x\n' });
    const result = runAction(root, { pull_request: { base: { sha: baseSha }, head: { sha: headSha } } });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("::error file=datagate.yml,line=3,col=3,title=datagate: invalid configuration::datagate.yml:3: 'rules' has an unknown key 'no-hardcoded-secret'");
    expect(result.summary).toContain('## ⛔ datagate: the scan could not be trusted');
    expect(result.outputs['exit-code']).toBe('2');
  });

  it('works from the shallow merge-commit checkout actions/checkout makes by default (fetches the base itself)', () => {
    // origin holds main (base) and GitHub's refs/pull/N/merge: the PR merged into its base
    const { root: origin, baseSha, headSha } = repoWithPullRequest(BASE, HEAD);
    git(origin, 'checkout', '-q', '-b', 'pull-45-merge', baseSha);
    git(origin, 'merge', '-q', '--no-ff', '-m', 'Merge head into base', 'feature/payouts');
    git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    const workspace = mkdtempSync(join(tmpdir(), 'datagate-shallow-'));
    git(workspace, 'clone', '-q', '--depth=1', '--branch', 'pull-45-merge', `file://${origin}`, '.');
    expect(git(workspace, 'rev-parse', '--is-shallow-repository')).toBe('true');

    const result = runAction(workspace, { pull_request: { number: 45, base: { sha: baseSha }, head: { sha: headSha } } });
    expect(result.stdout).toContain(`datagate: fetching the pull request's base commit ${baseSha.slice(0, 12)} to find the changed lines`);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::error file=')).map((l) => l.slice(0, l.indexOf(',endLine')))).toEqual(['::error file=src/payments/payouts.ts,line=4']);
    expect(result.outputs.findings).toBe('1');
  });
});
