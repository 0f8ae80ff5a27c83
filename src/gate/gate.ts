import type { ScanResult } from '../scanner/scan.js';
import type { Finding } from '../report/finding.js';
import { applyBaseline, type BaselineFile } from './baseline.js';
import { onChangedLines, type ChangedLines } from './changed-lines.js';
import { exitCodeFor, type FailOn } from './exit-code.js';
import type { SuppressedFinding } from './types.js';

export interface GateOptions {
  failOn: FailOn;
  /** Accepted debt: only findings not in it are reported. */
  baseline?: { file: string; data: BaselineFile };
  /** Report only findings on these lines (pull requests, `--changed-since`). */
  changed?: { ref: string; mergeBase: string; lines: ChangedLines };
}

export interface GateResult extends ScanResult {
  exitCode: number;
}

/**
 * The CI gate, after the scan's own suppressions (src/gate/suppress.ts): the baseline, then the
 * changed-lines filter, then the exit code. The baseline is matched against the whole scan, so a
 * baseline entry outside the diff is not mistaken for a fix.
 */
export function applyGate(result: ScanResult, options: GateOptions): GateResult {
  let findings: Finding[] = result.findings;
  const suppressed: SuppressedFinding[] = [...(result.suppressed ?? [])];
  const gate: NonNullable<ScanResult['gate']> = { failOn: options.failOn };

  if (options.baseline) {
    const { fresh, accepted, use } = applyBaseline(findings, options.baseline.data, options.baseline.file);
    findings = fresh;
    gate.baseline = use;
    for (const f of accepted) {
      suppressed.push({ ...f, suppression: { kind: 'external', via: 'baseline', justification: `accepted as existing debt in ${options.baseline.file}`, source: options.baseline.file } });
    }
  }
  if (options.changed) {
    const before = findings.length;
    const lines = options.changed.lines;
    findings = findings.filter((f) => onChangedLines(f, lines));
    gate.changed = { ref: options.changed.ref, mergeBase: options.changed.mergeBase, changedFiles: lines.size, outside: before - findings.length };
  }
  return { ...result, findings, suppressed, gate, exitCode: exitCodeFor(findings, options.failOn) };
}
