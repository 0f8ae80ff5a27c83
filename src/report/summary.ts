import { isRuleId, RULES, RULE_IDS, PARSE_ERROR, type FindingRuleId } from '../policy/rules.js';
import type { ScanResult } from '../scanner/scan.js';
import type { Finding } from './finding.js';

/** Totals every people-facing report (markdown, HTML, job summary) shows, computed once. */
export interface ReportSummary {
  filesScanned: number;
  total: number;
  errors: number;
  warnings: number;
  byRule: Array<{ ruleId: FindingRuleId; errors: number; warnings: number; suppressed: number }>;
  byLevel: Array<{ level: string; count: number }>;
  suppressed: { inline: number; exception: number; baseline: number };
}

/** Finding level when no lane says: the policy classes credentials, API keys and tokens as Restricted (policy line 69). */
const RULE_LEVEL: Partial<Record<FindingRuleId, string>> = { 'no-hardcoded-secrets': 'restricted' };
export const UNSTATED_LEVEL = 'not stated';

/** The classification level of the data a finding is about, when the lane or the rule says. */
export function levelOf(finding: Finding, levels: readonly string[]): string {
  for (const key of ['level', 'classification', 'sourceLevel']) {
    const value = finding.data?.[key];
    if (typeof value === 'string' && levels.includes(value.toLowerCase())) return value.toLowerCase();
  }
  return RULE_LEVEL[finding.ruleId] ?? UNSTATED_LEVEL;
}

export function summarize(result: ScanResult): ReportSummary {
  const order: FindingRuleId[] = [...RULE_IDS, PARSE_ERROR];
  const rows = new Map(order.map((id) => [id, { ruleId: id, errors: 0, warnings: 0, suppressed: 0 }]));
  for (const f of result.findings) {
    const row = rows.get(f.ruleId)!;
    if (f.severity === 'error') row.errors++;
    else row.warnings++;
  }
  const suppressed = { inline: 0, exception: 0, baseline: 0 };
  for (const s of result.suppressed ?? []) {
    rows.get(s.ruleId)!.suppressed++;
    suppressed[s.suppression.via]++;
  }
  const levels = result.policy.levels;
  const byLevel = new Map<string, number>();
  for (const f of result.findings) {
    const level = levelOf(f, levels);
    byLevel.set(level, (byLevel.get(level) ?? 0) + 1);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  return {
    filesScanned: result.filesScanned,
    total: result.findings.length,
    errors,
    warnings: result.findings.length - errors,
    byRule: [...rows.values()].filter((r) => r.errors + r.warnings + r.suppressed > 0),
    // highest level first, as a reviewer reads risk
    byLevel: [...levels].reverse().concat(UNSTATED_LEVEL).filter((l) => byLevel.has(l)).map((level) => ({ level, count: byLevel.get(level)! })),
    suppressed,
  };
}

/** `Storage: "Secrets must be stored …" (data-handling-and-classification-policy.txt:91)`. */
export function policyLine(ruleId: FindingRuleId): string {
  if (!isRuleId(ruleId)) return 'datagate could not read this input; a file that cannot be parsed is never silently skipped';
  const p = RULES[ruleId].policy;
  return `${p.section}: "${p.text}" (${p.document}:${p.line})`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
