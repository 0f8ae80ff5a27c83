import type { Lane } from '../../scanner/lane.js';
import type { ScannedFile } from '../../scanner/scanned-file.js';
import type { Detection } from '../types.js';
import { checkTlsInConfig } from './config.js';
import { checkTlsInSource } from './source.js';

/** The code-level half of require-tls, per file: TS/JS, .env, YAML and JSON. (IaC resources are the IaC lane's.) */
export function checkTlsInFile(file: ScannedFile): Detection[] {
  if (file.kind === 'typescript') return checkTlsInSource(file.sourceFile, file.relPath);
  if (file.kind === 'env' || file.kind === 'yaml' || file.kind === 'json') return checkTlsInConfig(file);
  return [];
}

export const tlsLane: Lane = {
  id: 'tls',
  rules: ['require-tls'],
  checkFile: (file) => checkTlsInFile(file),
};
