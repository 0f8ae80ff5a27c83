import { readFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import type { Finding } from '../report/finding.js';
import type { BaselineUse } from './types.js';

/**
 * A baseline: today's findings, accepted as debt, by fingerprint. Fingerprints (scanner/scan.ts)
 * hash the rule, the file and the flagged code (not its line), so a baseline survives line
 * moves and unrelated edits; the line and message are kept for people reading the file.
 */
export interface BaselineFile {
  tool: { name: 'datagate'; version: string };
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

export class BaselineError extends Error {}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  return {
    tool: { name: 'datagate', version: VERSION },
    version: 1,
    // no timestamp: the same findings give the same file, so a baseline diff shows only real changes
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.line, message: f.message })),
  };
}

export function serializeBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function parseBaseline(text: string, file: string): BaselineFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not a datagate baseline (invalid JSON: ${(error as Error).message})`);
  }
  const v = value as Partial<BaselineFile> | null;
  if (!v || typeof v !== 'object' || v.version !== 1 || !Array.isArray(v.findings)) {
    throw new BaselineError(`${file}: not a datagate baseline (expected {"version": 1, "findings": [...]}, as \`datagate baseline\` writes)`);
  }
  v.findings.forEach((entry, i) => {
    if (!entry || typeof entry.fingerprint !== 'string') throw new BaselineError(`${file}: findings[${i}] has no fingerprint`);
  });
  return v as BaselineFile;
}

/** Splits findings into new ones and accepted ones; baseline entries not seen again are fixed. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
  file: string,
): { fresh: Finding[]; accepted: Finding[]; use: BaselineUse } {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const fresh: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) {
    if (known.has(f.fingerprint)) {
      accepted.push(f);
      seen.add(f.fingerprint);
    } else {
      fresh.push(f);
    }
  }
  const fixed = baseline.findings
    .filter((e) => !seen.has(e.fingerprint))
    .map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, line: e.line }));
  return { fresh, accepted, use: { file, entries: baseline.findings.length, matched: accepted.length, fixed } };
}

/** Reads a baseline file for `scan --baseline` (a missing or malformed one is a BaselineError: exit 2). */
export function readBaselineFile(path: string, label: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (write one with \`datagate baseline --output ${label}\`)`);
  }
  return parseBaseline(text, label);
}
