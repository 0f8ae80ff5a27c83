import { maskSecret } from '../mask.js';
import type { Detection, Range, Suggestion } from '../types.js';
import type { FormatHit } from './engine.js';

/**
 * How a found secret becomes a Detection: the message names the provider or kind and shows the
 * secret masked, the range is the secret itself, and the secret's range is always redacted.
 */

export const RULE_ID = 'no-hardcoded-secrets';
const ADVICE = 'read it from a secret store (process.env, Secrets Manager) instead.';

/** Where a name-based finding sits, which changes the advice. */
export type SiteContext = 'code' | 'env-var' | 'ssm-parameter';

export function formatDetection(hit: FormatHit, suggestions?: Suggestion[]): Detection {
  return {
    ruleId: RULE_ID,
    message: `Hard-coded ${hit.format.description} '${maskSecret(hit.secret)}' — ${ADVICE}`,
    range: hit.range,
    redact: [hit.secretRange],
    suggestions,
    data: { format: hit.format.id, provider: hit.format.provider },
  };
}

export function genericDetection(
  kind: string,
  name: string,
  secret: string,
  range: Range,
  context: SiteContext,
  suggestions?: Suggestion[],
): Detection {
  const masked = maskSecret(secret);
  let message: string;
  switch (context) {
    case 'ssm-parameter':
      message = `Hard-coded ${kind} '${masked}' in plain-text SSM parameter '${name}' — store it as a SecureString parameter or in Secrets Manager instead.`;
      break;
    case 'env-var':
      message = `Hard-coded ${kind} '${masked}' in environment variable '${name}' — ${ADVICE}`;
      break;
    default:
      message = `Hard-coded ${kind} '${masked}' in '${name}' — ${ADVICE}`;
  }
  return { ruleId: RULE_ID, message, range, redact: [range], suggestions, data: { format: 'generic', kind } };
}

/** Drops name-based detections whose secret overlaps a provider-format detection (the format says more). */
export function mergeDetections(formats: Detection[], generic: Detection[]): Detection[] {
  const overlaps = (a: Range, b: Range) => a[0] < b[1] && b[0] < a[1];
  const kept = generic.filter((g) => !formats.some((f) => overlaps(f.redact![0]!, g.range) || overlaps(f.range, g.range)));
  const seen = new Set<string>();
  return [...formats, ...kept]
    .filter((d) => {
      const key = `${d.range[0]}:${d.range[1]}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.range[0] - b.range[0]);
}
