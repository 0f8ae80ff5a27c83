import { loadKnowledgeDir } from '../../policy/knowledge.js';

/**
 * The shapes of rules/secrets/*.yaml, validated once per process. Provider files hold `formats`;
 * generic.yaml holds the name and placeholder knowledge of the generic detector.
 */

/** A sample that the test suite runs through the secrets lane as a file. */
export interface SecretSample {
  /** File name the sample is scanned as (default sample.txt); decides the extractor used. */
  file: string;
  text: string;
}

export interface SecretFormatSpec {
  id: string;
  provider: string;
  /** What the secret is, as messages say it: "Stripe secret key". */
  description: string;
  /** JavaScript regex; the named group `secret` (or the whole match) is the secret. */
  regex: string;
  ignoreCase: boolean;
  /** Lower-case strings one of which must occur in the text before the regex runs. */
  keywords: string[];
  /** Minimum Shannon entropy (bits/char) of the secret. */
  minEntropy: number;
  /** Extra structural check implemented in code (validators.ts). */
  validate?: string;
  /** Environment variable the ESLint suggestion reads the secret from. */
  env?: string;
  /** Report the whole match (e.g. a PEM block) instead of the secret group. */
  reportMatch: boolean;
  /** Wins over lower priorities when two formats find the same text. */
  priority: number;
  samples: { positive: SecretSample[]; negative: SecretSample[] };
  /** File the entry came from, for error messages. */
  source: string;
}

export interface GenericThreshold {
  minLength: number;
  minEntropy: number;
  minClasses: number;
}

/** A call whose argument is a secret: `jwt.sign(payload, secret)`. */
export interface SecretArgument {
  call: string;
  /** 0-based here (1-based in the YAML). */
  index: number;
  kind: string;
  env?: string;
}

export interface GenericKnowledge {
  kinds: Array<{ kind: string; words: string[]; minWords: number }>;
  valueSuffixes: string[];
  negatingPrefixes: string[];
  placeholderValues: string[];
  placeholderFragments: string[];
  sequenceFragments: string[];
  referencePatterns: string[];
  documentedExamples: string[];
  thresholds: { password: GenericThreshold; other: GenericThreshold; hex: GenericThreshold; key: GenericThreshold };
  secretArguments: SecretArgument[];
  samples: {
    secretNames: string[];
    notSecretNames: string[];
    secrets: Array<{ name: string; value: string }>;
    notSecrets: Array<{ name: string; value: string }>;
  };
}

export class SecretKnowledgeError extends Error {}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new SecretKnowledgeError(`${where} must be a list of strings`);
  }
  return value.map(String);
}

function requiredString(entry: Raw, key: string, where: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.length === 0) throw new SecretKnowledgeError(`${where}: '${key}' must be a non-empty string`);
  return value;
}

function samplesOf(value: unknown, where: string): SecretSample[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SecretKnowledgeError(`${where} must be a list`);
  return value.map((s, i) => {
    if (typeof s === 'string') return { file: 'sample.txt', text: s };
    if (isRecord(s) && typeof s.text === 'string') return { file: typeof s.file === 'string' ? s.file : 'sample.txt', text: s.text };
    throw new SecretKnowledgeError(`${where}[${i}] must be a string or {file, text}`);
  });
}

/** Validates one format entry (shipped or from datagate.yml `secrets.patterns`). */
export function parseFormatSpec(entry: unknown, source: string, provider?: string): SecretFormatSpec {
  if (!isRecord(entry)) throw new SecretKnowledgeError(`${source}: each format must be a mapping`);
  const id = requiredString(entry, 'id', source);
  const where = `${source} (${id})`;
  const regex = requiredString(entry, 'regex', where);
  const ignoreCase = entry.ignoreCase === true;
  try {
    new RegExp(regex, ignoreCase ? 'gi' : 'g');
  } catch (error) {
    throw new SecretKnowledgeError(`${where}: invalid regex: ${(error as Error).message}`);
  }
  const keywords = stringList(entry.keywords, `${where} keywords`).map((k) => k.toLowerCase());
  const samples = isRecord(entry.samples) ? entry.samples : {};
  const minEntropy = entry.minEntropy === undefined ? 0 : Number(entry.minEntropy);
  if (!Number.isFinite(minEntropy)) throw new SecretKnowledgeError(`${where}: minEntropy must be a number`);
  return {
    id,
    provider: typeof entry.provider === 'string' ? entry.provider : (provider ?? 'custom'),
    description: typeof entry.description === 'string' ? entry.description : id,
    regex,
    ignoreCase,
    keywords,
    minEntropy,
    validate: typeof entry.validate === 'string' ? entry.validate : undefined,
    env: typeof entry.env === 'string' ? entry.env : undefined,
    reportMatch: entry.reportMatch === true,
    priority: typeof entry.priority === 'number' ? entry.priority : 0,
    samples: { positive: samplesOf(samples.positive, `${where} samples.positive`), negative: samplesOf(samples.negative, `${where} samples.negative`) },
    source,
  };
}

