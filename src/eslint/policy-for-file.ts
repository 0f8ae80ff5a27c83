import { dirname } from 'node:path';
import { findConfig, loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';

const byConfig = new Map<string, Policy>();

/**
 * The policy for a linted file: the `config` rule option / `settings.datagate.config` when
 * given, else the nearest datagate.yml above the file, else the default preset. Cached per
 * config file, so the editor reads each config once.
 */
export function policyForFile(filename: string, explicitConfig?: string): Policy {
  const configPath = explicitConfig ?? findConfig(dirname(filename));
  const key = configPath ?? '<preset>';
  let policy = byConfig.get(key);
  if (!policy) {
    policy = loadPolicy({ configPath, noConfigFile: !configPath, searchFrom: dirname(filename) });
    byConfig.set(key, policy);
  }
  return policy;
}

export function clearPolicyCache(): void {
  byConfig.clear();
}
