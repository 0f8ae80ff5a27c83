import { isRuleId, RULES } from '../policy/rules.js';
import type { Severity } from '../policy/types.js';
import type { ScanResult } from '../scanner/scan.js';
import type { Finding } from './finding.js';
import { plural, policyLine, summarize } from './summary.js';

export interface MarkdownOptions {
  /** Link for `file:line` (the Action links to the blob at the commit). */
  fileLink?: (file: string, line: number) => string;
  /** Findings listed in full; the rest are counted, never silently dropped. */
  maxFindings?: number;
  /** Annotations GitHub would not show (the Action passes what did not fit). */
  annotationsOmitted?: Record<Severity, number>;
  /** The full report's name, pointed to when findings are left out of this one. */
  fullReport?: string;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡' };

/**
 * The markdown report: a GitHub job summary or PR comment. Status first, then a table by rule
 * and severity with the policy line each enforces, the findings with masked code frames, every
 * suppression and exception applied, and what any filter (baseline, changed lines) left out.
 */
export function formatMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const s = summarize(result);
  const max = options.maxFindings ?? 100;
  const failOn = result.gate?.failOn ?? 'error';
  const blocking = failOn === 'never' ? 0 : failOn === 'warning' ? s.total : s.errors;
  const out: string[] = [];

  out.push(
    blocking > 0
      ? `## ❌ datagate: ${plural(blocking, 'violation')} at or above \`${failOn}\``
      : s.total > 0
        ? `## ⚠️ datagate: ${plural(s.total, 'finding')} below the \`${failOn}\` threshold`
        : '## ✅ datagate: no violations',
    '',
  );
  const context = [`Scanned ${plural(s.filesScanned, 'file')} against the \`${result.policy.presets.join(' → ')}\` policy${result.policy.configPath ? ' and this repository\'s config' : ''}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}; the gate fails on \`${failOn}\`${failOn === 'error' ? '' : failOn === 'warning' ? ' and `error`' : ' (never)'}.`];
  const changed = result.gate?.changed;
  if (changed) context.push(`Only findings on lines changed since \`${changed.ref.slice(0, 12)}\` (merge-base \`${changed.mergeBase.slice(0, 12)}\`, ${plural(changed.changedFiles, 'changed file')}) are reported; ${plural(changed.outside, 'finding')} on unchanged lines ${changed.outside === 1 ? 'was' : 'were'} left out.`);
  const baseline = result.gate?.baseline;
  if (baseline) {
    const gone = baseline.fixed.length;
    const fixed = gone === 0 ? 'no baseline entry is gone' : `${gone} baseline ${gone === 1 ? 'entry is' : 'entries are'} no longer found (fixed): regenerate it with \`datagate baseline\``;
    context.push(`Baseline \`${baseline.file}\`: ${plural(baseline.matched, 'known finding')} accepted as existing debt and not reported; ${fixed}.`);
  }
  const sup = s.suppressed;
  if (sup.inline + sup.exception > 0) context.push(`${plural(sup.inline + sup.exception, 'finding')} suppressed (${sup.inline} inline, ${sup.exception} by approved exceptions): listed below.`);
  out.push(context.join('\n'), '');

  if (s.byRule.length > 0) {
    out.push('| Rule | Errors | Warnings | Suppressed | Policy line |', '|---|---:|---:|---:|---|');
    for (const row of s.byRule) {
      const name = isRuleId(row.ruleId) ? `[\`${row.ruleId}\`](${RULES[row.ruleId].docsUrl})` : `\`${row.ruleId}\``;
      out.push(`| ${name} | ${row.errors} | ${row.warnings} | ${row.suppressed} | ${cell(policyLine(row.ruleId))} |`);
    }
    out.push('');
  }