function parseGeneric(raw: unknown, source: string): GenericKnowledge {
  if (!isRecord(raw)) throw new SecretKnowledgeError(`${source} must be a mapping`);
  const kinds = Array.isArray(raw.kinds) ? raw.kinds : [];
  const threshold = (key: string): GenericThreshold => {
    const t = isRecord(raw.thresholds) && isRecord(raw.thresholds[key]) ? (raw.thresholds[key] as Raw) : {};
    return { minLength: Number(t.minLength ?? 8), minEntropy: Number(t.minEntropy ?? 3), minClasses: Number(t.minClasses ?? 1) };
  };
  const pairs = (value: unknown) =>
    (Array.isArray(value) ? value : []).filter(isRecord).map((p) => ({ name: String(p.name), value: String(p.value) }));
  const samples = isRecord(raw.samples) ? raw.samples : {};
  return {
    kinds: kinds.filter(isRecord).map((k) => ({ kind: String(k.kind), words: stringList(k.words, `${source} kinds.words`), minWords: Number(k.minWords ?? 1) })),
    valueSuffixes: stringList(raw.valueSuffixes, `${source} valueSuffixes`),
    negatingPrefixes: stringList(raw.negatingPrefixes, `${source} negatingPrefixes`),
    placeholderValues: stringList(raw.placeholderValues, `${source} placeholderValues`),
    placeholderFragments: stringList(raw.placeholderFragments, `${source} placeholderFragments`),
    sequenceFragments: stringList(raw.sequenceFragments, `${source} sequenceFragments`),
    referencePatterns: stringList(raw.referencePatterns, `${source} referencePatterns`),
    documentedExamples: stringList(raw.documentedExamples, `${source} documentedExamples`),
    thresholds: { password: threshold('password'), other: threshold('other'), hex: threshold('hex'), key: threshold('key') },
    secretArguments: (Array.isArray(raw.secretArguments) ? raw.secretArguments : []).filter(isRecord).map((a) => {
      const argument = Number(a.argument);
      if (typeof a.call !== 'string' || !Number.isInteger(argument) || argument < 1 || typeof a.kind !== 'string') {
        throw new SecretKnowledgeError(`${source} secretArguments: each entry needs call, argument (1-based) and kind`);
      }
      return { call: a.call, index: argument - 1, kind: a.kind, env: typeof a.env === 'string' ? a.env : undefined };
    }),
    samples: {
      secretNames: stringList(samples.secretNames, `${source} samples.secretNames`),
      notSecretNames: stringList(samples.notSecretNames, `${source} samples.notSecretNames`),
      secrets: pairs(samples.secrets),
      notSecrets: pairs(samples.notSecrets),
    },
  };
}

export interface SecretKnowledge {
  formats: SecretFormatSpec[];
  generic: GenericKnowledge;
}

let loaded: SecretKnowledge | undefined;

/** Every shipped format and the generic knowledge, validated; ids must be unique. */
export function secretKnowledge(): SecretKnowledge {
  if (loaded) return loaded;
  const formats: SecretFormatSpec[] = [];
  let generic: GenericKnowledge | undefined;
  for (const [relPath, raw] of loadKnowledgeDir('secrets')) {
    if (relPath.endsWith('/generic.yaml')) {
      generic = parseGeneric(raw, relPath);
      continue;
    }
    if (!isRecord(raw) || !Array.isArray(raw.formats)) throw new SecretKnowledgeError(`rules/${relPath}: expected a 'formats' list`);
    const provider = typeof raw.provider === 'string' ? raw.provider : undefined;
    for (const entry of raw.formats) formats.push(parseFormatSpec(entry, `rules/${relPath}`, provider));
  }
  const seen = new Set<string>();
  for (const f of formats) {
    if (seen.has(f.id)) throw new SecretKnowledgeError(`${f.source}: duplicate format id '${f.id}'`);
    if (f.keywords.length === 0) throw new SecretKnowledgeError(`${f.source} (${f.id}): at least one keyword is required (it keeps scans fast)`);
    seen.add(f.id);
  }
  if (!generic) throw new SecretKnowledgeError('rules/secrets/generic.yaml is missing');
  loaded = { formats, generic };
  return loaded;
}
