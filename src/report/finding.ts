import type { FindingRuleId } from '../policy/rules.js';
import type { Severity } from '../policy/types.js';

export type FindingKind = 'violation' | 'unverifiable' | 'parse-error';

export interface Location {
  /** Relative to the scan's cwd, `/`-separated. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  /** 1-based, exclusive (the column after the last character), as SARIF counts. */
  endColumn: number;
}

export interface FlowLocation extends Location {
  message: string;
}

/** Source lines around a finding, secrets already masked: all a formatter may show of the code. */
export interface Snippet {
  /** 1-based number of the first line in `lines`. */
  firstLine: number;
  lines: string[];
  /** Where the finding sits within the masked lines (1-based line number, columns as masked). */
  highlight: { line: number; column: number; endColumn: number };
}

/** The one finding model every formatter, gate and the JSON report read. */
export interface Finding extends Location {
  ruleId: FindingRuleId;
  severity: Severity;
  message: string;
  /** Stable across line moves and unrelated edits; used by baselines and SARIF. */
  fingerprint: string;
  kind: FindingKind;
  snippet?: Snippet;
  /** Source-to-sink steps (no-sensitive-logging), in order. */
  flow?: FlowLocation[];
  /** Human-readable fix, from the first suggestion. */
  fix?: string;
  data?: Record<string, string | number | boolean>;
}

/** The contract's JSON shape of one finding, and nothing more. */
export function toJsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    fingerprint: f.fingerprint,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
