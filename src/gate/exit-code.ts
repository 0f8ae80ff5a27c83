import type { Finding } from '../report/finding.js';

export type FailOn = 'error' | 'warning' | 'never';

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
/** The scan could not be trusted (bad config, crash, unreadable input): the gate fails closed. */
export const EXIT_UNTRUSTED = 2;

export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const failing = findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
  return failing ? EXIT_VIOLATIONS : EXIT_OK;
}
