/** How every output shows a found secret: its first 4 characters, then `****`. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}****`;
}

/**
 * `text` with each of `secrets` replaced by its masked form, wherever it occurs; the last line
 * of defence so no message or snippet ever carries a secret in full.
 */
export function maskAll(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 5) continue;
    out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}
