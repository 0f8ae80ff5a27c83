/**
 * The secrets section of `npm run bench`: datagate's no-hardcoded-secrets against secretlint
 * (recommended preset) and ESLint + eslint-plugin-no-secrets, side by side on the generated
 * corpus (scripts/bench/corpus.ts), each in its own process over the same files, plus a
 * parse-only baseline. Findings are matched to the planted secrets by (file, line).
 *
 * Values are never printed: a planted secret is named by file, line and kind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { generateCorpus, type Manifest, type PlantedSecret } from './corpus.js';
import { type Hit, type Match, matchFindings } from './match.js';
import { memoryMethod, runNode, type ToolRun } from './run-tool.js';
import { SECRET_KINDS } from './secret-formats.js';

export interface SecretsBenchOptions {
  /** The repository root (where package.json is). */
  root: string;
  files: number;
  seed: string;
  /** Run `tsc -p tsconfig.build.json` first so bin/datagate.js runs today's source. */
  build: boolean;
  /** Run secretlint once over the whole corpus instead of in batches. */
  secretlintSingle: boolean;
  /** Progress messages (stderr). */
  progress: (message: string) => void;
  loadAverage: number[];
  cores: number;
}

interface ToolResult {
  name: string;
  run: ToolRun;
  /** Files the tool read (as it reports, or as it was given). */
  files: number;
  note: string;
  hits: Hit[];
  /** Files the tool could not parse (reported, not counted as findings). */
  parseErrors: number;
  ok: boolean;
}

interface Scored extends Match {
  tool: ToolResult;
}

