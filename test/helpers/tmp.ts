import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throw-away directory tree: `files` maps relative paths to contents. */
export function makeTree(files: Record<string, string | Buffer>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'datagate-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
