import type { Range } from '../types.js';
import type { Policy } from '../../policy/types.js';
import { shannonEntropy } from './entropy.js';
import { createGenericJudge, type GenericJudge } from './generic.js';
import { parseFormatSpec, secretKnowledge, SecretKnowledgeError, type GenericKnowledge, type SecretFormatSpec } from './knowledge.js';
import { createNameMatcher } from './names.js';
import { createValueFilter, type ValueFilter } from './placeholders.js';
import { VALIDATORS } from './validators.js';

/**
 * The secret detector for one policy: shipped formats plus `secrets.patterns`, minus
 * `secrets.disable`, with `secrets.allowValues`. Regexes are compiled once per policy; a text is
 * only searched with the formats whose keywords occur in it.
 */

/** The `secrets:` section of datagate.yml. */
export interface SecretsConfig {
  /** Extra formats (same shape as rules/secrets/*.yaml entries). */
  patterns: SecretFormatSpec[];
  /** Format ids not to report; `generic` turns off the name-based detector. */
  disable: string[];
  /** Values (regexes) never reported. */
  allowValues: RegExp[];
}

export const GENERIC_ID = 'generic';

export interface FormatHit {
  format: SecretFormatSpec;
  secret: string;
  /** Where the secret is. */
  secretRange: Range;
  /** What the finding points at: the secret, or the whole match for `reportMatch` formats. */
  range: Range;
}

export interface SecretEngine {
  formats: readonly SecretFormatSpec[];
  knowledge: GenericKnowledge;
  filter: ValueFilter;
  /** Undefined when the generic detector is disabled. */
  generic: GenericJudge | undefined;
  /** Every provider-format secret in `text` (offsets into it), overlaps resolved by priority. */
  findFormats(text: string): FormatHit[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and validates `policy.secrets`; throws SecretKnowledgeError on a bad entry. */
export function parseSecretsConfig(section: Record<string, unknown>): SecretsConfig {
  const where = 'datagate.yml secrets';
  const patterns = section.patterns === undefined ? [] : section.patterns;
  if (!Array.isArray(patterns)) throw new SecretKnowledgeError(`${where}.patterns must be a list`);
  const disable = section.disable === undefined ? [] : section.disable;
  if (!Array.isArray(disable) || disable.some((d) => typeof d !== 'string')) throw new SecretKnowledgeError(`${where}.disable must be a list of format ids`);
  const allow = section.allowValues === undefined ? [] : section.allowValues;
  if (!Array.isArray(allow) || allow.some((d) => typeof d !== 'string')) throw new SecretKnowledgeError(`${where}.allowValues must be a list of regexes`);
  return {
    patterns: patterns.map((p, i) => {
      const spec = parseFormatSpec(p, `${where}.patterns[${i}]`, 'custom');
      if (spec.keywords.length === 0) {
        // Without keywords a custom pattern still works; it just runs on every file.
        return { ...spec, keywords: [''] };
      }
      return spec;
    }),
    disable: disable as string[],
    allowValues: (allow as string[]).map((r, i) => {
      try {
        return new RegExp(r);
      } catch (error) {
        throw new SecretKnowledgeError(`${where}.allowValues[${i}]: invalid regex: ${(error as Error).message}`);
      }
    }),
  };
}

interface Compiled {
  spec: SecretFormatSpec;
  regex: RegExp;
}

const ALNUM = /[A-Za-z0-9]/;

export function createSecretEngine(config: SecretsConfig): SecretEngine {
  const { formats: shipped, generic: knowledge } = secretKnowledge();
  const disabled = new Set(config.disable);
  const known = new Set([...shipped.map((f) => f.id), ...config.patterns.map((f) => f.id), GENERIC_ID]);
  for (const id of disabled) if (!known.has(id)) throw new SecretKnowledgeError(`datagate.yml secrets.disable: unknown format id '${id}'`);
  const formats = [...shipped, ...config.patterns].filter((f) => !disabled.has(f.id));
  const compiled: Compiled[] = formats.map((spec) => ({ spec, regex: new RegExp(spec.regex, spec.ignoreCase ? 'gdi' : 'gd') }));
  const filter = createValueFilter(knowledge, config.allowValues);
  const generic = disabled.has(GENERIC_ID) ? undefined : createGenericJudge(knowledge, createNameMatcher(knowledge), filter);

  const findFormats = (text: string): FormatHit[] => {
    const lower = text.toLowerCase();
    const hits: FormatHit[] = [];
    for (const { spec, regex } of compiled) {
      if (!spec.keywords.some((k) => lower.includes(k))) continue;
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const span = m.indices?.groups?.secret ?? m.indices?.[0];
        if (!span) continue;
        const secret = text.slice(span[0], span[1]);
        if (!accept(spec, secret, m, text, span)) continue;
        const matchSpan = m.indices![0]!;
        hits.push({ format: spec, secret, secretRange: [span[0], span[1]], range: spec.reportMatch ? [matchSpan[0], matchSpan[1]] : [span[0], span[1]] });
      }
    }
    return resolveOverlaps(hits);
  };

  const accept = (spec: SecretFormatSpec, secret: string, m: RegExpExecArray, text: string, span: [number, number]): boolean => {
    if (secret.length === 0) return false;
    // A match glued to more letters or digits is part of a longer string (a base64 blob, a hash),
    // unless the regex itself matched the context on that side.
    const whole = m.indices![0]!;
    if (span[0] === whole[0] && ALNUM.test(text[span[0] - 1] ?? '') && ALNUM.test(secret[0] ?? '')) return false;
    if (span[1] === whole[1] && ALNUM.test(text[span[1]] ?? '') && ALNUM.test(secret[secret.length - 1] ?? '')) return false;
    if (spec.minEntropy > 0 && shannonEntropy(secret) < spec.minEntropy) return false;
    if (filter.isPlaceholder(secret)) return false;
    if (spec.validate) {
      const validator = VALIDATORS[spec.validate];
      if (!validator) throw new SecretKnowledgeError(`${spec.source} (${spec.id}): unknown validator '${spec.validate}'`);
      if (!validator(secret, m, knowledge)) return false;
    }
    return true;
  };

  return { formats, knowledge, filter, generic, findFormats };
}

/** When two formats find overlapping text, the higher priority (then the earlier, longer) one stays. */
function resolveOverlaps(hits: FormatHit[]): FormatHit[] {
  if (hits.length < 2) return hits;
  const ordered = [...hits].sort(
    (a, b) => b.format.priority - a.format.priority || a.range[0] - b.range[0] || b.range[1] - b.range[0] - (a.range[1] - a.range[0]),
  );
  const kept: FormatHit[] = [];
  for (const hit of ordered) {
    if (kept.some((k) => k.secretRange[0] < hit.secretRange[1] && hit.secretRange[0] < k.secretRange[1])) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.range[0] - b.range[0]);
}

const engines = new WeakMap<Policy, SecretEngine>();

/** The engine for a policy, built once (the ESLint front end and the scanner both cache policies). */
export function secretEngineFor(policy: Policy): SecretEngine {
  let engine = engines.get(policy);
  if (!engine) {
    engine = createSecretEngine(parseSecretsConfig(policy.secrets ?? {}));
    engines.set(policy, engine);
  }
  return engine;
}
