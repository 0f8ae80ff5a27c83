import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { Policy, PolicyException } from '../policy/types.js';
import type { Finding } from '../report/finding.js';

/**
 * The config's `exceptions:` registry. The policy (Exceptions, line 201) requires exceptions to be
 * "documented, justified, approved by authorized personnel, and reviewed periodically": the
 * schema makes `reason`, `approvedBy` and `expires` mandatory, and an exception past its
 * `expires` day stops suppressing, so review is forced rather than hoped for.
 */
export interface ExceptionMatcher {
  exception: PolicyException;
  index: number;
  expired: boolean;
  /** `datagate.yml:14`, relative to the scan's cwd. */
  source: string;
  /** 1-based line of the entry in the config file, when the entry is the user's. */
  line?: number;
  matches(finding: Finding): boolean;
}

/** Today as the exceptions' `expires` is written (UTC). */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function exceptionMatchers(policy: Policy, cwd: string, today: string): ExceptionMatcher[] {
  const lines = policy.configPath ? entryLines(policy.configPath) : [];
  const configName = policy.configPath ? toPosix(relativeOrAbsolute(cwd, policy.configPath)) : 'preset';
  return policy.exceptions.map((exception, index) => {
    // gitignore-style; a leading ./ means the config's directory, which is where globs start anyway
    const glob = ignore().add(exception.path.replace(/^\.\//, ''));
    const line = lines[index];
    return {
      exception,
      index,
      // valid through its `expires` day
      expired: exception.expires < today,
      source: line ? `${configName}:${line}` : `${configName} exceptions[${index}]`,
      line,
      matches(finding) {
        if (finding.ruleId !== exception.rule) return false;
        const rel = relative(policy.baseDir, resolve(cwd, finding.file));
        if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
        return glob.ignores(toPosix(rel));
      },
    };
  });
}

/** 1-based line of each `exceptions:` entry in the user's config (empty when unreadable). */
function entryLines(configPath: string): number[] {
  try {
    const counter = new LineCounter();
    const doc = parseDocument(readFileSync(configPath, 'utf8'), { lineCounter: counter });
    const seq = doc.get('exceptions', true);
    if (!isSeq(seq)) return [];
    return seq.items.map((item) => {
      const range = (item as { range?: [number, number, number] }).range;
      return range ? counter.linePos(range[0]).line : 0;
    });
  } catch {
    return [];
  }
}

function relativeOrAbsolute(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
