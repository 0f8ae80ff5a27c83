import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { ts as morphTs } from 'ts-morph';
import plugin from '../../src/eslint/plugin.js';
import { RULE_IDS, RULES } from '../../src/policy/rules.js';
import { makeTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');

describe('the TypeScript seam', () => {
  it('ts-morph bundles the same TypeScript minor as the project, so ts.Node kinds agree', () => {
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    expect(minor(morphTs.version)).toBe(minor(ts.version));
    expect(morphTs.SyntaxKind.CallExpression).toBe(ts.SyntaxKind.CallExpression);
  });
});

describe('the ESLint plugin', () => {
  it('has every rule, each with its docs URL and a docs page citing its policy line with ❌ and ✅ examples', () => {
    for (const id of RULE_IDS) {
      const rule = plugin.rules[id];
      expect(rule, `rule ${id} is registered`).toBeDefined();
      expect(rule!.meta.docs?.url).toBe(RULES[id].docsUrl);
      const page = join(root, 'docs', 'rules', `${id}.md`);
      expect(existsSync(page), `${page} exists`).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain(RULES[id].policy.text);
      expect(text).toContain('❌');
      expect(text).toContain('✅');
    }
  });

  it('generates the recommended (warn) and strict (error) flat configs from the rule list', () => {
    const ids = Object.keys(plugin.rules);
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual(ids.map((id) => `datagate/${id}`));
    expect(new Set(Object.values(plugin.configs.recommended.rules ?? {}))).toEqual(new Set(['warn']));
    expect(new Set(Object.values(plugin.configs.strict.rules ?? {}))).toEqual(new Set(['error']));
    expect(plugin.configs.recommended.files).toContain('**/*.ts');
  });
});

describe('a user project with two lines in eslint.config.js', () => {
  const project = makeTree({
    'eslint.config.js': "import datagate from 'datagate/eslint-plugin';\nexport default [datagate.configs.recommended];\n",
    'package.json': '{ "name": "payments-api", "type": "module" }\n',
    'src/stripe.ts': [
      "import Stripe from 'stripe';",
      '',
      "export const stripe = new Stripe('sk_live_51HcQ3kLm8Xv2Tq9RwYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ012345', {",
      "  apiVersion: '2024-06-20',",
      '});',
      '',
    ].join('\n'),
  });
  afterAll(() => project.cleanup());

  it('loads the built plugin from the package exports and reports in the editor', async () => {
    expect(existsSync(join(root, 'dist', 'eslint', 'plugin.js')), 'dist/ is built (npm ci runs the prepare script)').toBe(true);
    mkdirSync(join(project.dir, 'node_modules'));
    symlinkSync(root, join(project.dir, 'node_modules', 'datagate'), 'dir');
    const eslint = new ESLint({ cwd: project.dir });
    const [result] = await eslint.lintFiles(['src/stripe.ts']);
    const messages = result!.messages.map((m) => [m.ruleId, m.line, m.column, m.severity]);
    expect(messages).toEqual([['datagate/no-hardcoded-secrets', 3, 35, 1]]);
    expect(result!.messages[0]!.message).toContain("'sk_l****'");
    expect(result!.messages[0]!.message).not.toContain('sk_live_51Hc');
  });
});
