import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './policy/package-root.js';

/** datagate's own version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
