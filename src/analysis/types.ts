import type ts from 'typescript';
import type { Policy, Severity } from '../policy/types.js';
import type { FindingRuleId } from '../policy/rules.js';

/** [start, end) offsets into a file's text. */
export type Range = readonly [number, number];

export interface TextEdit {
  range: Range;
  text: string;
}

/** A fix offered to the developer (an ESLint suggestion; a "fix" line in reports). */
export interface Suggestion {
  message: string;
  edits: TextEdit[];
}

/** One step of a data flow, for SARIF code flows and messages ("source → helper → sink"). */
export interface FlowStep {
  /** Absolute path of the file the step is in. */
  file: string;
  range: Range;
  message: string;
}

/**
 * What a detector reports, in the coordinates of the file it looked at. Both front ends turn
 * this into their own shape: the ESLint adapter into `context.report`, the scanner into a
 * `Finding` (report/finding.ts).
 */
export interface Detection {
  ruleId: FindingRuleId;
  message: string;
  range: Range;
  /** Overrides the rule's configured severity (e.g. `warning` for an unverifiable value). */
  severity?: Severity;
  kind?: 'violation' | 'unverifiable' | 'parse-error';
  /** Text ranges holding a secret: masked in every snippet, message and report. */
  redact?: Range[];
  suggestions?: Suggestion[];
  flow?: FlowStep[];
  /** What identifies this finding across line moves (default: the flagged text, normalised). */
  fingerprintKey?: string;
  /** Facts for reports and the inventory (source kind, classification level, …). */
  data?: Record<string, string | number | boolean>;
}

/** A detection in a file other than the one being visited (whole-program passes). */
export interface FileDetection extends Detection {
  /** Absolute path. */
  file: string;
}

/** What a per-file TypeScript/JavaScript detector gets: the same in ESLint and in the scanner. */
export interface TsFileContext {
  sourceFile: ts.SourceFile;
  /** Absolute path of the file. */
  fileName: string;
  policy: Policy;
  /** Present when type information is available (typed ESLint, or the scanner's program). */
  checker?: ts.TypeChecker;
  program?: ts.Program;
}
