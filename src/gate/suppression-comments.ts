/**
 * Inline suppressions: `datagate-ignore-next-line <ruleId>[, <ruleId>…] -- <reason>` in any
 * comment syntax datagate scans (`//`, `/* … *\/`, `#`, `<!-- … -->`, so TypeScript, YAML, HCL,
 * `.env`, GraphQL, Prisma and Markdown alike). Pure: reads text, touches no file.
 */

export interface InlineSuppression {
  /** 1-based line of the comment. */
  line: number;
  /** 1-based column where `datagate-ignore-next-line` starts. */
  column: number;
  /** 1-based column after the directive's reason (before any comment closer), exclusive. */
  endColumn: number;
  /** The line whose findings it suppresses: the next line that is neither blank nor another directive. */
  targetLine: number;
  /** Rule ids as written (validated by the caller). */
  rules: string[];
  /** The text after `--`, trimmed; undefined when missing or empty. */
  reason?: string;
}

const DIRECTIVE = 'datagate-ignore-next-line';
// A comment that starts its line (as ESLint's directives must start their comment), the
// directive, then everything up to an optional comment closer. A directive quoted inside other
// text (a doc comment explaining the syntax) is not one.
const PATTERN = /^\s*\{?(?:\/\/|\/\*+|#|<!--)\s*datagate-ignore-next-line\b(.*?)\s*(?:\*\/\}?|-->)?\s*$/;

export function parseInlineSuppressions(text: string): InlineSuppression[] {
  if (!text.includes(DIRECTIVE)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const found: InlineSuppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = PATTERN.exec(lines[i]!);
    if (!match) continue;
    const column = lines[i]!.indexOf(DIRECTIVE, match.index) + 1;
    const body = match[1]!;
    const separator = body.indexOf('--');
    const ruleText = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
    const rules = ruleText
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    let target = i + 1;
    while (target < lines.length && (lines[target]!.trim() === '' || PATTERN.test(lines[target]!))) target++;
    found.push({
      line: i + 1,
      column,
      endColumn: column + DIRECTIVE.length + body.trimEnd().length,
      targetLine: target + 1,
      rules,
      reason: reason === '' ? undefined : reason,
    });
  }
  return found;
}

/**
 * The lines a directive with a reason suppresses for `ruleId` (1-based). The ESLint adapter uses
 * this so the editor and CI agree; a directive without a reason suppresses nothing in either.
 */
export function suppressedLines(text: string, ruleId: string): Set<number> {
  const lines = new Set<number>();
  for (const s of parseInlineSuppressions(text)) if (s.reason && s.rules.includes(ruleId)) lines.add(s.targetLine);
  return lines;
}
