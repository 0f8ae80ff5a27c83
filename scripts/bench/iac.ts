/**
 * Bench section "iac": datagate vs cdk-nag (AwsSolutions pack) on the same CDK app,
 * fixtures/corpus/iac-cdk (bin/app.ts → lib/referrals-app.ts, prod stage).
 *
 *   datagate   scans the app's source (the four IaC rules; the require-tls code checks included)
 *   cdk-nag    synthesizes the app in-process with aws-cdk-lib and runs
 *              `Validations.of(app).addPlugins(new AwsSolutionsChecks(app))` (cdk-nag v3), whose
 *              violations land in the cloud assembly's validation-report.json
 *
 * cdk-nag's violations for the controls datagate's IaC rules cover (encryption at rest, TLS,
 * backups/PITR, log retention) are matched to datagate findings on the same construct: the
 * construct path without the stack and the L1 `Resource` child (ReferralsData/PartnerUploads/
 * Resource ↔ datagate resource 'PartnerUploads'). Which cdk-nag rule is which datagate rule comes
 * from rules/aws (`equivalents.cdkNag`), plus the table below for controls the data does not
 * name. Each table row says who found what; where only one tool reports, the reason is printed.
 * Times are measured, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadRequirements } from '../../src/analysis/iac/requirements/load.js';
import { IAC_RULES, type IacRuleId } from '../../src/analysis/iac/requirements/types.js';
import type { Finding } from '../../src/report/finding.js';
import { scan } from '../../src/scanner/scan.js';

const APP_DIR = resolve(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'iac-cdk');

/** A cdk-nag violation: rule, construct path, severity. */
export interface NagViolation {
  rule: string;
  path: string;
  severity: string;
}

/** A datagate IaC finding reduced to what the comparison needs. */
export interface GateFinding {
  rule: string;
  resource?: string;
  file: string;
  line: number;
  message: string;
  kind?: string;
}

/**
 * cdk-nag controls that rules/aws does not list under `equivalents.cdkNag`, with the datagate
 * rule they correspond to — or, with `rule: null`, why datagate is right not to report them.
 */
const RELATED: Record<string, { rule: IacRuleId | null; why?: string }> = {
  'AwsSolutions-RDS13': { rule: 'require-backup' },
  'AwsSolutions-DOC4': { rule: 'require-backup' },
  'AwsSolutions-N4': { rule: 'require-encryption' },
  'AwsSolutions-RS6': { rule: 'require-encryption' },
  'AwsSolutions-ELB5': { rule: 'require-tls' },
  'AwsSolutions-SQS4': {
    rule: null,
    why: 'a queue policy denying aws:SecureTransport=false: datagate checks TLS where data leaves for clients (buckets, listeners, CDNs, caches, search domains, code); SQS and SNS only accept HTTPS from the AWS SDKs by default, so this is hardening rather than the policy line',
  },
  'AwsSolutions-SNS3': { rule: null, why: 'as SQS4, for topics' },
  'AwsSolutions-SNS2': {
    rule: null,
    why: 'a topic without a KMS key: SNS encrypts with an AWS-managed key when asked and the contract passes unset SNS encryption under aws-defaults; the strict preset (encryption: explicit) reports it',
  },
  'AwsSolutions-CFR4': {
    rule: null,
    why: "the minimum TLS version of HTTPS viewer connections (the default *.cloudfront.net certificate allows TLSv1): datagate checks that viewers cannot use plain HTTP, which is the policy line; the TLS version is cdk-nag's hardening control",
  },
  'AwsSolutions-CFR5': { rule: null, why: 'origin SSL protocol versions: as CFR4, a TLS-version control rather than plain-HTTP transmission' },
  'AwsSolutions-RS1': { rule: null, why: 'require_ssl lives in a Redshift parameter group, not on the cluster; not modelled yet' },
};

