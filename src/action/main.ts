import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { BaselineError, readBaselineFile } from '../gate/baseline.js';
import { changedSince, GitError } from '../gate/changed-lines.js';
import { EXIT_UNTRUSTED } from '../gate/exit-code.js';
import { applyGate, type GateOptions } from '../gate/gate.js';
import { ConfigError } from '../policy/load.js';
import { escapeData, toAnnotations } from '../report/annotations.js';
import { formatMarkdown } from '../report/markdown.js';
import { formatSarif } from '../report/sarif.js';
import { plural } from '../report/summary.js';
import { scan } from '../scanner/scan.js';
import { pullRequestOf } from './event.js';
import { InputError, readInputs } from './inputs.js';

export interface ActionIO {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
}

/**
 * The GitHub Action: scan the workspace, keep (on a pull request) the findings on changed lines,
 * annotate them, write the job summary, SARIF and outputs, and return the exit code — 1 on
 * violations at or above `fail-on`, 2 when the scan cannot be trusted (the job fails closed).
 */
export async function runAction(io: ActionIO): Promise<number> {
  const { env } = io;
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const log = (line: string) => io.stdout(`${line}\n`);
  try {
    const inputs = readInputs(env);
    const pr = pullRequestOf(env);
    const gate: GateOptions = { failOn: inputs.failOn };
    if (inputs.baseline) gate.baseline = { file: inputs.baseline, data: readBaselineFile(resolve(workspace, inputs.baseline), inputs.baseline) };
    const onlyChanged = inputs.onlyChanged === 'true' || (inputs.onlyChanged === 'auto' && pr !== undefined);
    if (onlyChanged) {
      if (!pr) throw new InputError("input 'only-changed' is true but this run is not a pull request (no pull_request.base.sha in the event)");
      ensureCommit(workspace, pr.baseSha, log);
      gate.changed = { ref: pr.baseSha, ...changedSince(workspace, pr.baseSha, 'HEAD') };
    }

    log(`::group::datagate scan ${inputs.paths.join(' ')}`);
    const result = await scan({ cwd: workspace, paths: inputs.paths, configPath: inputs.config && resolve(workspace, inputs.config) });
    if (result.missing.length > 0) throw new InputError(`cannot scan ${result.missing.map((m) => `'${m}'`).join(', ')}: no such file or directory`);
    const gated = applyGate(result, gate);
    log(`${plural(gated.filesScanned, 'file')} scanned; ${plural(gated.findings.length, 'finding')} reported${gated.gate?.changed ? ` on changed lines (${gated.gate.changed.outside} elsewhere left out)` : ''}`);
    log('::endgroup::');

    const annotations = toAnnotations(gated.findings);
    for (const command of annotations.commands) log(command);

    const sarifPath = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, formatSarif(gated));

    const sha = pr?.headSha ?? env.GITHUB_SHA;
    const repoUrl = env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined;
    const summary = formatMarkdown(gated, {
      annotationsOmitted: annotations.omitted,
      fileLink: repoUrl && sha ? (file, line) => `${repoUrl}/blob/${sha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}` : undefined,
      fullReport: `the SARIF report (${inputs.sarifFile})`,
    });
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary);

    const errors = gated.findings.filter((f) => f.severity === 'error').length;
    setOutputs(env, {
      findings: gated.findings.length,
      errors,
      warnings: gated.findings.length - errors,
      suppressed: (gated.suppressed ?? []).filter((f) => f.suppression.via !== 'baseline').length,
      baselined: gated.gate?.baseline?.matched ?? 0,
      'sarif-file': relative(workspace, sarifPath) || inputs.sarifFile,
      'exit-code': gated.exitCode,
    });
    if (gated.exitCode !== 0) log(`::error title=datagate::${escapeData(`${plural(gated.findings.length, 'finding')} at or above '${inputs.failOn}' (${plural(errors, 'error')}): see the job summary`)}`);
    return gated.exitCode;
  } catch (error) {
    return failClosed(error, io, workspace);
  }
}

/** Any failure is exit 2 with an error annotation (on the config line when it is the config). */
function failClosed(error: unknown, io: ActionIO, workspace: string): number {
  let command: string;
  if (error instanceof ConfigError) {
    const file = relative(workspace, error.file);
    const at = error.line ? `,line=${error.line}${error.column ? `,col=${error.column}` : ''}` : '';
    command = `::error file=${file}${at},title=datagate: invalid configuration::${escapeData(`${file}${error.line ? `:${error.line}` : ''}: ${error.reason}`)}`;
  } else {
    const known = error instanceof InputError || error instanceof BaselineError || error instanceof GitError;
    const message = known ? (error as Error).message : `the scan failed and cannot be trusted: ${(error as Error).stack ?? String(error)}`;
    command = `::error title=datagate: scan error::${escapeData(message)}`;
  }
  io.stdout(`${command}\n`);
  if (io.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(io.env.GITHUB_STEP_SUMMARY, `## ⛔ datagate: the scan could not be trusted\n\n${(error as Error).message}\n\nThe job fails closed: no result is better than a wrong one.\n`);
  }
  setOutputs(io.env, { 'exit-code': EXIT_UNTRUSTED });
  return EXIT_UNTRUSTED;
}

function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string | number>): void {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

/** actions/checkout fetches one commit by default: fetch the base too, so the diff can be computed. */
function ensureCommit(cwd: string, sha: string, log: (line: string) => void): void {
  const has = () => {
    try {
      execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return;
  log(`datagate: fetching the pull request's base commit ${sha.slice(0, 12)} to find the changed lines`);
  try {
    execFileSync('git', ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha], { cwd, stdio: 'ignore' });
  } catch {
    // reported below as the missing commit
  }
  if (!has()) throw new GitError(`cannot find the pull request's base commit ${sha} (use actions/checkout with fetch-depth: 0)`);
}
