import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Project } from 'ts-morph';
import { maskAll, maskSecret } from '../analysis/mask.js';
import type { Detection, FileDetection, Range } from '../analysis/types.js';
import { loadPolicy } from '../policy/load.js';
import { PARSE_ERROR, type RuleId } from '../policy/rules.js';
import type { Policy, Severity } from '../policy/types.js';
import { compareFindings, type Finding, type FlowLocation, type Snippet } from '../report/finding.js';
import { applySuppressions } from '../gate/suppress.js';
import type { ExceptionUse, GateInfo, SuppressedFinding } from '../gate/types.js';
import { discoverFiles, toPosix } from './discover.js';
import type { Lane, ProgramContext } from './lane.js';
import { LANES } from './lanes.js';
import { createProject } from './project.js';
import { looksBinary, looksMinified, ScannedFile } from './scanned-file.js';

/** Files larger than this are not read (generated data, dumps); the scan says so. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ScanOptions {
  /** Directory reported paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Files or directories to scan (default: cwd). */
  paths?: string[];
  /** Explicit config file; otherwise datagate.yml is searched for from the first path upward. */
  configPath?: string;
  /** A ready policy (skips config loading). */
  policy?: Policy;
  /** Run only these rules (on top of the policy's own on/off settings). */
  only?: RuleId[];
  /** Extra lanes (tests, plug-ins). */
  lanes?: readonly Lane[];
  /** Skip build output directories (default true); false to audit shipped code such as node_modules packages. */
  skipBuildOutput?: boolean;
  /** Run the shipped lanes (default true); tests set false to run only `lanes`. */
  shippedLanes?: boolean;
}

export interface ScanResult {
  cwd: string;
  policy: Policy;
  findings: Finding[];
  filesScanned: number;
  /** Paths the user named that do not exist: the scan cannot be trusted (exit 2). */
  missing: string[];
  /** Findings an inline directive or an exception suppressed (src/gate/suppress.ts), for reports and SARIF. */
  suppressed?: SuppressedFinding[];
  /** Every `exceptions:` entry and what it matched. */
  exceptions?: ExceptionUse[];
  /** Set by the CLI/Action gate (baseline, changed lines, fail-on): what else was filtered. */
  gate?: GateInfo;
}

export class ScanInputError extends Error {}