export async function benchSecrets(options: SecretsBenchOptions): Promise<string[]> {
  const { root, progress } = options;
  const bench = join(root, '.bench');
  const corpus = join(bench, 'corpus');
  const tools = join(bench, 'tools');
  // Fresh scratch: a tool that fails to write its report must not be scored on an old one.
  rmSync(tools, { recursive: true, force: true });
  mkdirSync(tools, { recursive: true });

  progress(`secrets: generating ${options.files} files (seed ${options.seed}) into .bench/corpus`);
  const manifest = generateCorpus({ dir: corpus, files: options.files, seed: options.seed });
  // The corpus is its own repository, as a scanned project would be, so no tool applies the
  // work tree's .gitignore (which ignores .bench/) to it. Without git, an empty .git marks the root.
  try {
    execFileSync('git', ['init', '-q', corpus], { stdio: 'ignore' });
  } catch {
    mkdirSync(join(corpus, '.git'), { recursive: true });
  }
  writeFileSync(join(bench, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const fileList = manifest.files.map((f) => f.file);
  const listPath = join(tools, 'files.txt');
  writeFileSync(listPath, `${fileList.join('\n')}\n`);

  const buildNote = options.build ? buildDatagate(root, progress) : 'not rebuilt (--no-build): dist/ as it was';

  const results: ToolResult[] = [];
  progress('secrets: parse-only baseline');
  results.push(await runParseOnly(root, corpus, listPath, tools));
  progress('secrets: datagate');
  results.push(await runDatagate(root, corpus, tools, fileList.length, buildNote));
  progress('secrets: secretlint');
  results.push(await runSecretlint(root, corpus, tools, fileList, options.secretlintSingle));
  progress('secrets: eslint + eslint-plugin-no-secrets');
  results.push(await runEslint(root, corpus, tools, fileList));

  return report(manifest, results, options);
}

function buildDatagate(root: string, progress: (m: string) => void): string {
  progress('secrets: npm run build (tsc -p tsconfig.build.json)');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    return 'built from the current source';
  } catch (error) {
    // tsc still emits on type errors; the bench measures what was emitted and says so.
    const out = String((error as { stdout?: Buffer }).stdout ?? '');
    const count = (out.match(/error TS/g) ?? []).length;
    if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error(`npm run build failed and dist/cli/main.js is missing:\n${out.slice(0, 2000)}`);
    return `built with ${count} type error(s) in the tree (emitted anyway)`;
  }
}

async function runParseOnly(root: string, corpus: string, listPath: string, tools: string): Promise<ToolResult> {
  const out = join(tools, 'parse-only.json');
  // Transpiled to plain JS so the baseline carries no loader (tsx/esbuild) cost that datagate's
  // compiled CLI does not; from .bench/tools it still resolves typescript and yaml upward.
  const runner = join(tools, 'run-parse.mjs');
  const source = readFileSync(join(root, 'scripts/bench/run-parse.ts'), 'utf8');
  writeFileSync(runner, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  const run = await runNode([runner, corpus, listPath, out], root, join(tools, 'parse-only'));
  const result = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { files: number; parseMs: number }) : undefined;
  return {
    name: 'parse-only (TS/JSON/YAML parsers)',
    run,
    files: result?.files ?? 0,
    note: result ? `parsing alone took ${(result.parseMs / 1000).toFixed(2)} s in-process; the rest is Node start-up, module loading and reading files` : `failed: ${run.stderr.slice(0, 300)}`,
    hits: [],
    parseErrors: 0,
    ok: run.exitCode === 0 && result !== undefined,
  };
}

interface DatagateReport {
  findings: { ruleId: string; file: string; line: number; message: string }[];
  summary: { filesScanned: number };
}

async function runDatagate(root: string, corpus: string, tools: string, listed: number, buildNote: string): Promise<ToolResult> {
  const out = join(tools, 'datagate.json');
  const run = await runNode(
    [join(root, 'bin/datagate.js'), 'scan', '.', '--format', 'json', '--rule', 'no-hardcoded-secrets', '--fail-on', 'never', '--output', out],
    corpus,
    join(tools, 'datagate'),
  );
  const parsed = readJson<DatagateReport>(out);
  const hits = (parsed?.findings ?? []).filter((f) => f.ruleId === 'no-hardcoded-secrets').map((f) => ({ file: f.file, line: f.line, message: f.message }));
  const parseErrors = (parsed?.findings ?? []).filter((f) => f.ruleId !== 'no-hardcoded-secrets').length;
  const files = parsed?.summary.filesScanned ?? 0;
  return {
    name: 'datagate (CLI, --rule no-hardcoded-secrets)',
    run,
    files,
    note: `node bin/datagate.js scan . --format json --rule no-hardcoded-secrets; ${buildNote}${files !== listed && parsed ? `; scanned ${files} of ${listed} files` : ''}`,
    hits,
    parseErrors,
    ok: run.exitCode === 0 && parsed !== undefined,
  };
}

interface LintResult {
  filePath: string;
  messages: { ruleId?: string | null; line?: number; loc?: { start: { line: number } }; message: string; fatal?: boolean }[];
}

/**
 * secretlint's CPU time grows faster than linearly with the number of files in one invocation
 * (measured here: 200 files 2.5 s, 400 files 6.2 s, 800 files 33.7 s of CPU), so by default it
 * runs in batches of SECRETLINT_BATCH files, its fastest use; `single` runs it once over the
 * corpus as `secretlint "**\/*"`, the documented invocation.
 */
const SECRETLINT_BATCH = 200;

async function runSecretlint(root: string, corpus: string, tools: string, files: string[], single: boolean): Promise<ToolResult> {
  const rc = join(tools, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  const cli = join(root, 'node_modules/secretlint/bin/secretlint.js');
  const batches = single ? [['**/*']] : chunk(files, SECRETLINT_BATCH).map((b) => ['--no-glob', ...b]);
  const parsed: LintResult[] = [];
  const runs: ToolRun[] = [];
  for (const [i, args] of batches.entries()) {
    const out = join(tools, `secretlint-${i}.json`);
    runs.push(await runNode([cli, '--secretlintrc', rc, '--format', 'json', '--output', out, ...args], corpus, join(tools, `secretlint-${i}`)));
    parsed.push(...(readJson<LintResult[]>(out) ?? []));
  }
  const run: ToolRun = {
    exitCode: Math.max(...runs.map((r) => r.exitCode)),
    seconds: runs.reduce((t, r) => t + r.seconds, 0),
    cpuSeconds: runs.reduce((t, r) => t + r.cpuSeconds, 0),
    peakMb: Math.max(...runs.map((r) => r.peakMb)),
    stderr: runs.map((r) => r.stderr).join(''),
  };
  const how = single
    ? 'node node_modules/secretlint/bin/secretlint.js "**/*" --format json, once over the corpus'
    : `node node_modules/secretlint/bin/secretlint.js --format json --no-glob <files>, in ${batches.length} sequential batches of ${SECRETLINT_BATCH} files (its cost grows faster than linearly per invocation; --secretlint-single runs it once)`;
  return {
    name: 'secretlint 12 (preset-recommend)',
    run,
    files: parsed.length,
    note: `${how}${parsed.length !== files.length ? `; it read ${parsed.length} of ${files.length} files` : ''}`,
    hits: lintHits(parsed, corpus),
    parseErrors: 0,
    // secretlint exits 1 when it reports anything.
    ok: (run.exitCode === 0 || run.exitCode === 1) && parsed.length > 0,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function runEslint(root: string, corpus: string, tools: string, files: string[]): Promise<ToolResult> {
  // eslint-plugin-no-secrets reads what an ESLint language parses: TS (typescript-eslint's
  // parser) and JSON (@eslint/json). ESLint has no YAML or .env language here, so those files
  // are not given to it and its file count says so.
  const hasJson = existsSync(join(root, 'node_modules/@eslint/json'));
  const config = join(tools, 'eslint.config.mjs');
  writeFileSync(
    config,
    [
      hasJson ? `import json from '@eslint/json';` : '',
      `import tsParser from '@typescript-eslint/parser';`,
      `import noSecrets from 'eslint-plugin-no-secrets';`,
      `export default [`,
      `  { files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },`,
      hasJson ? `  { files: ['**/*.json'], language: 'json/json', plugins: { json, 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },` : '',
      `];`,
      '',
    ].join('\n'),
  );
  const readable = files.filter((f) => f.endsWith('.ts') || (hasJson && f.endsWith('.json')));
  const out = join(tools, 'eslint.json');
  const run = await runNode(
    [join(root, 'node_modules/eslint/bin/eslint.js'), '--config', config, '--format', 'json', '--output-file', out, '--no-warn-ignored', ...readable],
    corpus,
    join(tools, 'eslint'),
  );
  const parsed = readJson<LintResult[]>(out) ?? [];
  const fatal = parsed.filter((r) => r.messages.some((m) => m.fatal)).length;
  return {
    name: 'eslint 10 + eslint-plugin-no-secrets',
    run,
    files: parsed.length,
    note: `TS${hasJson ? ' + JSON (@eslint/json)' : ''} only: it has no parser for YAML or .env, so it read ${parsed.length} of ${files.length} files`,
    hits: lintHits(parsed, corpus),
    parseErrors: fatal,
    ok: (run.exitCode === 0 || run.exitCode === 1) && parsed.length > 0,
  };
}

function lintHits(results: LintResult[], corpus: string): Hit[] {
  return results.flatMap((r) =>
    r.messages
      .filter((m) => !m.fatal)
      .map((m) => ({ file: relative(corpus, r.filePath).split(sep).join('/'), line: m.line ?? m.loc?.start.line ?? 0, message: m.message })),
  );
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

// ---- scoring and the report ------------------------------------------------------------

function score(tool: ToolResult, manifest: Manifest): Scored {
  return { tool, ...matchFindings(tool.hits, manifest.secrets) };
}

const where = (s: PlantedSecret) => `${s.file}:${s.line} (${s.kind})`;

function report(manifest: Manifest, results: ToolResult[], options: SecretsBenchOptions): string[] {
  const lines: string[] = [];
  const total = manifest.secrets.length;
  const kinds = new Map<string, number>();
  for (const f of manifest.files) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const plantedFiles = manifest.files.filter((f) => f.planted).length;
  lines.push(
    `corpus: ${manifest.files.length} files (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), ${total} planted secrets in ${plantedFiles} files, ${manifest.files.length - plantedFiles} clean files; seed ${manifest.seed}`,
    '',
  );
  const scored = results.map((r) => score(r, manifest));
  const header = ['tool', 'files', 'seconds', 'files/s', 'cpu s', 'files/cpu-s', 'peak MB', 'planted found', 'clean files flagged', 'other-line findings'];
  const rows = scored.map(({ tool, found, cleanFlagged, otherLines }) => {
    const isBaseline = tool.name.startsWith('parse-only');
    return [
      tool.ok ? tool.name : `${tool.name} [FAILED exit ${tool.run.exitCode}]`,
      String(tool.files),
      tool.run.seconds.toFixed(2),
      tool.run.seconds > 0 ? Math.round(tool.files / tool.run.seconds).toString() : '—',
      tool.run.cpuSeconds.toFixed(2),
      tool.run.cpuSeconds > 0 ? Math.round(tool.files / tool.run.cpuSeconds).toString() : '—',
      tool.run.peakMb.toFixed(0),
      isBaseline ? '—' : `${found.size}/${total}`,
      isBaseline ? '—' : String(cleanFlagged.size),
      isBaseline ? '—' : String(otherLines.length),
    ];
  });
  lines.push(...table(header, rows), '');
  for (const { tool } of scored) lines.push(`  ${tool.name}: ${tool.note}${tool.parseErrors ? `; ${tool.parseErrors} file(s) not parsed` : ''}`);
  lines.push(
    `  seconds = wall time from spawn to exit (Node start-up included); cpu s = user + system time of the tool's process; peak MB = ${memoryMethod()}`,
    `  load average when the section started: ${options.loadAverage.map((l) => l.toFixed(1)).join(' ')} on ${options.cores} cores (wall time swings with it; cpu time much less)`,
    '',
  );

  // By kind.
  const tools = scored.filter((s) => !s.tool.name.startsWith('parse-only'));
  const kindRows = SECRET_KINDS.filter((k) => manifest.secrets.some((s) => s.kind === k)).map((kind) => {
    const of = manifest.secrets.filter((s) => s.kind === kind);
    return [kind, String(of.length), ...tools.map((t) => String(of.filter((s) => t.found.has(s)).length))];
  });
  lines.push(...table(['planted kind', 'planted', ...tools.map((t) => t.tool.name.split(' ')[0]!)], kindRows), '');

  // Verdicts (datagate against the peers).
  const [datagate, ...peers] = tools;
  if (!datagate) return lines;
  const failed = tools.filter((t) => !t.tool.ok).map((t) => t.tool.name.split(' ')[0]!);
  if (failed.length > 0) {
    lines.push(`verdicts: cannot be given — ${failed.join(', ')} failed (exit codes above; raw output in .bench/tools/)`);
    for (const t of tools.filter((x) => !x.tool.ok)) lines.push(`    ${t.tool.name.split(' ')[0]}: ${t.tool.run.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)}`);
    return lines;
  }
  const peerFound = new Set(peers.flatMap((p) => [...p.found]));
  const misses = [...peerFound].filter((s) => !datagate.found.has(s));
  const allMisses = manifest.secrets.filter((s) => !datagate.found.has(s));
  lines.push(
    `target: every planted secret a peer finds is found by datagate: ${misses.length === 0 ? 'yes' : `no — ${misses.length} missed`}` +
      ` (peers together find ${peerFound.size}/${total}; datagate ${datagate.found.size}/${total})`,
  );
  for (const s of misses.slice(0, 25)) lines.push(`    missed ${where(s)}; found by ${peers.filter((p) => p.found.has(s)).map((p) => p.tool.name.split(' ')[0]).join(', ')}`);
  if (misses.length > 25) lines.push(`    … and ${misses.length - 25} more`);
  const unfoundByAnyone = allMisses.filter((s) => !peerFound.has(s));
  if (unfoundByAnyone.length > 0) {
    lines.push(`  planted secrets no tool finds: ${unfoundByAnyone.length}`);
    for (const s of unfoundByAnyone.slice(0, 15)) lines.push(`    ${where(s)}`);
    if (unfoundByAnyone.length > 15) lines.push(`    … and ${unfoundByAnyone.length - 15} more`);
  }
  lines.push(`target: no clean file flagged by datagate: ${datagate.cleanFlagged.size === 0 ? 'yes' : `no — ${datagate.cleanFlagged.size} clean files flagged`}`);
  for (const [file, hits] of [...datagate.cleanFlagged].slice(0, 25)) {
    for (const h of hits.slice(0, 3)) lines.push(`    ${file}:${h.line}  ${h.message.slice(0, 140)}`);
  }
  if (datagate.cleanFlagged.size > 25) lines.push(`    … and ${datagate.cleanFlagged.size - 25} more files`);
  for (const h of datagate.otherLines.slice(0, 10)) lines.push(`    planted file, other line: ${h.file}:${h.line}  ${h.message.slice(0, 140)}`);
  const rate = (s: Scored) => (s.tool.run.seconds > 0 ? s.tool.files / s.tool.run.seconds : 0);
  const cpuRate = (s: Scored) => (s.tool.run.cpuSeconds > 0 ? s.tool.files / s.tool.run.cpuSeconds : 0);
  const fasterBy = (measure: (s: Scored) => number, unit: string) => {
    const notSlower = peers.filter((p) => measure(p) >= measure(datagate));
    return notSlower.length === 0 && datagate.tool.ok
      ? `yes (datagate ${Math.round(measure(datagate))} ${unit}; ${peers.map((p) => `${p.tool.name.split(' ')[0]} ${Math.round(measure(p))}`).join(', ')})`
      : `no — ${notSlower.map((p) => `${p.tool.name.split(' ')[0]} ${Math.round(measure(p))}`).join(', ')} vs datagate ${Math.round(measure(datagate))} ${unit}`;
  };
  lines.push(`target: datagate faster than both, wall time: ${fasterBy(rate, 'files/s')}`);
  lines.push(`target: datagate faster than both, cpu time: ${fasterBy(cpuRate, 'files/cpu-s')}`);
  const baseline = scored.find((s) => s.tool.name.startsWith('parse-only'));
  if (baseline && baseline.tool.ok && datagate.tool.ok) {
    lines.push(`  datagate vs parse-only: ${(datagate.tool.run.seconds / baseline.tool.run.seconds).toFixed(1)}× the wall time; peak memory ${datagate.tool.run.peakMb.toFixed(0)} MB vs ${baseline.tool.run.peakMb.toFixed(0)} MB`);
  }
  if (options.files !== manifest.files.length) lines.push(`  (asked for ${options.files} files)`);
  return lines;
}

/** A plain-text table, columns padded; the first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}
