/**
 * The logging section of `npm run bench`: what no-sensitive-logging costs.
 *
 *  - ESLint: time per file of the rule, against parsing alone (the same Linter and
 *    typescript-eslint parser with no rule enabled), untyped as most editors run it.
 *  - Scanner: the cross-file pass (taint, wrapper summaries across modules, declared types),
 *    against the time to load the program (ts-morph project + TypeScript program + checker).
 *
 * Input: the labelled corpus fixtures/corpus/logging-referrals, copied into .bench/logging as
 * one project with COPIES extra services (each a copy of its API, handler and route modules,
 * importing the shared src/lib and src/services through the path aliases), so the pass is
 * measured on a few hundred files that log through helpers in other files.
 * Figures are measured, never asserted; each timing is the median of RUNS runs.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { glob } from 'tinyglobby';
import { rules } from '../../src/eslint/rules/index.js';
import { loadPolicy } from '../../src/policy/load.js';
import { checkTypeScript } from '../../src/scanner/lanes/logging.js';
import type { ProgramContext } from '../../src/scanner/lane.js';
import { createProject } from '../../src/scanner/project.js';
import { ScannedFile } from '../../src/scanner/scanned-file.js';

const COPIES = 20;
const RUNS = 3;
const SERVICE_DIRS = ['api', 'handlers', 'app', 'edge'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function buildCorpus(root: string): string {
  const source = join(root, 'fixtures', 'corpus', 'logging-referrals');
  const dir = join(root, '.bench', 'logging');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  for (let i = 1; i <= COPIES; i++) {
    for (const sub of SERVICE_DIRS) cpSync(join(source, 'src', sub), join(dir, 'src', `svc${i}`, sub), { recursive: true });
  }
  return dir;
}

export async function benchLogging(): Promise<string[]> {
  const root = resolve(import.meta.dirname, '..', '..');
  const dir = buildCorpus(root);
  const files = (await glob(['src/**/*.ts'], { cwd: dir, absolute: true })).sort();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const lines: string[] = [];
  const kloc = texts.reduce((n, t) => n + t.split('\n').length, 0) / 1000;
  lines.push(`corpus: fixtures/corpus/logging-referrals + ${COPIES} copied services = ${files.length} TypeScript files, ${kloc.toFixed(1)} kLOC (.bench/logging); median of ${RUNS} runs`);

  // ESLint: parsing alone vs the rule
  const linter = new Linter({ configType: 'flat' });
  const base = { files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { datagate: { rules } } };
  const parseOnly = [{ ...base, rules: {} }] as unknown as Linter.Config[];
  const withRule = [{ ...base, rules: { 'datagate/no-sensitive-logging': 'error' } }] as unknown as Linter.Config[];
  const lintAll = (config: Linter.Config[]) => {
    let messages = 0;
    files.forEach((f, i) => (messages += linter.verify(texts[i]!, config, f).length));
    return messages;
  };
  lintAll(withRule); // warm up: module loading, knowledge files, policy
  const parseRuns: number[] = [];
  const ruleRuns: number[] = [];
  let eslintFindings = 0;
  for (let r = 0; r < RUNS; r++) {
    parseRuns.push(time(() => lintAll(parseOnly)).ms);
    const run = time(() => lintAll(withRule));
    ruleRuns.push(run.ms);
    eslintFindings = run.value;
  }
  const perFile = (ms: number) => (ms / files.length).toFixed(2);
  const parseMs = median(parseRuns);
  const ruleMs = median(ruleRuns);
  lines.push(
    `ESLint (untyped): parse only ${perFile(parseMs)} ms/file; with no-sensitive-logging ${perFile(ruleMs)} ms/file ` +
      `(rule +${perFile(ruleMs - parseMs)} ms/file, ×${(ruleMs / parseMs).toFixed(2)} of parsing); ${eslintFindings} findings`,
  );

  // Scanner: program load vs the cross-file pass
  const policy = loadPolicy({ noConfigFile: true, searchFrom: dir });
  const scanned = files.map((f, i) => new ScannedFile(f, relative(dir, f).split('\\').join('/'), texts[i]!));
  const loadRuns: number[] = [];
  const passRuns: number[] = [];
  let scannerFindings = 0;
  for (let r = 0; r < RUNS; r++) {
    const load = time(() => {
      const project = createProject(dir, scanned);
      // builds the TypeScript program (parse, module resolution, lib and package .d.ts) and its checker
      project.getTypeChecker();
      project.getProgram().compilerObject.getGlobalDiagnostics();
      return project;
    });
    loadRuns.push(load.ms);
    const context: ProgramContext = { cwd: dir, policy, files: scanned, tsFiles: scanned, project: () => load.value, fileAt: () => undefined };
    const pass = time(() => checkTypeScript(context));
    passRuns.push(pass.ms);
    scannerFindings = pass.value.length;
  }
  const loadMs = median(loadRuns);
  const passMs = median(passRuns);
  lines.push(
    `scanner: program load ${loadMs.toFixed(0)} ms; cross-file logging pass ${passMs.toFixed(0)} ms ` +
      `(${perFile(passMs)} ms/file, ×${(passMs / loadMs).toFixed(2)} of the load); ${scannerFindings} findings`,
  );
  lines.push('(the scanner finds more than the untyped rule: flows through helpers in other files and values sensitive by declared type)');
  return lines;
}