/** Runs every enabled lane over the files under `paths` and returns sorted findings. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const policy =
    options.policy ?? loadPolicy({ configPath: options.configPath, searchFrom: resolve(cwd, paths[0]!) });
  const enabled = (rule: RuleId) => policy.rules[rule] !== 'off' && (!options.only || options.only.includes(rule));
  const lanes = [...(options.shippedLanes === false ? [] : LANES), ...(options.lanes ?? [])].filter((lane) => lane.rules.some(enabled));

  const discovery = await discoverFiles({ cwd, paths, ignore: policy.ignore, ignoreBase: policy.baseDir, skipBuildOutput: options.skipBuildOutput });
  const files: ScannedFile[] = [];
  const detections = new Map<ScannedFile, Detection[]>();
  const push = (file: ScannedFile, d: Detection) => {
    const list = detections.get(file);
    if (list) list.push(d);
    else detections.set(file, [d]);
  };

  for (const entry of discovery.files) {
    const read = readScannedFile(entry.path, entry.relPath);
    if ('problem' in read) {
      const stub = new ScannedFile(entry.path, entry.relPath, '');
      files.push(stub);
      push(stub, { ruleId: PARSE_ERROR, kind: 'parse-error', message: read.problem, range: [0, 0], severity: read.severity });
      continue;
    }
    if (!read.file) continue;
    const file = read.file;
    files.push(file);
    const problems = file.parseProblems();
    if (problems.length > 0) {
      const first = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      push(file, { ruleId: PARSE_ERROR, kind: 'parse-error', message: `Cannot parse ${file.kind} file: ${first.message}${more}`, range: first.range });
    }
    for (const lane of lanes) {
      if (!lane.checkFile) continue;
      for (const d of runLane(lane, file, () => lane.checkFile!(file, policy))) push(file, d);
    }
  }

  const byPath = new Map(files.map((f) => [f.path, f]));
  const tsFiles = files.filter((f) => f.kind === 'typescript' && f.text.length > 0);
  let project: Project | undefined;
  const context: ProgramContext = {
    cwd,
    policy,
    files,
    tsFiles,
    project: () => (project ??= createProject(cwd, tsFiles)),
    fileAt: (path) => byPath.get(resolve(path)),
  };
  for (const lane of lanes) {
    if (!lane.checkProgram) continue;
    let found: FileDetection[];
    try {
      found = lane.checkProgram(context);
    } catch (error) {
      throw new Error(`datagate: the ${lane.id} pass crashed: ${(error as Error).stack ?? String(error)}`);
    }
    for (const d of found) {
      const file = byPath.get(resolve(d.file)) ?? addOutsideFile(d.file, cwd, files, byPath);
      push(file, d);
    }
  }

  const findings: Finding[] = [];
  for (const [file, list] of detections) {
    const secrets = new Set<string>();
    for (const d of list) for (const r of d.redact ?? []) secrets.add(file.text.slice(r[0], r[1]));
    const redactions = collectRedactions(file, secrets);
    for (const d of list) {
      if (d.ruleId !== PARSE_ERROR && !enabled(d.ruleId)) continue;
      const configured = d.ruleId === PARSE_ERROR ? 'error' : (policy.rules[d.ruleId] as Severity);
      findings.push(toFinding(d, file, severityOf(d, configured), secrets, redactions, byPath, cwd));
    }
  }
  findings.sort(compareFindings);
  assignFingerprints(findings);
  // Suppressions and exceptions filter findings in src/gate, the one place findings are filtered.
  const gated = applySuppressions({ findings, files, policy, cwd, enabled });
  return { cwd, policy, findings: gated.findings, suppressed: gated.suppressed, exceptions: gated.exceptions, filesScanned: files.length, missing: discovery.missing };
}

/** A lane that throws on one file must not hide the others: it becomes a finding for that file. */
function runLane(lane: Lane, file: ScannedFile, run: () => Detection[]): Detection[] {
  try {
    return run();
  } catch (error) {
    return [{ ruleId: PARSE_ERROR, kind: 'parse-error', message: `The ${lane.id} check could not analyse this file: ${(error as Error).message}`, range: [0, 0] }];
  }
}

function severityOf(d: Detection, configured: Severity): Severity {
  // A detection can only lower the configured severity (unverifiable → warning), never raise it.
  if (d.severity === 'warning' || configured === 'warning') return 'warning';
  return configured;
}

type ReadResult = { file: ScannedFile | undefined } | { problem: string; severity?: Severity };

function readScannedFile(path: string, relPath: string): ReadResult {
  let buffer: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return { problem: `File not scanned: ${(size / 1024 / 1024).toFixed(1)} MiB is over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`, severity: 'warning' };
    }
    buffer = readFileSync(path);
  } catch (error) {
    return { problem: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (looksBinary(buffer)) return { file: undefined };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksMinified(relPath, text)) return { file: undefined };
  return { file: new ScannedFile(path, relPath, text) };
}

function addOutsideFile(path: string, cwd: string, files: ScannedFile[], byPath: Map<string, ScannedFile>): ScannedFile {
  const abs = resolve(path);
  let text = '';
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    // keep empty: the finding still names the file
  }
  const file = new ScannedFile(abs, toPosix(abs.startsWith(cwd) ? abs.slice(cwd.length + 1) : abs), text);
  files.push(file);
  byPath.set(abs, file);
  return file;
}

