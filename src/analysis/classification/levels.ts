import type { Policy } from '../../policy/types.js';

/**
 * Classification levels come from the policy (`levels`, lowest to highest); nothing here knows
 * their names. A level written in a tag, decorator or directive matches case-insensitively, so
 * GraphQL's `RESTRICTED` and a decorator's `Level.Restricted` mean `restricted`.
 */
export function resolveLevel(raw: string, policy: Policy): string | undefined {
  const wanted = raw.trim().toLowerCase();
  if (wanted === '') return undefined;
  return policy.levels.find((l) => l.toLowerCase() === wanted);
}

/** Position of a level in the policy's order (0 = lowest), -1 when unknown. */
export function levelRank(level: string, policy: Policy): number {
  return policy.levels.indexOf(level);
}

/** The highest configured level (`restricted` in the shipped policy). */
export function topLevel(policy: Policy): string {
  return policy.levels[policy.levels.length - 1] ?? 'restricted';
}

/**
 * The lowest level that makes data sensitive wherever it flows: the second-highest configured
 * level (`confidential` in the shipped policy), or the only level when there is one.
 */
export function sensitiveFloor(policy: Policy): string {
  const n = policy.levels.length;
  return policy.levels[Math.max(0, n - 2)] ?? 'confidential';
}

export function isSensitiveLevel(level: string, policy: Policy): boolean {
  const rank = levelRank(level, policy);
  return rank >= 0 && rank >= levelRank(sensitiveFloor(policy), policy);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The configured level an unknown one was probably meant to be: a typo (edit distance ≤ 2, or a
 * third of the word), or a prefix/abbreviation (`conf`, `restrict`). Undefined when nothing is close.
 */
export function didYouMean(raw: string, policy: Policy): string | undefined {
  const wanted = raw.trim().toLowerCase();
  if (wanted.length < 3) return undefined;
  let best: { level: string; distance: number } | undefined;
  for (const level of policy.levels) {
    const l = level.toLowerCase();
    if (l.startsWith(wanted) || wanted.startsWith(l)) return level;
    const distance = editDistance(wanted, l);
    if (distance <= Math.max(2, Math.floor(l.length / 3)) && (!best || distance < best.distance)) best = { level, distance };
  }
  return best?.level;
}
