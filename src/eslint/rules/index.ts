import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleId } from '../../policy/rules.js';
import requireClassification from './require-classification.js';

/** Every ESLint rule of the plugin, by rule id. A new rule is one import and one entry here. */
export const rules: Partial<Record<RuleId, TSESLint.RuleModule<string, readonly unknown[]>>> = {
  'require-classification': requireClassification,
};
