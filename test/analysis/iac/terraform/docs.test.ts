import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateResources } from '../../../../src/analysis/iac/engine.js';
import { readTerraformModules } from '../../../../src/analysis/iac/terraform/reader.js';
import { loadPolicy } from '../../../../src/policy/load.js';
import { ScannedFile } from '../../../../src/scanner/scanned-file.js';

/**
 * The Terraform examples in docs/rules/require-*.md behave as shown: every ❌ block is flagged by
 * that rule, every ✅ block is not, every ⚠️ block is unverifiable, and each quoted message
 * (`> …`, with … for elided text) is what the rule says about the block above it.
 */
const policy = loadPolicy({ noConfigFile: true });
const RULES = ['require-encryption', 'require-tls', 'require-log-retention', 'require-backup'] as const;

interface Example {
  marker: '❌' | '✅' | '⚠️';
  code: string;
  quote?: string;
}

function terraformExamples(markdown: string): Example[] {
  const start = markdown.indexOf('### Terraform\n');
  if (start < 0) return [];
  const rest = markdown.slice(start + 1);
  const end = rest.search(/\n#{2,3} /);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n');
  const examples: Example[] = [];
  let marker: Example['marker'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^(❌|✅|⚠️)/.exec(line);
    if (m) marker = m[1] as Example['marker'];
    if (line.startsWith('```hcl') && marker) {
      const close = lines.indexOf('```', i + 1);
      examples.push({ marker, code: lines.slice(i + 1, close).join('\n') });
      i = close;
    } else if (line.startsWith('> ') && examples.length > 0) {
      const last = examples[examples.length - 1]!;
      last.quote = `${last.quote ? `${last.quote} ` : ''}${line.slice(2)}`;
    }
  }
  return examples;
}

function findingsFor(rule: string, code: string) {
  const file = new ScannedFile('/docs/main.tf', 'main.tf', code);
  const { resources, problems } = readTerraformModules([file]);
  expect(problems).toEqual([]);
  return evaluateResources(resources, policy).filter((d) => d.ruleId === rule);
}

describe('docs/rules Terraform examples', () => {
  for (const rule of RULES) {
    const examples = terraformExamples(readFileSync(resolve(import.meta.dirname, `../../../../docs/rules/${rule}.md`), 'utf8'));
    it(`${rule} has Terraform ❌ and ✅ examples`, () => {
      expect(examples.some((e) => e.marker === '❌')).toBe(true);
      expect(examples.some((e) => e.marker === '✅')).toBe(true);
    });
    examples.forEach((example, i) => {
      it(`${rule} Terraform example ${i + 1} (${example.marker})`, () => {
        const found = findingsFor(rule, example.code);
        if (example.marker === '✅') expect(found.map((d) => d.message)).toEqual([]);
        else {
          expect(found.length).toBeGreaterThan(0);
          expect(found.every((d) => d.kind === (example.marker === '❌' ? 'violation' : 'unverifiable'))).toBe(true);
        }
        if (example.quote) {
          const pattern = new RegExp(`^${example.quote.split('…').map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
          expect(found.map((d) => d.message.replace(/\s+/g, ' ')).some((m) => pattern.test(m)), `"${example.quote}" among ${JSON.stringify(found.map((d) => d.message))}`).toBe(true);
        }
      });
    });
  }
});
