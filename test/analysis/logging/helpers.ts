import ts from 'typescript';
import { detectSensitiveLogging } from '../../../src/analysis/logging/index.js';
import { loadPolicy } from '../../../src/policy/load.js';
import type { Policy } from '../../../src/policy/types.js';
import type { Detection } from '../../../src/analysis/types.js';

export const defaultPolicy: Policy = loadPolicy({ noConfigFile: true, searchFrom: process.cwd() });

/** Runs the single-file detector (as the ESLint rule does, without type information). */
export function detectIn(code: string, options: { fileName?: string; policy?: Policy } = {}): Detection[] {
  const fileName = options.fileName ?? `${process.cwd()}/src/sample.ts`;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return detectSensitiveLogging({ sourceFile, fileName, policy: options.policy ?? defaultPolicy });
}

/** Detections as `line: message` for exact assertions. */
export function summarise(code: string, detections: Detection[]): string[] {
  const lineOf = (offset: number) => code.slice(0, offset).split('\n').length;
  return detections.map((d) => `${lineOf(d.range[0])}: ${d.message}`);
}
