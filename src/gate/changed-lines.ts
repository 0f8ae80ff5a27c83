import { execFileSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import type { Finding } from '../report/finding.js';

/** Added or modified lines (1-based, inclusive ranges) per file, relative to the scan's cwd. */
export type ChangedLines = Map<string, Array<[number, number]>>;

export class GitError extends Error {}

/**
 * Parses `git diff --unified=0` output into the new side's changed line ranges. Paths are the
 * `+++ b/…` ones (renames count as the new path; deletions have none).
 */
export function parseUnifiedDiff(diff: string): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  let current: Array<[number, number]> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).trim();
      if (path === '/dev/null') {
        current = undefined;
        continue;
      }
      const name = unquote(path).replace(/^b\//, '');
      current = out.get(name) ?? [];
      out.set(name, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return out;
}

/** git C-quotes unusual names ("caf\\303\\251.md"): octal escapes are UTF-8 bytes. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  const bytes: number[] = [];
  const simple: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(simple[body[i + 1]!] ?? body[i + 1]!, 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new GitError(`git ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

export interface ChangedSince {
  lines: ChangedLines;
  mergeBase: string;
}

/**
 * Lines changed since `ref`: `git diff --unified=0` from the merge-base of `ref` and HEAD (what a
 * pull request adds, whatever landed on the base branch meanwhile) to `head` — the working tree
 * when `head` is undefined (so a local run includes uncommitted work and new untracked files).
 * When the merge-base cannot be found (a shallow clone), `ref` itself is the base.
 */
export function changedSince(cwd: string, ref: string, head?: string): ChangedSince {
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  let mergeBase: string;
  try {
    mergeBase = git(cwd, ['merge-base', ref, head ?? 'HEAD']).trim();
  } catch {
    mergeBase = git(cwd, ['rev-parse', '--verify', `${ref}^{commit}`]).trim();
  }
  const diff = git(top, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', mergeBase, ...(head ? [head] : []), '--']);
  const byRepoPath = parseUnifiedDiff(diff);
  if (!head) {
    for (const path of git(top, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean)) {
      byRepoPath.set(path, [[1, Number.MAX_SAFE_INTEGER]]);
    }
  }
  const lines: ChangedLines = new Map();
  for (const [path, ranges] of byRepoPath) {
    const rel = relative(cwd, resolve(top, path));
    lines.set(sep === '/' ? rel : rel.split(sep).join('/'), ranges);
  }
  return { lines, mergeBase };
}

function touches(lines: ChangedLines, file: string, start: number, end: number): boolean {
  const ranges = lines.get(file);
  return Boolean(ranges?.some(([a, b]) => a <= end && start <= b));
}

/**
 * Whether a finding belongs to the change: its own lines, or any step of its flow (a pull request
 * that adds the source of a leak into an unchanged logging call caused that finding). A file
 * that cannot be parsed counts wherever the error sits, as long as the file changed.
 */
export function onChangedLines(finding: Finding, lines: ChangedLines): boolean {
  if (finding.kind === 'parse-error' && lines.has(finding.file)) return true;
  if (touches(lines, finding.file, finding.line, finding.endLine)) return true;
  return (finding.flow ?? []).some((step) => touches(lines, step.file, step.line, step.endLine));
}

