import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { rulesDir } from './package-root.js';

/**
 * Shipped knowledge (secret formats, PII names, loggers, AWS requirements) is YAML under rules/.
 * Each lane validates the shape of its own files; this only reads them, once per process.
 */
const cache = new Map<string, unknown>();

export class KnowledgeError extends Error {}

/** Parsed contents of rules/<relPath> (a .yaml file). */
export function loadKnowledge(relPath: string): unknown {
  const hit = cache.get(relPath);
  if (hit !== undefined) return hit;
  const file = join(rulesDir(), relPath);
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'), { prettyErrors: true });
  } catch (error) {
    throw new KnowledgeError(`rules/${relPath}: ${(error as Error).message}`);
  }
  cache.set(relPath, value);
  return value;
}

/** Every .yaml/.yml file under rules/<relDir>, sorted, as [relPath, contents]. */
export function loadKnowledgeDir(relDir: string): Array<[string, unknown]> {
  const dir = join(rulesDir(), relDir);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return files.map((f) => {
    const rel = relative(rulesDir(), join(dir, f)).split('\\').join('/');
    return [rel, loadKnowledge(rel)];
  });
}
