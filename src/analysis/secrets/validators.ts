import { looksLikeSecretValue } from './generic.js';
import type { GenericKnowledge } from './knowledge.js';

/**
 * Structural checks a regex cannot express, named by a format's `validate:` key. Each answers
 * whether the matched text is really a secret of that format.
 */
export type Validator = (secret: string, match: RegExpExecArray, knowledge: GenericKnowledge) => boolean;

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const VALIDATORS: Record<string, Validator> = {
  /** A signed JWT: a JSON header naming an algorithm other than `none`, a JSON payload, a signature. */
  jwt(secret) {
    const [header, payload, signature] = secret.split('.');
    if (!header || !payload || !signature || signature.length < 16) return false;
    const h = base64UrlJson(header);
    if (!h || typeof h.alg !== 'string' || h.alg.toLowerCase() === 'none') return false;
    const claims = base64UrlJson(payload);
    // Publishable by design: Supabase anon keys; documentation's John Doe.
    if (!claims || claims.role === 'anon' || claims.name === 'John Doe') return false;
    return true;
  },
  /** A password inside a connection string or URL: a real one, not `postgres`, `app_password` or `${DB_PASS}`. */
  password(secret, match, knowledge) {
    const user = match.groups?.user;
    if (user !== undefined && decodeSafe(secret).toLowerCase() === decodeSafe(user).toLowerCase()) return false;
    return looksLikeSecretValue(decodeSafe(secret), 'password', knowledge);
  },
  /** A PEM body: long enough to be a key, not an elided `...` or a short doc snippet. */
  pem(secret) {
    const body = secret.replace(/\\[nr]|\s|["'+,]/g, '');
    const base64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
    return base64.length >= 64 && base64.length / body.length > 0.9;
  },
};

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
