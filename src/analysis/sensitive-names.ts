import { loadKnowledge, KnowledgeError } from '../policy/knowledge.js';
import type { Policy } from '../policy/types.js';

/**
 * The personal-data and secret name taxonomy (rules/sensitive-names.yaml): which identifiers,
 * property names and header names name PII, credentials, tokens or financial data. Shared by
 * no-sensitive-logging (sources by name) and require-classification (obviously personal fields).
 */
export interface SensitiveName {
  /** Category id from the taxonomy (`email`, `token`, …; `custom` for names added in config). */
  category: string;
  /** What the data is, for messages ("email address"). */
  label: string;
  /** The classification level the category proposes (`restricted` for all PII and secrets). */
  level: string;
}

interface Category {
  id: string;
  label: string;
  level: string;
  patterns: string[][];
}

interface Taxonomy {
  /** Answers already given (names repeat across a codebase). */
  memo: Map<string, SensitiveName | null>;
  recordMemo: Map<string, SensitiveName | null>;
  categories: Category[];
  records: Category;
  valueSuffixes: Set<string>;
  factPrefixes: Set<string>;
  exclusions: string[][];
}

/** The shape of rules/sensitive-names.yaml, including samples (read by the tests). */
export interface TaxonomyFile {
  valueSuffixes: string[];
  factPrefixes: string[];
  categories: Array<{ id: string; label: string; level: string; patterns: string[]; samples: { match: string[]; noMatch: string[] } }>;
  exclusions: { sequences: string[]; samples: { noMatch: string[] } };
  records: { label: string; level: string; patterns: string[]; samples: { match: string[]; noMatch: string[] } };
}

/**
 * `customerEmailAddress` → [customer, email, address]; `x-api-key` → [x, api, key];
 * `APIKey` → [api, key]; `cardLast4` → [card, last, 4]. Words, never substrings, are matched.
 */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const words = (phrase: string): string[] => splitWords(phrase);

export function readTaxonomyFile(): TaxonomyFile {
  const raw = loadKnowledge('sensitive-names.yaml') as Partial<TaxonomyFile> | null;
  const ok =
    raw &&
    Array.isArray(raw.valueSuffixes) &&
    Array.isArray(raw.factPrefixes) &&
    Array.isArray(raw.categories) &&
    raw.categories.every((c) => typeof c.id === 'string' && typeof c.label === 'string' && typeof c.level === 'string' && Array.isArray(c.patterns)) &&
    raw.exclusions &&
    Array.isArray(raw.exclusions.sequences) &&
    raw.records &&
    Array.isArray(raw.records.patterns);
  if (!ok) throw new KnowledgeError('rules/sensitive-names.yaml: expected valueSuffixes, factPrefixes, categories[{id,label,level,patterns}], exclusions.sequences');
  return raw as TaxonomyFile;
}

let shipped: Taxonomy | undefined;
const byPolicy = new WeakMap<Policy, Taxonomy>();

function shippedTaxonomy(): Taxonomy {
  if (shipped) return shipped;
  const file = readTaxonomyFile();
  shipped = {
    memo: new Map(),
    recordMemo: new Map(),
    categories: file.categories.map((c) => ({ id: c.id, label: c.label, level: c.level, patterns: c.patterns.map(String).map(words) })),
    records: { id: 'record', label: file.records.label, level: file.records.level, patterns: file.records.patterns.map(String).map(words) },
    valueSuffixes: new Set(file.valueSuffixes.map(String)),
    factPrefixes: new Set(file.factPrefixes.map(String)),
    exclusions: file.exclusions.sequences.map(String).map(words),
  };
  return shipped;
}

/**
 * The config's additions: `logging.sensitiveNames.add` (names or word sequences that are
 * personal/secret data in this project, e.g. `loyaltyNumber`) and `logging.sensitiveNames.exclude`
 * (names that are not, e.g. `emailDigest`).
 */
export interface SensitiveNamesConfig {
  add: string[];
  exclude: string[];
}

export function sensitiveNamesConfig(policy: Policy | undefined): SensitiveNamesConfig {
  const section = policy?.logging?.sensitiveNames as { add?: unknown; exclude?: unknown } | undefined;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { add: strings(section?.add), exclude: strings(section?.exclude) };
}

function taxonomyFor(policy: Policy | undefined): Taxonomy {
  const base = shippedTaxonomy();
  if (!policy) return base;
  const hit = byPolicy.get(policy);
  if (hit) return hit;
  const config = sensitiveNamesConfig(policy);
  const taxonomy: Taxonomy =
    config.add.length === 0 && config.exclude.length === 0
      ? base
      : {
          ...base,
          memo: new Map(),
          recordMemo: new Map(),
          categories: [...base.categories, { id: 'custom', label: 'sensitive data (datagate.yml)', level: 'restricted', patterns: config.add.map(words) }],
          exclusions: [...base.exclusions, ...config.exclude.map(words)],
        };
  byPolicy.set(policy, taxonomy);
  return taxonomy;
}

function indexOfSequence(haystack: readonly string[], needle: readonly string[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function matches(nameWords: readonly string[], pattern: readonly string[], taxonomy: Taxonomy): boolean {
  if (pattern.length === 0) return false;
  for (let at = indexOfSequence(nameWords, pattern); at >= 0; at = indexOfSequence(nameWords, pattern, at + 1)) {
    const after = nameWords.slice(at + pattern.length);
    const before = nameWords.slice(0, at);
    if (!after.every((w) => taxonomy.valueSuffixes.has(w) || /^\d+$/.test(w))) continue;
    if (before.some((w) => taxonomy.factPrefixes.has(w))) continue;
    return true;
  }
  return false;
}

/**
 * What personal or secret data a name names, or undefined. `customerEmail` → email address;
 * `emailVerified`, `userId`, `tokenizer`, `nextToken` → undefined. See rules/sensitive-names.yaml
 * for how matching works.
 */
export function classifyName(name: string, policy?: Policy): SensitiveName | undefined {
  const taxonomy = taxonomyFor(policy);
  const hit = taxonomy.memo.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const result = classifyUncached(name, taxonomy);
  taxonomy.memo.set(name, result ?? null);
  return result;
}

function classifyUncached(name: string, taxonomy: Taxonomy): SensitiveName | undefined {
  const nameWords = splitWords(name);
  if (nameWords.length === 0) return undefined;
  if (taxonomy.exclusions.some((e) => e.length > 0 && indexOfSequence(nameWords, e) >= 0)) return undefined;
  for (const category of taxonomy.categories) {
    if (category.patterns.some((p) => matches(nameWords, p, taxonomy))) {
      return { category: category.id, label: category.label, level: category.level };
    }
  }
  return undefined;
}

/**
 * Whether a name names a whole record about a person (`user`, `currentUser`, `customerRecord`):
 * logging one logs every personal field in it. Separate from classifyName, because a model
 * field called `user` is a relation, not personal data itself.
 */
export function classifyRecordName(name: string, policy?: Policy): SensitiveName | undefined {
  const taxonomy = taxonomyFor(policy);
  const hit = taxonomy.recordMemo.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const nameWords = splitWords(name);
  const r = taxonomy.records;
  const excluded = nameWords.length === 0 || taxonomy.exclusions.some((e) => e.length > 0 && indexOfSequence(nameWords, e) >= 0);
  const result = !excluded && r.patterns.some((p) => matches(nameWords, p, taxonomy)) ? { category: r.id, label: r.label, level: r.level } : undefined;
  taxonomy.recordMemo.set(name, result ?? null);
  return result;
}
