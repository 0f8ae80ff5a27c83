import { characterClasses, shannonEntropy } from './entropy.js';
import type { GenericKnowledge, GenericThreshold } from './knowledge.js';
import type { NameMatcher } from './names.js';
import type { ValueFilter } from './placeholders.js';

/**
 * The generic detector: a secret-like name assigned a literal that looks like a secret. It is the
 * fallback for formats no provider entry knows, so it is deliberately strict about the value:
 * words, identifiers, paths, URLs, UUIDs, hashes and integrity strings are not secrets.
 */

export interface GenericHit {
  /** "password", "API key", … */
  kind: string;
  /** Offset of the secret inside the value (after a `Bearer ` prefix, say). */
  offset: number;
  secret: string;
}

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|Bot|Digest)\s+/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const PATH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|pub|jks|der)$/i;
/** `aws-cdk-lib/aws-kms.CfnReplicaKey`, `@scope/pkg/sub`: a module path, not a key. */
const MODULE_PATH = /^@?[a-z][a-z0-9-]*(?:\/[A-Za-z][\w-]*)+(?:\.[A-Za-z]\w*)?$/;
const DOTTED_KEY = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const ENV_NAME = /^[A-Z][A-Z]*(?:_[A-Z0-9]+)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const INTEGRITY = /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i;
const CRYPT_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)?|[156]|scrypt|pbkdf2[-\w]*)\$/;
const NUMBER = /^[-+]?[\d.,_]+$/;
const VERSION = /^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/;
const IDENTIFIER_CHARS = /^[A-Za-z]+(?:[-_.:][A-Za-z]+)*$/;
const CSS_OR_REGEX = /^[#.[\\^(]/;

/** Words glued together (`loginPasswordInput`, `reset-password`) rather than random characters. */
export function looksLikeWords(value: string): boolean {
  if (!IDENTIFIER_CHARS.test(value)) return false;
  const segments = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  if (segments.length === 0) return true;
  if (segments.some((s) => s.length < 2 && segments.length > 1)) return false;
  const avg = segments.reduce((n, s) => n + s.length, 0) / segments.length;
  // Acronyms (`JSX`, `URL`) are words too.
  return avg >= 3 && segments.every((s) => pronounceable(s) || /^[A-Z]{2,5}$/.test(s));
}

/** A run of letters that could be a word: has vowels, no long consonant clusters (`xkqzt`). */
function pronounceable(word: string): boolean {
  const vowels = (word.match(/[aeiouy]/gi) ?? []).length / word.length;
  return vowels >= 0.2 && vowels <= 0.7 && !/[^aeiouy]{5}/i.test(word);
}

/**
 * Mostly dictionary-like words with digits or punctuation between them (`test-secret-with-32-chars`,
 * `local-dev-jwt-secret`): a description or a test fixture, not a random secret.
 */
export function mostlyWords(value: string): boolean {
  const runs = (value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).filter((r) => r.length >= 3);
  const wordy = runs.filter(pronounceable);
  const letters = wordy.reduce((n, r) => n + r.length, 0);
  if (wordy.length < 2 || letters / value.length < 0.6) return false;
  // Without separators, random mixed case also yields short "words" (`Kab`, `Xoe`): ask for long ones.
  return /[-_./: ]/.test(value) || (wordy.length >= 3 && letters / wordy.length >= 5);
}

/** Why a value is not a secret, whatever its name says; undefined when it could be one. */
export function nonSecretShape(value: string): string | undefined {
  if (/\s/.test(value)) return 'text';
  if (/[^\x21-\x7e]/.test(value)) return 'non-ASCII text';
  if (value.includes('://') || value.startsWith('data:')) return 'URL';
  if (UUID.test(value)) return 'UUID';
  if (EMAIL.test(value)) return 'email address';
  if (INTEGRITY.test(value)) return 'integrity hash';
  if (CRYPT_HASH.test(value)) return 'password hash';
  if (value.startsWith('arn:')) return 'ARN';
  if (NUMBER.test(value) || VERSION.test(value)) return 'number';
  if (PATH.test(value) || MODULE_PATH.test(value)) return 'path';
  if (ENV_NAME.test(value)) return 'variable name';
  if (DOTTED_KEY.test(value) && !/\d/.test(value)) return 'key path';
  if (CSS_OR_REGEX.test(value) && !/^#[A-Za-z0-9]{16,}$/.test(value)) return 'selector or pattern';
  // Words with a sigil or punctuation around them (`?InterpolationInTemplate`, `:passwordInput:`).
  const core = value.replace(/^[^A-Za-z0-9]{1,2}|[^A-Za-z0-9]{1,2}$/g, '');
  if (looksLikeWords(core) || mostlyWords(core)) return 'words';
  return undefined;
}

function strongEnough(value: string, t: GenericThreshold): boolean {
  return value.length >= t.minLength && shannonEntropy(value) >= t.minEntropy && characterClasses(value) >= t.minClasses;
}

/** Does this value look random enough to be a secret of this kind? */
export function looksLikeSecretValue(value: string, kind: string, knowledge: GenericKnowledge): boolean {
  if (value.length > 512) return false;
  if (nonSecretShape(value) !== undefined) return false;
  const { thresholds } = knowledge;
  if (HEX.test(value) && value.length >= thresholds.hex.minLength) return shannonEntropy(value) >= thresholds.hex.minEntropy;
  if (kind === 'password') return strongEnough(value, thresholds.password);
  if (kind === 'key') return strongEnough(value, thresholds.key);
  return strongEnough(value, thresholds.other);
}

export interface GenericJudge {
  /** Judge a literal assigned to `name`. */
  judge(name: string, value: string): GenericHit | undefined;
  /** Judge a literal whose kind is known from where it is used (`jwt.sign(payload, '…')`). */
  judgeAs(kind: string, value: string): GenericHit | undefined;
  kindOf(name: string): string | undefined;
}

const BASE64 = /^[A-Za-z0-9+/]{12,}={0,2}$/;

/** The text a base64 value encodes, when it is printable (a Kubernetes Secret, a Basic header). */
function decodedText(value: string): string | undefined {
  if (!BASE64.test(value) || value.length % 4 !== 0) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

export function createGenericJudge(knowledge: GenericKnowledge, names: NameMatcher, filter: ValueFilter): GenericJudge {
  const judgeAs = (kind: string, value: string): GenericHit | undefined => {
    if (value.length < 6 || value.length > 600) return undefined;
    const scheme = AUTH_SCHEME.exec(value);
    const offset = scheme ? scheme[0].length : 0;
    const secret = value.slice(offset);
    if (filter.isPlaceholder(secret, true)) return undefined;
    if (!looksLikeSecretValue(secret, kind, knowledge)) return undefined;
    // Base64 of a placeholder is still a placeholder: `Basic dXNlcjpwYXNzd29yZA==` is user:password.
    const decoded = decodedText(secret);
    if (decoded !== undefined) {
      const password = /^[^:]{1,64}:(.*)$/.exec(decoded)?.[1];
      const inner = password ?? decoded;
      if (filter.isPlaceholder(inner, true) || !looksLikeSecretValue(inner, 'password', knowledge)) return undefined;
    }
    return { kind, offset, secret };
  };
  return {
    kindOf: (name) => names.kindOf(name),
    judgeAs,
    judge(name, value) {
      if (value.length < 6 || value.length > 600) return undefined;
      const kind = names.kindOf(name);
      return kind ? judgeAs(kind, value) : undefined;
    },
  };
}
