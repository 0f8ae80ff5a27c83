import { createHash } from 'node:crypto';
import type { FindingRuleId } from '../policy/rules.js';
import type { Severity } from '../policy/types.js';
import type { Finding } from '../report/finding.js';

/** A finding the gate itself raises (a suppression without a reason, an expired exception). */
export function gateFinding(input: {
  ruleId: FindingRuleId;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endColumn: number;
  message: string;
  /** What identifies it across line moves (the directive text, the exception entry). */
  key: string;
  lineText?: string;
  kind?: Finding['kind'];
}): Finding {
  return {
    ruleId: input.ruleId,
    severity: input.severity,
    file: input.file,
    line: input.line,
    column: input.column,
    endLine: input.line,
    endColumn: input.endColumn,
    message: input.message,
    fingerprint: createHash('sha256').update(`gate\0${input.ruleId}\0${input.file}\0${input.key}`).digest('hex').slice(0, 32),
    kind: input.kind ?? 'violation',
    snippet:
      input.lineText === undefined
        ? undefined
        : { firstLine: input.line, lines: [input.lineText], highlight: { line: input.line, column: input.column, endColumn: input.endColumn } },
    data: { gate: true },
  };
}
