import type { GenericKnowledge } from './knowledge.js';

/**
 * Does a name (variable, property, env var, header, SSM parameter path) name a secret? Matching
 * is by whole words, so `tokenizer` is not `token`, and the last secret word must end the name
 * (bar value suffixes): `passwordPolicy` is about a password, not one.
 */

/** `dbPassword` → [db, password]; `X-Api-Key` → [x, api, key]; `password2` → [password, 2]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z]{3,})(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export interface NameMatcher {
  /** The kind of secret a name holds ("password", "API key", …), or undefined. */
  kindOf(name: string): string | undefined;
}

interface Sequence {
  words: string[];
  kind: string;
  /** Words the whole name needs (a bare `key` is not enough). */
  minWords: number;
}

export function createNameMatcher(knowledge: GenericKnowledge): NameMatcher {
  const sequences: Sequence[] = knowledge.kinds.flatMap((k) => k.words.map((w) => ({ words: nameWords(w), kind: k.kind, minWords: k.minWords })));
  const suffixes = new Set(knowledge.valueSuffixes);
  const negating = new Set(knowledge.negatingPrefixes);
  const cache = new Map<string, string | undefined>();

  const classify = (name: string): string | undefined => {
    const words = nameWords(name);
    let best: { start: number; end: number; kind: string } | undefined;
    for (const seq of sequences) {
      if (words.length < seq.minWords) continue;
      for (let i = 0; i + seq.words.length <= words.length; i++) {
        if (!seq.words.every((w, j) => words[i + j] === w)) continue;
        const end = i + seq.words.length;
        // The latest-ending sequence wins; at the same end, the longest (`secret key` over `key`).
        if (!best || end > best.end || (end === best.end && i < best.start)) best = { start: i, end, kind: seq.kind };
      }
    }
    if (!best) return undefined;
    const trailing = words.slice(best.end);
    if (!trailing.every((w) => suffixes.has(w) || /^v?\d+$/.test(w))) return undefined;
    const before = words[best.start - 1];
    if (before !== undefined && negating.has(before)) return undefined;
    return best.kind;
  };

  return {
    kindOf(name) {
      if (cache.has(name)) return cache.get(name);
      const kind = classify(name);
      if (cache.size < 5000) cache.set(name, kind);
      return kind;
    },
  };
}
