import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import type { RuleId } from '../policy/rules.js';
import { VERSION as version } from '../version.js';
import { rules } from './rules/index.js';


export const FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

type Level = 'warn' | 'error';

const plugin = {
  meta: { name: 'datagate', version },
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.Config>,
};

/** Flat configs are generated from the rule list: every rule, at one level. */
function config(name: string, level: Level): TSESLint.FlatConfig.Config {
  return {
    name: `datagate/${name}`,
    files: FILES,
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    plugins: { datagate: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(Object.keys(rules).map((id) => [`datagate/${id as RuleId}`, level])),
  };
}

// recommended: warnings in the editor (CI blocks through `datagate scan`); strict: errors.
plugin.configs.recommended = config('recommended', 'warn');
plugin.configs.strict = config('strict', 'error');

export default plugin;
export { rules };