  if (s.total > 0) {
    out.push(`### Findings (${s.total})`, '');
    for (const f of result.findings.slice(0, max)) out.push(...finding(f, options), '');
    if (s.total > max) out.push(`_…and ${plural(s.total - max, 'more finding')} not listed here (this summary lists ${max})${options.fullReport ? `: see ${options.fullReport}` : ''}._`, '');
  }

  const omitted = options.annotationsOmitted;
  if (omitted && omitted.error + omitted.warning > 0) {
    out.push(`> [!NOTE]\n> GitHub shows at most 10 error and 10 warning annotations per step: ${omitted.error} error and ${omitted.warning} warning finding${omitted.error + omitted.warning === 1 ? '' : 's'} are not annotated on the diff, but all are listed above and in the SARIF report.`, '');
  }

  const listed = (result.suppressed ?? []).filter((f) => f.suppression.via !== 'baseline');
  if (listed.length > 0) {
    out.push(`### Suppressed findings (${listed.length})`, '', '| Location | Rule | Suppressed by | Reason | Approved by | Expires |', '|---|---|---|---|---|---|');
    for (const f of listed.slice(0, max)) {
      const by = f.suppression.via === 'inline' ? `inline comment (${f.suppression.source})` : `exception (${f.suppression.source})`;
      out.push(`| ${location(f, options)} | \`${f.ruleId}\` | ${cell(by)} | ${cell(f.suppression.justification)} | ${cell(f.suppression.approvedBy ?? '—')} | ${f.suppression.expires ?? '—'} |`);
    }
    if (listed.length > max) out.push('', `_…and ${plural(listed.length - max, 'more suppressed finding')} not listed here._`);
    out.push('');
  }

  const exceptions = result.exceptions ?? [];
  if (exceptions.length > 0) {
    out.push(`### Exceptions registry (${exceptions.length})`, '', '| Rule | Path | Reason | Approved by | Expires | Status | Findings covered |', '|---|---|---|---|---|---|---:|');
    for (const e of exceptions) {
      const x = e.exception;
      const status = e.expired ? `⛔ expired (${e.wouldMatch} no longer suppressed)` : e.matched === 0 ? 'unused' : 'active';
      out.push(`| \`${x.rule}\` | \`${cell(x.path)}\` | ${cell(x.reason)} | ${cell(x.approvedBy)} | ${x.expires} | ${status} | ${e.matched} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function finding(f: Finding, options: MarkdownOptions): string[] {
  const lines = [`${ICON[f.severity]} **${f.severity}** \`${f.ruleId}\` ${location(f, options)}  `, `${inline(f.message)}`];
  const details: string[] = [];
  if (f.snippet) details.push(fence(frame(f)));
  for (const step of f.flow ?? []) details.push(`- ${step.file}:${step.line} — ${inline(step.message)}`);
  if (f.fix) details.push(`**Fix:** ${inline(f.fix)}`);
  details.push(`**Policy:** ${inline(policyLine(f.ruleId))}`);
  lines.push('<details><summary>Code, fix and policy</summary>', '', ...details.flatMap((d) => [d, '']), '</details>');
  return lines;
}

/** The masked code frame (Finding.snippet is masked by the scanner; sources are never read here). */
export function frame(f: Finding): string {
  const snippet = f.snippet!;
  const width = String(snippet.firstLine + snippet.lines.length - 1).length;
  return snippet.lines.map((text, i) => `${snippet.firstLine + i === snippet.highlight.line ? '>' : ' '} ${String(snippet.firstLine + i).padStart(width)} | ${text}`).join('\n');
}

function fence(code: string): string {
  let marks = '```';
  while (code.includes(marks)) marks += '`';
  return `${marks}\n${code}\n${marks}`;
}

function location(f: Finding, options: MarkdownOptions): string {
  const text = `${f.file}:${f.line}`;
  return options.fileLink ? `[${cell(text)}](${options.fileLink(f.file, f.line)})` : `\`${cell(text)}\``;
}

/** Text safe in a table cell: no pipe, no newline, no raw HTML. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function inline(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}
