import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T10:00:00Z' } }).trim();
}

export function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A git repository with a base commit and a head commit (the pull request's changes). */
export function repoWithPullRequest(base: Record<string, string>, head: Record<string, string>): { root: string; baseSha: string; headSha: string } {
  const root = mkdtempSync(join(tmpdir(), 'datagate-pr-'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.email', 'dev@clicki.example');
  git(root, 'config', 'user.name', 'Clicki Dev');
  write(root, base);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const baseSha = git(root, 'rev-parse', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'feature/payouts');
  write(root, head);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'head');
  return { root, baseSha, headSha: git(root, 'rev-parse', 'HEAD') };
}
