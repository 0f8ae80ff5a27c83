import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleId } from '../../policy/rules.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noSensitiveLogging from './no-sensitive-logging.js';
import requireBackup from './require-backup.js';
import requireClassification from './require-classification.js';
import requireEncryption from './require-encryption.js';
import requireLogRetention from './require-log-retention.js';
import requireTls from './require-tls.js';

/** Every ESLint rule of the plugin, by rule id. A new rule is one import and one entry here. */
export const rules: Partial<Record<RuleId, TSESLint.RuleModule<string, readonly unknown[]>>> = {
  'no-hardcoded-secrets': noHardcodedSecrets,
  'no-sensitive-logging': noSensitiveLogging,
  'require-classification': requireClassification,
  'require-encryption': requireEncryption,
  'require-tls': requireTls,
  'require-log-retention': requireLogRetention,
  'require-backup': requireBackup,
};
