/**
 * Runs one tool as its own child process and measures it from outside: wall time (spawn to
 * exit, so Node start-up and module loading count, as they do for a user) and peak memory
 * (the child's maxRSS, from GNU time when the machine has it, else from a preload that reports
 * process.resourceUsage() on exit).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ToolRun {
  exitCode: number;
  seconds: number;
  /** Peak resident memory of the tool's process, in MiB. */
  peakMb: number;
  /** User + system CPU time of the tool's process: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Reports the process's own maxRSS (kB) and CPU seconds into $BENCH_RUSAGE_FILE when it exits. */
const RSS_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs'; process.on('exit', () => { if (process.env.BENCH_RUSAGE_FILE) { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_RUSAGE_FILE, JSON.stringify({ kb: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); } });",
  );

/** How peak memory is measured on this machine (printed under the table). */
export function memoryMethod(): string {
  return existsSync(GNU_TIME) ? 'maxRSS of the tool process from /usr/bin/time -v' : 'maxRSS of the tool process from process.resourceUsage() at exit';
}

/**
 * Runs `node <nodeArgs...>` in `cwd`. `scratch` is a path prefix for the measurement files.
 * Exit codes 0 and 1 are both normal for linters (1 = findings); the caller decides.
 */
export async function runNode(nodeArgs: string[], cwd: string, scratch: string, env: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
  const timeFile = `${scratch}.time`;
  const rssFile = `${scratch}.rss`;
  rmSync(timeFile, { force: true });
  rmSync(rssFile, { force: true });
  const useGnuTime = existsSync(GNU_TIME);
  const [command, args] = useGnuTime
    ? [GNU_TIME, ['-v', '-o', timeFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', RSS_HOOK, ...nodeArgs]];
  const started = performance.now();
  const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env, BENCH_RUSAGE_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (err.length < 20_000) err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ exitCode: code ?? 2, stderr: err }));
  });
  const seconds = (performance.now() - started) / 1000;
  if (useGnuTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, 'utf8');
    const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
    const status = /Exit status: (\d+)/.exec(text)?.[1];
    return {
      exitCode: status === undefined ? exitCode : Number(status),
      seconds,
      peakMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
      cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
      stderr,
    };
  }
  const usage = existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, 'utf8')) as { kb: number; cpu: number }) : { kb: 0, cpu: 0 };
  return { exitCode, seconds, peakMb: usage.kb / 1024, cpuSeconds: usage.cpu, stderr };
}
