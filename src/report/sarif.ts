import type * as Sarif from 'sarif';
import { isRuleId, PARSE_ERROR, RULE_IDS, RULES, type FindingRuleId } from '../policy/rules.js';
import type { ScanResult } from '../scanner/scan.js';
import type { SuppressedFinding } from '../gate/types.js';
import { VERSION } from '../version.js';
import type { Finding, Location } from './finding.js';
import { levelOf, policyLine } from './summary.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/clicki/datagate';
/** GitHub keys `partialFingerprints` by name; the version suffix lets the scheme change later. */
export const FINGERPRINT_KEY = 'datagateFingerprint/v1';

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): every rule with its
 * policy line as help and a `security-severity`; results with partial fingerprints, code flows for
 * data that reaches a log, and every applied suppression (inline → `inSource`, exception or
 * baseline → `external`) with its justification. Snippets and messages arrive already masked.
 */
export function toSarif(result: ScanResult): Sarif.Log {
  const ruleIds: FindingRuleId[] = [...RULE_IDS, PARSE_ERROR];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const withBaseline = Boolean(result.gate?.baseline);
  const results: Sarif.Result[] = [
    ...result.findings.map((f) => toResult(f, index.get(f.ruleId)!, result, withBaseline ? 'new' : undefined)),
    ...(result.suppressed ?? []).map((f) => toResult(f, index.get(f.ruleId)!, result, withBaseline ? (f.suppression.via === 'baseline' ? 'unchanged' : 'new') : undefined)),
  ];
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'datagate',
        semanticVersion: VERSION,
        version: VERSION,
        informationUri: INFORMATION_URI,
        rules: ruleIds.map((id) => descriptor(id, result)),
      },
    },
    automationDetails: { id: 'datagate/' },
    originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileUri(result.cwd)}/` } },
    columnKind: 'utf16CodeUnits',
    results,
    invocations: [
      {
        executionSuccessful: true,
        ...(notifications(result).length > 0 ? { toolExecutionNotifications: notifications(result) } : {}),
      },
    ],
    properties: {
      filesScanned: result.filesScanned,
      presets: result.policy.presets,
      ...(result.gate?.baseline ? { baseline: { file: result.gate.baseline.file, matched: result.gate.baseline.matched, fixed: result.gate.baseline.fixed.length } } : {}),
      ...(result.gate?.changed ? { changedSince: { ref: result.gate.changed.ref, mergeBase: result.gate.changed.mergeBase, outside: result.gate.changed.outside } } : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function formatSarif(result: ScanResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}

function descriptor(id: FindingRuleId, result: ScanResult): Sarif.ReportingDescriptor {
  if (!isRuleId(id)) {
    return {
      id,
      name: 'ParseError',
      shortDescription: { text: 'A file datagate could not read or parse' },
      fullDescription: { text: 'A file that cannot be read or parsed, or a datagate-ignore-next-line comment that names no known rule. Such input is reported, never silently skipped.' },
      help: { text: 'Fix the syntax error (or the rule id in the suppression comment), or exclude the file with `ignore:` in datagate.yml if it is not meant to be scanned.', markdown: 'Fix the syntax error (or the rule id in the suppression comment), or exclude the file with `ignore:` in `datagate.yml` if it is not meant to be scanned.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['datagate', 'parse-error'], precision: 'very-high' },
    };
  }
  const rule = RULES[id];
  const setting = result.policy.rules[id];
  const p = rule.policy;
  const text = [
    rule.description,
    '',
    `Policy (${p.section}, ${p.document}:${p.line}): "${p.text}"`,
    '',
    `How to fix: ${FIXES[id]}`,
    '',
    `Suppress a reviewed case with \`datagate-ignore-next-line ${id} -- <reason>\` on the line above, or an approved entry in the config's \`exceptions:\`.`,
  ].join('\n');
  const markdown = [
    rule.description,
    '',
    `**Policy** — ${p.section} (\`${p.document}:${p.line}\`):`,
    `> ${p.text}`,
    '',
    `**How to fix:** ${FIXES[id]}`,
    '',
    `Suppress a reviewed case with \`datagate-ignore-next-line ${id} -- <reason>\` on the line above, or an approved entry in the config's \`exceptions:\`. [Rule documentation](${rule.docsUrl}).`,
  ].join('\n');
  return {
    id,
    name: pascal(id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text, markdown },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: setting === 'off' ? 'none' : setting, enabled: setting !== 'off' },
    properties: {
      tags: rule.tags,
      'security-severity': rule.securitySeverity.toFixed(1),
      precision: 'high',
      policy: { document: p.document, section: p.section, line: p.line, text: p.text },
    },
  };
}

