import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/policy/knowledge.js';
import { detectIn, summarise } from '../analysis/logging/helpers.js';

/** Every code sample under rules/logging/ must be classified as its file says (gitleaks-style). */
for (const file of ['logging/sources.yaml', 'logging/sinks.yaml', 'logging/sanitizers.yaml']) {
  const samples = (loadKnowledge(file) as { samples: { match: string[]; noMatch: string[] } }).samples;
  describe(`rules/${file} samples`, () => {
    it.each(samples.match)('flags: %s', (code) => {
      expect(detectIn(code).length).toBeGreaterThan(0);
    });
    it.each(samples.noMatch)('stays quiet: %s', (code) => {
      expect(summarise(code, detectIn(code))).toEqual([]);
    });
  });
}
