import { splitWords } from '../sensitive-names.js';
import type { LoggingKnowledge } from './knowledge.js';

/**
 * Whether configuration belongs to production (rules/logging/logger-config.yaml `production`):
 * by its path (`.env.production`, `config/prod.json`, `environments/production/`) or by the
 * stage key it sits under (`params.prod`, `custom.stages.production`).
 */
export type Environment = 'production' | 'non-production' | 'unknown';

export function environmentOfPath(relPath: string, k: LoggingKnowledge): Environment {
  const words = relPath.split(/[\\/]/).flatMap((segment) => splitWords(segment));
  const p = k.config.production;
  if (words.some((w) => p.nonProductionWords.includes(w))) return 'non-production';
  if (words.some((w) => p.pathWords.includes(w))) return 'production';
  return 'unknown';
}

export function environmentOfKey(key: string, k: LoggingKnowledge): Environment {
  const lower = key.toLowerCase();
  const p = k.config.production;
  if (p.stageKeys.includes(lower)) return 'production';
  if (p.nonProductionWords.includes(lower)) return 'non-production';
  return 'unknown';
}

/** The innermost decided environment along a key path, else the file's. */
export function environmentAt(keys: readonly string[], fileEnv: Environment, k: LoggingKnowledge): Environment {
  for (let i = keys.length - 1; i >= 0; i--) {
    const env = environmentOfKey(keys[i]!, k);
    if (env !== 'unknown') return env;
  }
  return fileEnv;
}

export function isDebugValue(value: unknown, k: LoggingKnowledge): boolean {
  return typeof value === 'string' && k.config.env.debugValues.includes(value.trim());
}

/** A log-level setting: `LOG_LEVEL`, `logLevel`, or `level` under `logger:`/`logging:`. */
export function isLevelKey(key: string, parent: string | undefined, k: LoggingKnowledge): boolean {
  if (key === 'level') return parent !== undefined && k.config.env.levelParents.includes(parent);
  return k.config.env.levelKeys.includes(key);
}

/** `DEBUG=*` or `DEBUG=app:*`: turns on the debug package's output. */
export function isDebugNamespace(key: string, value: unknown, k: LoggingKnowledge): boolean {
  if (!k.config.env.debugNamespaces.includes(key) || typeof value !== 'string') return false;
  const v = value.trim();
  return v !== '' && !/^(?:false|0|off|no|-\*)$/i.test(v);
}

/** `POWERTOOLS_LOGGER_LOG_EVENT=true`: logs every event whole. */
export function isWholesaleSetting(key: string, value: unknown, k: LoggingKnowledge): boolean {
  const truthy = k.config.env.wholesale[key];
  if (!truthy) return false;
  return truthy.some((t) => String(t) === String(value).trim());
}
