import type { ScanResult } from '../scanner/scan.js';
import { VERSION } from '../version.js';
import { toJsonFinding } from './finding.js';

/** The contract's JSON report: tool, findings (exact shape), summary. */
export function formatJson(result: ScanResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const report = {
    tool: { name: 'datagate', version: VERSION },
    findings: result.findings.map(toJsonFinding),
    summary: { filesScanned: result.filesScanned, errors, warnings: result.findings.length - errors },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