function toFinding(
  d: Detection,
  file: ScannedFile,
  severity: Severity,
  secrets: Set<string>,
  /** Where those secrets stand in the file, computed once per file. */
  redactions: Range[],
  byPath: Map<string, ScannedFile>,
  cwd: string,
): Finding {
  const start = file.position(d.range[0]);
  const end = file.position(Math.max(d.range[1], d.range[0]));
  const flow: FlowLocation[] | undefined = d.flow?.map((step) => {
    const stepFile = byPath.get(resolve(step.file)) ?? addOutsideFile(step.file, cwd, [], byPath);
    const s = stepFile.position(step.range[0]);
    const e = stepFile.position(step.range[1]);
    return { file: stepFile.relPath, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, message: maskAll(step.message, secrets) };
  });
  return {
    ruleId: d.ruleId,
    severity,
    file: file.relPath,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: maskAll(d.message, secrets),
    fingerprint: fingerprintSeed(d, file),
    kind: d.kind ?? 'violation',
    snippet: file.text.length > 0 ? snippetOf(file, d.range, redactions) : undefined,
    flow,
    fix: d.suggestions?.[0] ? maskAll(d.suggestions[0].message, secrets) : undefined,
    data: d.data,
  };
}

function collectRedactions(file: ScannedFile, secrets: Set<string>): Range[] {
  const ranges: Range[] = [];
  for (const secret of secrets) {
    if (secret.length < 5) continue;
    for (let i = file.text.indexOf(secret); i >= 0; i = file.text.indexOf(secret, i + secret.length)) ranges.push([i, i + secret.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Lines around the finding (one before, one after, at most 6), with every secret masked. */
function snippetOf(file: ScannedFile, range: Range, redactions: Range[]): Snippet {
  const start = file.position(range[0]);
  const end = file.position(Math.max(range[1], range[0]));
  const firstLine = Math.max(1, start.line - 1);
  const lastLine = Math.min(file.lineCount, Math.max(end.line, start.line) + 1, firstLine + 5);
  const lines: string[] = [];
  let highlight = { line: start.line, column: start.column, endColumn: start.line === end.line ? end.column : start.column + 1 };
  for (let line = firstLine; line <= lastLine; line++) {
    const lineStart = file.lineStart(line);
    const raw = file.lineText(line);
    const own = redactions.filter((r) => r[0] < lineStart + raw.length && r[1] > lineStart);
    let text = '';
    let cursor = 0;
    const shift = (col: number) => {
      // map an original 1-based column on this line to its column in the masked text
      let delta = 0;
      for (const r of own) {
        const a = Math.max(r[0] - lineStart, 0);
        const b = Math.min(r[1] - lineStart, raw.length);
        if (col - 1 >= b) delta += b - a - Math.min(b - a, 8);
      }
      return col - delta;
    };
    for (const r of own) {
      const a = Math.max(r[0] - lineStart, 0);
      const b = Math.min(r[1] - lineStart, raw.length);
      if (a < cursor) continue;
      text += raw.slice(cursor, a) + maskSecret(file.text.slice(r[0], r[1])).slice(0, Math.min(b - a, 8));
      cursor = b;
    }
    text += raw.slice(cursor);
    lines.push(text);
    if (line === start.line) highlight = { line, column: shift(highlight.column), endColumn: Math.max(shift(highlight.endColumn), shift(highlight.column) + 1) };
  }
  // a file's final newline is not a line worth showing
  while (lines.length > 1 && firstLine + lines.length - 1 > highlight.line && lines[lines.length - 1] === '') lines.pop();
  return { firstLine, lines, highlight };
}

function fingerprintSeed(d: Detection, file: ScannedFile): string {
  const key = d.fingerprintKey ?? file.text.slice(d.range[0], d.range[1]).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${d.ruleId}\0${file.relPath}\0${key}\0${d.fingerprintKey ? '' : d.message.replace(/\d+/g, '#')}`).digest('hex').slice(0, 32);
}

/** Identical seeds in one file (the same secret twice) get an ordinal, in source order. */
function assignFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    if (n > 1) f.fingerprint = createHash('sha256').update(`${f.fingerprint}#${n}`).digest('hex').slice(0, 32);
  }
}
