import { describe, expect, it } from 'vitest';
import { parseInlineSuppressions } from '../../src/gate/suppression-comments.js';

describe('parseInlineSuppressions', () => {
  it('reads the directive in every comment syntax datagate scans', () => {
    const text = [
      '// datagate-ignore-next-line no-hardcoded-secrets -- test key from Stripe docs',
      'const a = 1;',
      '/* datagate-ignore-next-line no-sensitive-logging -- audited */',
      'b();',
      '# datagate-ignore-next-line require-encryption -- public assets bucket',
      'c: 1',
      '<!-- datagate-ignore-next-line require-tls -- local dev only -->',
      '<a href="http://x">',
      '{/* datagate-ignore-next-line no-sensitive-logging -- jsx */}',
      '<div/>',
    ].join('\n');
    expect(parseInlineSuppressions(text)).toEqual([
      { line: 1, column: 4, endColumn: 79, targetLine: 2, rules: ['no-hardcoded-secrets'], reason: 'test key from Stripe docs' },
      { line: 3, column: 4, endColumn: 61, targetLine: 4, rules: ['no-sensitive-logging'], reason: 'audited' },
      { line: 5, column: 3, endColumn: 71, targetLine: 6, rules: ['require-encryption'], reason: 'public assets bucket' },
      { line: 7, column: 6, endColumn: 61, targetLine: 8, rules: ['require-tls'], reason: 'local dev only' },
      { line: 9, column: 5, endColumn: 58, targetLine: 10, rules: ['no-sensitive-logging'], reason: 'jsx' },
    ]);
  });

  it('takes several rules, skips blank lines and stacked directives, and notes a missing reason', () => {
    const text = [
      '  # datagate-ignore-next-line no-hardcoded-secrets, require-tls',
      '  // datagate-ignore-next-line require-encryption --   ',
      '',
      'value',
    ].join('\n');
    const [first, second] = parseInlineSuppressions(text);
    expect(first).toMatchObject({ line: 1, targetLine: 4, rules: ['no-hardcoded-secrets', 'require-tls'], reason: undefined });
    expect(second).toMatchObject({ line: 2, targetLine: 4, rules: ['require-encryption'], reason: undefined });
  });

  it('ignores the words outside a comment', () => {
    expect(parseInlineSuppressions('const doc = "see datagate-ignore-next-line in the docs";')).toEqual([]);
  });

  it('ignores a directive quoted inside another comment (e.g. the one datagate init writes)', () => {
    const text = [
      '# Inline suppressions go in a comment',
      '# on the line above it: `// datagate-ignore-next-line <rule> -- <reason>` (or # in YAML).',
      'extends: clicki',
      ' * Use `datagate-ignore-next-line` sparingly.',
    ].join('\n');
    expect(parseInlineSuppressions(text)).toEqual([]);
  });
});
