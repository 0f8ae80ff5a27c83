import pc from 'picocolors';
import { isRuleId, RULES } from '../policy/rules.js';
import type { ScanResult } from '../scanner/scan.js';
import type { Finding } from './finding.js';

export interface StylishOptions {
  color?: boolean;
}

/**
 * ESLint's stylish layout, with a masked code frame and the policy line under each finding:
 *
 *   src/payments/client.ts
 *     12:7  error  Hard-coded Stripe secret key 'sk_l****' …  no-hardcoded-secrets
 *          11 | import Stripe from 'stripe';
 *        > 12 | const stripe = new Stripe('sk_l****');
 *             |                           ^^^^^^^^^^
 *       policy: Storage: "Secrets must be stored …" (data-handling-and-classification-policy.txt:91)
 */
export function formatStylish(result: ScanResult, options: StylishOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, findings] of byFile) {
    out.push('', c.underline(file));
    for (const f of findings) {
      const severity = f.severity === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`  ${c.dim(`${f.line}:${f.column}`)}  ${severity}  ${f.message}  ${c.dim(f.ruleId)}`);
      if (f.snippet) out.push(...frame(f, c));
      for (const step of f.flow ?? []) out.push(`      ${c.dim('flow:')} ${step.file}:${step.line}:${step.column} ${step.message}`);
      if (f.fix) out.push(`      ${c.dim('fix:')} ${f.fix}`);
      if (isRuleId(f.ruleId)) {
        const p = RULES[f.ruleId].policy;
        out.push(`      ${c.dim('policy:')} ${c.dim(`${p.section}: "${p.text}" (${p.document}:${p.line})`)}`);
      }
    }
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const total = result.findings.length;
  out.push('');
  if (total === 0) {
    out.push(c.green(`✔ No problems found in ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'}.`));
  } else {
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${result.filesScanned} files scanned`;
    out.push(errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  }
  return `${out.join('\n')}\n`;
}

function frame(f: Finding, c: ReturnType<typeof pc.createColors>): string[] {
  const snippet = f.snippet!;
  const width = String(snippet.firstLine + snippet.lines.length - 1).length;
  const rows: string[] = [];
  snippet.lines.forEach((text, i) => {
    const n = snippet.firstLine + i;
    const marker = n === snippet.highlight.line ? c.red('>') : ' ';
    rows.push(`    ${marker} ${c.dim(`${String(n).padStart(width)} |`)} ${truncate(text)}`);
    if (n === snippet.highlight.line) {
      const start = Math.max(0, snippet.highlight.column - 1);
      const length = Math.max(1, Math.min(snippet.highlight.endColumn - snippet.highlight.column, 120 - start));
      if (start < 160) rows.push(`      ${' '.repeat(width)} ${c.dim('|')} ${' '.repeat(start)}${c.red('^'.repeat(length))}`);
    }
  });
  return rows;
}

function truncate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