/** Controls cdk-nag has no rule for, with the datagate rule that covers them. */
const ONLY_DATAGATE_WHY: Record<string, string> = {
  'require-log-retention': 'AwsSolutions has no log-retention rule (neither for log groups nor for the implicit group of a Lambda function)',
  'require-tls': 'AwsSolutions has no rule for ALB listeners serving plain HTTP, CloudFront ALLOW_ALL viewers, or TLS switched off in application code',
  'require-backup': 'cdk-nag checks that RDS backups are on (RDS13), not that they are kept the policy minimum of 7 days (CDK leaves an instance at 1 day)',
  'require-encryption': 'cdk-nag reports what the synthesized template says; datagate also reports what it cannot resolve from source',
};

/** cdk-nag rule id → datagate rule, from rules/aws equivalents and RELATED. */
export function nagRuleMap(): Map<string, IacRuleId | null> {
  const map = new Map<string, IacRuleId | null>();
  for (const req of loadRequirements()) for (const id of req.equivalents?.cdkNag ?? []) map.set(id, req.rule);
  for (const [id, r] of Object.entries(RELATED)) if (!map.has(id)) map.set(id, r.rule);
  return map;
}

/** `ReferralsData/ReferralExports/Bucket/Resource` → `ReferralExports/Bucket` (stack and L1 child removed). */
export function constructId(path: string): string {
  const parts = path.split('/').slice(1);
  while (parts.length > 1 && ['Resource', 'Policy', 'Default'].includes(parts[parts.length - 1]!)) parts.pop();
  return parts.join('/');
}

export interface Comparison {
  both: Array<{ nag: NagViolation; gate: GateFinding }>;
  onlyNag: Array<{ nag: NagViolation; why: string }>;
  onlyGate: Array<{ gate: GateFinding; why: string }>;
}

/** Pairs cdk-nag violations (for the mapped controls) with datagate findings on the same construct and rule. */
export function compare(nag: readonly NagViolation[], gate: readonly GateFinding[], map = nagRuleMap()): Comparison {
  const out: Comparison = { both: [], onlyNag: [], onlyGate: [] };
  const matched = new Set<GateFinding>();
  for (const v of nag) {
    if (!map.has(v.rule)) continue;
    const rule = map.get(v.rule) ?? null;
    const id = constructId(v.path);
    const hit = rule ? gate.find((g) => g.rule === rule && g.resource !== undefined && (g.resource === id || id.startsWith(`${g.resource}/`))) : undefined;
    if (hit) {
      out.both.push({ nag: v, gate: hit });
      matched.add(hit);
    } else {
      out.onlyNag.push({ nag: v, why: RELATED[v.rule]?.why ?? (rule ? `no datagate finding for ${rule} on '${id}' — a gap to investigate` : 'not one of the policy controls') });
    }
  }
  for (const g of gate) {
    if (matched.has(g)) continue;
    const why = g.kind === 'unverifiable' ? 'unverifiable from source (a CDK context value or a runtime input): reported as a warning, never passed' : g.resource === undefined ? 'application code, which cdk-nag does not read' : (ONLY_DATAGATE_WHY[g.rule] ?? '');
    out.onlyGate.push({ gate: g, why });
  }
  return out;
}

async function runDatagate(): Promise<{ ms: number; findings: GateFinding[] }> {
  const start = performance.now();
  const result = await scan({ cwd: APP_DIR, paths: ['.'], only: [...IAC_RULES] });
  const ms = performance.now() - start;
  const findings = result.findings.map((f: Finding) => ({
    rule: f.ruleId,
    resource: typeof f.data?.resource === 'string' ? f.data.resource : undefined,
    file: f.file,
    line: f.line,
    message: f.message,
    kind: f.kind,
  }));
  return { ms, findings };
}

