/**
 * One bench at a time per work tree: every section writes its scratch files under .bench/, and
 * two runs at once overwrite each other's corpus and reports (and skew each other's timings).
 * A second `npm run bench` waits for the first instead.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock at `path` (waiting up to `waitMs` for a live holder); returns its release. */
export async function acquireBenchLock(path: string, waitMs: number, say: (m: string) => void): Promise<() => void> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      const release = () => rmSync(path, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      rmSync(path, { force: true }); // left by a run that died
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another bench (pid ${holder}) still holds ${path}`);
    if (!told) say(`waiting for another bench run (pid ${holder}) to finish: they share .bench/`);
    told = true;
    await sleep(3000);
  }
}
