import { createHash } from 'node:crypto';
import { isRuleId, PARSE_ERROR, RULE_IDS, type RuleId } from '../policy/rules.js';
import type { Policy } from '../policy/types.js';
import { compareFindings, type Finding } from '../report/finding.js';
import { exceptionMatchers, isoToday } from './exceptions.js';
import { gateFinding } from './gate-finding.js';
import { parseInlineSuppressions, type InlineSuppression } from './suppression-comments.js';
import type { ExceptionUse, SuppressedFinding } from './types.js';

export interface SuppressInput {
  findings: readonly Finding[];
  /** The scanned files (relPath relative to cwd, full text) — where inline directives are read. */
  files: ReadonlyArray<{ relPath: string; text: string }>;
  policy: Policy;
  cwd: string;
  /** Rules that ran in this scan: a directive for a rule that did not run is neither used nor unused. */
  enabled(rule: RuleId): boolean;
  /** YYYY-MM-DD (default: today, UTC). */
  today?: string;
}

export interface SuppressOutput {
  /** What is still reported, plus the gate's own findings about bad suppressions. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  exceptions: ExceptionUse[];
}

interface Directive {
  file: string;
  comment: InlineSuppression;
  lineText: string;
  rule: RuleId;
  used: boolean;
}

/**
 * Applies inline `datagate-ignore-next-line` directives and the config's `exceptions:` registry.
 * A suppression must be accountable, so the gate reports (as findings, under the rule the
 * suppression names):
 * - a directive with no `-- reason` (error; it suppresses nothing until it has one),
 * - a directive that suppresses nothing (warning: stale, remove it),
 * - a directive naming no known rule (`parse-error`, error),
 * - an expired exception (warning at its entry in datagate.yml; the findings it covered are back).
 */
export function applySuppressions(input: SuppressInput): SuppressOutput {
  const today = input.today ?? isoToday();
  const own: Finding[] = [];
  const directives = new Map<string, Directive[]>();

  for (const file of input.files) {
    const comments = parseInlineSuppressions(file.text);
    if (comments.length === 0) continue;
    const lines = file.text.split(/\r\n|\r|\n/);
    for (const comment of comments) {
      const lineText = lines[comment.line - 1] ?? '';
      const at = { file: file.relPath, line: comment.line, column: comment.column, endColumn: comment.endColumn, lineText };
      const unknown = comment.rules.filter((r) => !isRuleId(r));
      if (comment.rules.length === 0 || unknown.length > 0) {
        own.push(
          gateFinding({
            ...at,
            ruleId: PARSE_ERROR,
            kind: 'parse-error',
            severity: 'error',
            key: lineText.trim(),
            message:
              comment.rules.length === 0
                ? `datagate-ignore-next-line names no rule: write \`datagate-ignore-next-line <rule> -- <reason>\` (rules: ${RULE_IDS.join(', ')})`
                : `datagate-ignore-next-line names unknown rule ${unknown.map((u) => `'${u}'`).join(', ')} (rules: ${RULE_IDS.join(', ')})`,
          }),
        );
        continue;
      }
      for (const rule of comment.rules as RuleId[]) {
        if (!input.enabled(rule)) continue;
        if (!comment.reason) {
          own.push(
            gateFinding({
              ...at,
              ruleId: rule,
              severity: 'error',
              key: `no-reason\0${lineText.trim()}`,
              message: `Suppression of ${rule} has no reason: write \`datagate-ignore-next-line ${rule} -- <why this is safe>\`; until it has one it suppresses nothing`,
            }),
          );
          continue;
        }
        const key = `${file.relPath}\0${comment.targetLine}`;
        const list = directives.get(key) ?? [];
        list.push({ file: file.relPath, comment, lineText, rule, used: false });
        directives.set(key, list);
      }
    }
  }

  const matchers = exceptionMatchers(input.policy, input.cwd, today);
  const uses = matchers.map((m): ExceptionUse => ({ exception: m.exception, source: m.source, expired: m.expired, matched: 0, wouldMatch: 0 }));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const finding of input.findings) {
    const inline = directives.get(`${finding.file}\0${finding.line}`)?.find((d) => d.rule === finding.ruleId);
    if (inline) {
      inline.used = true;
      suppressed.push({
        ...finding,
        suppression: { kind: 'inSource', via: 'inline', justification: inline.comment.reason!, source: `${inline.file}:${inline.comment.line}` },
      });
      continue;
    }
    let exempted = false;
    for (const m of matchers) {
      if (!m.matches(finding)) continue;
      const use = uses[m.index]!;
      use.wouldMatch++;
      if (m.expired || exempted) continue;
      use.matched++;
      exempted = true;
      suppressed.push({
        ...finding,
        suppression: {
          kind: 'external',
          via: 'exception',
          justification: m.exception.reason,
          source: m.source,
          approvedBy: m.exception.approvedBy,
          expires: m.exception.expires,
        },
      });
    }
    if (!exempted) kept.push(finding);
  }

  for (const list of directives.values()) {
    for (const d of list) {
      if (d.used) continue;
      own.push(
        gateFinding({
          file: d.file,
          line: d.comment.line,
          column: d.comment.column,
          endColumn: d.comment.endColumn,
          lineText: d.lineText,
          ruleId: d.rule,
          severity: 'warning',
          key: `unused\0${d.lineText.trim()}`,
          message: `Suppression of ${d.rule} suppresses nothing: no ${d.rule} finding on line ${d.comment.targetLine}; remove the comment`,
        }),
      );
    }
  }

  for (const m of matchers) {
    if (!m.expired || !input.enabled(m.exception.rule)) continue;
    const e = m.exception;
    const use = uses[m.index]!;
    const [file, line] = splitSource(m.source);
    own.push(
      gateFinding({
        file,
        line,
        column: 1,
        endColumn: 2,
        ruleId: e.rule,
        severity: 'warning',
        key: `expired\0${e.rule}\0${e.path}\0${e.expires}`,
        message: `Exception for ${e.rule} on '${e.path}' (approved by ${e.approvedBy}: ${e.reason}) expired on ${e.expires}; it no longer suppresses ${use.wouldMatch} finding${use.wouldMatch === 1 ? '' : 's'}: review and renew it, or fix them`,
      }),
    );
  }

  own.sort(compareFindings);
  // two identical directives in one file: an ordinal keeps their fingerprints apart, in source order
  const seen = new Map<string, number>();
  for (const f of own) {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    if (n > 1) f.fingerprint = createHash('sha256').update(`${f.fingerprint}#${n}`).digest('hex').slice(0, 32);
  }
  const findings = [...kept, ...own].sort(compareFindings);
  return { findings, suppressed: suppressed.sort(compareFindings), exceptions: uses };
}

function splitSource(source: string): [string, number] {
  const match = /^(.*):(\d+)$/.exec(source);
  return match ? [match[1]!, Number(match[2])] : [source.replace(/ exceptions\[\d+\]$/, ''), 1];
}
