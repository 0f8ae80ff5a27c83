import { relative } from 'node:path';
import type { Detection, TsFileContext } from '../types.js';
import { Analyzer } from './analyzer.js';
import { classificationView } from './classification-view.js';
import { detectLoggerConfig } from './config-code.js';
import { detectFlows } from './detect.js';

/**
 * no-sensitive-logging for one file, as the ESLint rule runs it: flows into log sinks within
 * the file (and, when the editor has type information, through imported helpers), plus logger
 * configuration that logs data wholesale. An imported binding named like a logger (`logger`,
 * `log`, `auditLogger`) counts as a logger here, since one file cannot show what the module
 * exports; the scanner resolves such imports instead.
 */
export function detectSensitiveLogging(context: TsFileContext): Detection[] {
  const analyzer = new Analyzer({
    policy: context.policy,
    checker: context.checker,
    classification: context.checker ? classificationView(context.checker, context.policy) : undefined,
    loggerNameHeuristic: true,
  });
  const cwd = process.cwd();
  return [
    ...detectFlows(context.sourceFile, analyzer, { displayPath: (file) => relative(cwd, file).split('\\').join('/') }),
    ...detectLoggerConfig(context.sourceFile, analyzer),
  ];
}

export { Analyzer } from './analyzer.js';
export { detectFlows } from './detect.js';
export { detectLoggerConfig } from './config-code.js';