interface ValidationReport {
  pluginReports?: Array<{ pluginName: string; violations?: Array<{ ruleName: string; severity: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
}

async function runCdkNag(): Promise<{ loadMs: number; synthMs: number; violations: NagViolation[] }> {
  const loadStart = performance.now();
  const cdk = await import('aws-cdk-lib');
  const { AwsSolutionsChecks } = await import('cdk-nag');
  const appModule = (await import(pathToFileURL(join(APP_DIR, 'lib', 'referrals-app.ts')).href)) as { addReferralStacks(app: unknown, config: unknown): void };
  const configModule = (await import(pathToFileURL(join(APP_DIR, 'lib', 'config.ts')).href)) as { STAGES: Record<string, unknown> };
  const loadMs = performance.now() - loadStart;
  const outdir = mkdtempSync(join(tmpdir(), 'datagate-cdknag-'));
  try {
    const synthStart = performance.now();
    const app = new cdk.App({ outdir });
    appModule.addReferralStacks(app, configModule.STAGES.prod);
    cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // synth prints its validation report to the console; the comparison below is the output.
    const quiet = silenceConsole();
    try {
      app.synth();
    } catch {
      // A failed validation throws after writing the report: the report is the result.
    } finally {
      quiet();
    }
    const synthMs = performance.now() - synthStart;
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const violations: NagViolation[] = [];
    for (const plugin of report.pluginReports ?? []) {
      if (plugin.pluginName !== 'AwsSolutions') continue;
      for (const v of plugin.violations ?? []) for (const c of v.violatingConstructs) violations.push({ rule: v.ruleName.replace(/\[.*\]$/, ''), path: c.constructPath, severity: v.severity });
    }
    return { loadMs, synthMs, violations };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function silenceConsole(): () => void {
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  const write = process.stderr.write.bind(process.stderr);
  const none = () => undefined;
  Object.assign(console, { log: none, error: none, warn: none, info: none });
  process.stderr.write = (() => true) as typeof process.stderr.write;
  return () => {
    Object.assign(console, saved);
    process.stderr.write = write;
  };
}

export async function benchIac(): Promise<string[]> {
  const lines: string[] = ['IaC: datagate vs cdk-nag (AwsSolutions) on fixtures/corpus/iac-cdk (prod stage)', ''];
  const cold = await runDatagate();
  const warm = await runDatagate();
  let nag: Awaited<ReturnType<typeof runCdkNag>>;
  try {
    nag = await runCdkNag();
  } catch (error) {
    return [...lines, `cdk-nag could not run: ${(error as Error).message}`];
  }
  const cmp = compare(nag.violations, warm.findings);
  const mapped = nag.violations.filter((v) => nagRuleMap().has(v.rule));
  lines.push(
    '| tool | time to a verdict | findings (policy controls) |',
    '|---|---:|---:|',
    `| datagate scan of the source (4 IaC rules), first run in this process | ${cold.ms.toFixed(0)} ms | ${cold.findings.length} |`,
    `| datagate scan of the source, warm | ${warm.ms.toFixed(0)} ms | ${warm.findings.length} |`,
    `| cdk-nag: synth + AwsSolutionsChecks (after ${nag.loadMs.toFixed(0)} ms loading aws-cdk-lib, cdk-nag and the app) | ${nag.synthMs.toFixed(0)} ms | ${mapped.length} of ${nag.violations.length} violations |`,
    '',
    `Found by both (${cmp.both.length}):`,
    ...cmp.both.map(({ nag: v, gate: g }) => `  ${v.rule} ${constructId(v.path)}  ↔  ${g.rule} ${g.file}:${g.line}`),
    '',
    `Only cdk-nag (${cmp.onlyNag.length}):`,
    ...cmp.onlyNag.map(({ nag: v, why }) => `  ${v.rule} ${constructId(v.path)} — ${why}`),
    '',
    `Only datagate (${cmp.onlyGate.length}):`,
    ...cmp.onlyGate.map(({ gate: g, why }) => `  ${g.rule}${g.kind === 'unverifiable' ? ' (warning)' : ''} ${g.resource ?? ''} ${g.file}:${g.line} — ${why}`),
  );
  return lines;
}

// `tsx scripts/bench/iac.ts` runs the section on its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchIac()) console.log(line);
}
