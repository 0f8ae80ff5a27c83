import { describe, expect, it } from 'vitest';
import { didYouMean, isSensitiveLevel, resolveLevel, sensitiveFloor, topLevel } from '../../../src/analysis/classification/levels.js';
import { shippedPolicy } from './helpers.js';

describe('levels come from the policy', () => {
  const policy = shippedPolicy();
  it('resolves case-insensitively and suggests near misses', () => {
    expect(resolveLevel('RESTRICTED', policy)).toBe('restricted');
    expect(resolveLevel('secret', policy)).toBeUndefined();
    expect(didYouMean('internl', policy)).toBe('internal');
    expect(didYouMean('confidental', policy)).toBe('confidential');
    expect(didYouMean('restrict', policy)).toBe('restricted');
    expect(didYouMean('conf', policy)).toBe('confidential');
    expect(didYouMean('secret', policy)).toBeUndefined();
    expect(didYouMean('pii', policy)).toBeUndefined();
  });

  it('derives "sensitive" and the top level from the configured list, not from names', () => {
    expect([topLevel(policy), sensitiveFloor(policy)]).toEqual(['restricted', 'confidential']);
    const custom = shippedPolicy({ levels: ['open', 'company', 'private', 'secret', 'top-secret'] });
    expect([topLevel(custom), sensitiveFloor(custom)]).toEqual(['top-secret', 'secret']);
    expect(['open', 'private', 'secret', 'top-secret'].map((l) => isSensitiveLevel(l, custom))).toEqual([false, false, true, true]);
  });
});
