import type { GenericKnowledge } from './knowledge.js';

/**
 * Values that are not secrets whatever they are called: placeholders (`<your-key>`, `changeme`,
 * `xxxx`), references to a secret store (`${VAR}`, `{{resolve:secretsmanager:…}}`), documented
 * example keys (AWS's `…EXAMPLE`), and values the user allowed in `secrets.allowValues`.
 */
export interface ValueFilter {
  /** `handTyped`: also treat runs like `1234567890` as placeholders (for name-based findings). */
  isPlaceholder(value: string, handTyped?: boolean): boolean;
}

export function createValueFilter(knowledge: GenericKnowledge, allowValues: readonly RegExp[]): ValueFilter {
  const exact = new Set(knowledge.placeholderValues.map((v) => v.toLowerCase()));
  const examples = new Set(knowledge.documentedExamples);
  const fragments = knowledge.placeholderFragments.map((f) => f.toLowerCase());
  const sequences = knowledge.sequenceFragments.map((f) => f.toLowerCase());
  const references = knowledge.referencePatterns.map((p) => new RegExp(p));
  return {
    isPlaceholder(value, handTyped = false) {
      const lower = value.toLowerCase();
      if (exact.has(lower) || examples.has(value)) return true;
      for (const f of fragments) if (lower.includes(f)) return true;
      if (handTyped) for (const f of sequences) if (lower.includes(f)) return true;
      for (const r of references) if (r.test(value)) return true;
      for (const r of allowValues) {
        r.lastIndex = 0;
        if (r.test(value)) return true;
      }
      return repetitive(value);
    },
  };
}

/** `aaaaaaaa`, `abababab`, `12341234`: too few distinct characters to be random. */
function repetitive(value: string): boolean {
  if (value.length < 6) return false;
  const distinct = new Set(value).size;
  return distinct <= 3 || (value.length >= 16 && distinct <= 5);
}

const EXAMPLE_INTRO = /\b(?:e\.g\.|i\.e\.|for example|for instance|example|(?:looks?|be|is|are|seems?) (?:\w+ ){0,2}like|like (?:this|so)|such as|format(?:ted)? (?:is|like|as)|sample)\b/i;

/** Text that introduces what follows as an example ("A token looks like this:", "e.g."). */
export function introducesExample(before: string): boolean {
  return EXAMPLE_INTRO.test(before);
}
