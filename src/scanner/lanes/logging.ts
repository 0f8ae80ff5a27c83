import { relative } from 'node:path';
import type ts from 'typescript';
import { Analyzer } from '../../analysis/logging/analyzer.js';
import { classificationView } from '../../analysis/logging/classification-view.js';
import { detectLoggerConfig } from '../../analysis/logging/config-code.js';
import { detectEnvFile, detectJsonFile, detectYamlDocs } from '../../analysis/logging/config-files.js';
import { detectFlows } from '../../analysis/logging/detect.js';
import { loggingKnowledge } from '../../analysis/logging/knowledge.js';
import type { Detection, FileDetection } from '../../analysis/types.js';
import type { Lane, ProgramContext } from '../lane.js';

/** Files that describe dependencies or tooling, not how the service logs. */
const NOT_CONFIG = /(?:^|\/)(?:package(?:-lock)?\.json|tsconfig[^/]*\.json|jsconfig\.json|\.eslintrc[^/]*|pnpm-lock\.yaml|yarn\.lock|expected\.ya?ml|datagate\.ya?ml|\.github\/.*)$/;

/**
 * no-sensitive-logging in the scanner. Configuration files (.env, JSON, YAML) are checked one by
 * one; TypeScript once for the whole program, with the type checker of a ts-morph project, so a
 * value handed to a logging helper in another file (through imports, re-exports and tsconfig
 * path aliases) is followed to the sink, and a logger exported by a project module is known for
 * what it is. Each flow is reported once, at the call in the user's code.
 */
export const loggingLane: Lane = {
  id: 'logging',
  rules: ['no-sensitive-logging'],
  checkFile(file, policy): Detection[] {
    if (NOT_CONFIG.test(file.relPath)) return [];
    const k = loggingKnowledge(policy);
    switch (file.kind) {
      case 'env':
        return detectEnvFile(file.relPath, file.text, k);
      case 'json':
        return detectJsonFile(file.relPath, file.json, k);
      case 'yaml':
        return detectYamlDocs(file.relPath, file.yaml.docs, k);
      default:
        return [];
    }
  },
  checkProgram(context: ProgramContext): FileDetection[] {
    if (context.tsFiles.length === 0) return [];
    return checkTypeScript(context);
  },
};

/** The cross-file pass (exported for the benchmark). */
export function checkTypeScript(context: ProgramContext): FileDetection[] {
  const project = context.project();
  const checker = project.getTypeChecker().compilerObject as unknown as ts.TypeChecker;
  const analyzer = new Analyzer({
    policy: context.policy,
    checker,
    classification: classificationView(checker, context.policy),
    // only reached for imports the program cannot resolve (a module outside the scan)
    loggerNameHeuristic: true,
  });
  const displayPath = (file: string) => relative(context.cwd, file).split('\\').join('/');
  const out: FileDetection[] = [];
  for (const file of context.tsFiles) {
    const sf = project.getSourceFile(file.path)?.compilerNode as unknown as ts.SourceFile | undefined;
    if (!sf) continue;
    for (const d of [...detectFlows(sf, analyzer, { displayPath }), ...detectLoggerConfig(sf, analyzer)]) out.push({ ...d, file: file.path });
  }
  return out;
}
