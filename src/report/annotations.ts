import { isRuleId, RULES } from '../policy/rules.js';
import type { Severity } from '../policy/types.js';
import type { Finding } from './finding.js';
import { policyLine } from './summary.js';

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotations {
  /** Workflow commands, one per line, for the step's standard output. */
  commands: string[];
  /** Findings that did not fit, per level: the job summary says so. */
  omitted: Record<Severity, number>;
}

/**
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message` for each finding, errors
 * first, at most `limit` per level, so every annotation that is written is also shown.
 * `file` must be relative to the repository root (the scan's cwd in the Action).
 */
export function toAnnotations(findings: readonly Finding[], limit = ANNOTATIONS_PER_LEVEL): Annotations {
  const commands: string[] = [];
  const omitted: Record<Severity, number> = { error: 0, warning: 0 };
  for (const level of ['error', 'warning'] as const) {
    const list = findings.filter((f) => f.severity === level);
    for (const f of list.slice(0, limit)) commands.push(annotation(f));
    omitted[level] = Math.max(0, list.length - limit);
  }
  return { commands, omitted };
}

export function annotation(f: Finding): string {
  const title = isRuleId(f.ruleId) ? `datagate ${f.ruleId}: ${RULES[f.ruleId].title}` : `datagate ${f.ruleId}`;
  const props = [`file=${f.file}`, `line=${f.line}`, `endLine=${f.endLine}`];
  // columns only mean something on one line (GitHub ignores them otherwise)
  if (f.endLine === f.line) props.push(`col=${f.column}`, `endColumn=${f.endColumn}`);
  props.push(`title=${title}`);
  const body = [f.message, ...(f.fix ? [`Fix: ${f.fix}`] : []), `Policy: ${policyLine(f.ruleId)}`].join('\n');
  return `::${f.severity} ${props.map(escapeProperty).join(',')}::${escapeData(body)}`;
}

/** As @actions/core escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core escapes a property value (`key=value`: only the value is escaped). */
function escapeProperty(pair: string): string {
  const eq = pair.indexOf('=');
  const value = pair.slice(eq + 1).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `${pair.slice(0, eq)}=${value}`;
}