/** What a developer does about each rule: the "fix" half of every rule's help. */
const FIXES: Record<(typeof RULE_IDS)[number], string> = {
  'no-sensitive-logging': 'log an identifier or a masked value instead of the data itself (mask or hash it with an approved helper, or pick the non-sensitive fields), or configure the logger to redact the field.',
  'no-hardcoded-secrets': 'rotate the secret (it is in the history now), move it to AWS Secrets Manager or SSM SecureString, and read it at run time (process.env or the SDK).',
  'require-encryption': 'turn on encryption at rest for the data store (a KMS key for restricted data).',
  'require-tls': 'serve and call over HTTPS/TLS only: enforce SSL on buckets, use HTTPS listeners, enable in-transit encryption, keep certificate checks on.',
  'require-log-retention': 'set the log group retention within the policy range (7–30 days by default).',
  'require-backup': 'enable point-in-time recovery, or keep automated backups for at least the policy minimum (7 days by default).',
  'require-classification': 'add `@classification <level>` (JSDoc, decorator, GraphQL directive or Prisma doc comment) with the level the data has; personal and credential fields are `restricted`.',
};

function toResult(f: Finding | SuppressedFinding, ruleIndex: number, result: ScanResult, baselineState?: Sarif.Result.baselineState): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.severity,
    kind: 'fail',
    message: { text: f.fix ? `${f.message}\nFix: ${f.fix}` : f.message },
    locations: [{ physicalLocation: physical(f, f.snippet?.lines[f.snippet.highlight.line - f.snippet.firstLine]) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      kind: f.kind,
      classification: levelOf(f, result.policy.levels),
      policy: policyLine(f.ruleId),
      ...(f.fix ? { fix: f.fix } : {}),
    },
  };
  if (baselineState) out.baselineState = baselineState;
  if (f.flow && f.flow.length > 0) {
    out.codeFlows = [
      {
        message: { text: f.flow.map((s) => s.message).join(' → ') },
        threadFlows: [{ locations: f.flow.map((step, i) => ({ location: { physicalLocation: physical(step), message: { text: step.message } }, executionOrder: i + 1 })) }],
      },
    ];
    out.relatedLocations = f.flow.map((step, i) => ({ id: i + 1, physicalLocation: physical(step), message: { text: step.message } }));
  }
  if ('suppression' in f) {
    const s = f.suppression;
    const who = s.approvedBy ? ` (approved by ${s.approvedBy}, expires ${s.expires})` : '';
    out.suppressions = [
      {
        kind: s.kind,
        status: 'accepted',
        justification: `${s.justification}${who} [${s.via}: ${s.source}]`,
        ...(s.via === 'inline' ? { location: { physicalLocation: physical(locationOf(s.source, f.file)) } } : {}),
        properties: { via: s.via, source: s.source, ...(s.approvedBy ? { approvedBy: s.approvedBy, expires: s.expires } : {}) },
      },
    ];
  }
  return out;
}

function locationOf(source: string, fallback: string): Location {
  const match = /^(.*):(\d+)$/.exec(source);
  const line = match ? Number(match[2]) : 1;
  return { file: match ? match[1]! : fallback, line, column: 1, endLine: line, endColumn: 1 };
}

function physical(loc: Location, snippet?: string): Sarif.PhysicalLocation {
  const region: Sarif.Region = { startLine: loc.line, startColumn: loc.column };
  if (loc.endLine > loc.line || loc.endColumn > loc.column) {
    region.endLine = loc.endLine;
    region.endColumn = loc.endColumn;
  }
  if (snippet !== undefined) region.snippet = { text: snippet };
  return { artifactLocation: { uri: fileUri(loc.file), uriBaseId: '%SRCROOT%' }, region };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function fileUri(path: string): string {
  return path.split('/').map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
}

function pathToFileUri(path: string): string {
  const posix = path.replace(/\\/g, '/');
  return `file://${posix.startsWith('/') ? '' : '/'}${fileUri(posix).replace(/\/$/, '')}`;
}

function pascal(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

function notifications(result: ScanResult): Sarif.Notification[] {
  const out: Sarif.Notification[] = [];
  for (const e of result.exceptions ?? []) {
    if (e.expired) out.push({ level: 'warning', message: { text: `Exception for ${e.exception.rule} on '${e.exception.path}' expired on ${e.exception.expires} (${e.source}).` } });
  }
  const fixed = result.gate?.baseline?.fixed.length ?? 0;
  if (fixed > 0) out.push({ level: 'note', message: { text: `${fixed} baseline entr${fixed === 1 ? 'y is' : 'ies are'} no longer found (fixed): regenerate ${result.gate!.baseline!.file} with \`datagate baseline\`.` } });
  return out;
}
