import type { Finding } from '../report/finding.js';
import type { PolicyException } from '../policy/types.js';

/**
 * Why a finding is not reported. SARIF's `suppression.kind`: `inSource` for a
 * `datagate-ignore-next-line` comment, `external` for an `exceptions:` entry or a baseline.
 */
export interface Suppression {
  kind: 'inSource' | 'external';
  /** The written reason (comment, exception) or "accepted in baseline …". */
  justification: string;
  /** Where the suppression is written: `src/a.ts:12`, `datagate.yml:14`, `.datagate-baseline.json`. */
  source: string;
  /** How it was granted. */
  via: 'inline' | 'exception' | 'baseline';
  approvedBy?: string;
  expires?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** One entry of the config's `exceptions:` registry, with what it did in this scan. */
export interface ExceptionUse {
  exception: PolicyException;
  /** `datagate.yml:14` (config-relative line of the entry, when known). */
  source: string;
  expired: boolean;
  /** Findings it suppressed (0 when expired: an expired exception suppresses nothing). */
  matched: number;
  /** Findings it would have suppressed had it not expired. */
  wouldMatch: number;
}

/** What `scan --baseline` did. */
export interface BaselineUse {
  /** The baseline file as given. */
  file: string;
  entries: number;
  /** Findings present in the baseline (accepted debt, not reported). */
  matched: number;
  /** Baseline entries no longer found: fixed (or moved to another file). */
  fixed: Array<{ fingerprint: string; ruleId: string; file: string; line: number }>;
}

/** What the changed-lines filter (`--changed-since`, the Action on pull requests) did. */
export interface ChangedLinesUse {
  /** The ref or sha compared against, and the merge-base actually diffed from. */
  ref: string;
  mergeBase: string;
  changedFiles: number;
  /** Findings left out because they are not on a changed line. */
  outside: number;
}

/** The gate's part of a scan result: every filter that ran and what it removed. */
export interface GateInfo {
  failOn?: 'error' | 'warning' | 'never';
  baseline?: BaselineUse;
  changed?: ChangedLinesUse;
}
