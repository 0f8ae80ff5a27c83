import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed package's root (where rules/ and schema/ live), from src/ or dist/ alike. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'rules', 'presets'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('datagate: cannot find its rules/ directory');
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function rulesDir(): string {
  return join(packageRoot(), 'rules');
}
