import { describe, expect, it } from 'vitest';
import { classifyName, classifyRecordName, readTaxonomyFile, splitWords } from '../../src/analysis/sensitive-names.js';
import type { Policy } from '../../src/policy/types.js';
import { loadPolicy } from '../../src/policy/load.js';

const file = readTaxonomyFile();

describe('rules/sensitive-names.yaml samples', () => {
  for (const category of file.categories) {
    describe(category.id, () => {
      it.each(category.samples.match)('%s is sensitive', (name) => {
        expect(classifyName(name)?.category).toBe(category.id);
      });
      it.each(category.samples.noMatch)('%s is not sensitive', (name) => {
        expect(classifyName(name)).toBeUndefined();
      });
    });
  }
  it.each(file.records.samples.match)('record: %s is a personal record', (name) => {
    expect(classifyRecordName(name)?.category).toBe('record');
    expect(classifyName(name)).toBeUndefined();
  });
  it.each(file.records.samples.noMatch)('record: %s is not a personal record', (name) => {
    expect(classifyRecordName(name)).toBeUndefined();
  });
  it.each(file.exclusions.samples.noMatch)('exclusion: %s is not sensitive', (name) => {
    expect(classifyName(name)).toBeUndefined();
  });
});

describe('splitWords', () => {
  it('splits camelCase, acronyms, snake/kebab case and digits', () => {
    expect(splitWords('customerEmailAddress')).toEqual(['customer', 'email', 'address']);
    expect(splitWords('APIKey')).toEqual(['api', 'key']);
    expect(splitWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(splitWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(splitWords('cardLast4')).toEqual(['card', 'last', '4']);
  });
});

describe('classifyName', () => {
  it('proposes restricted with a label', () => {
    expect(classifyName('payoutDetails')).toEqual({ category: 'financial', label: 'bank or card details', level: 'restricted' });
  });
  it('takes additions and exclusions from logging.sensitiveNames', () => {
    const base = loadPolicy({ noConfigFile: true, searchFrom: process.cwd() });
    const policy: Policy = { ...base, logging: { sensitiveNames: { add: ['loyaltyNumber'], exclude: ['emailAddress'] } } };
    expect(classifyName('loyaltyNumber', policy)?.category).toBe('custom');
    expect(classifyName('memberLoyaltyNumber', policy)?.category).toBe('custom');
    expect(classifyName('emailAddress', policy)).toBeUndefined();
    expect(classifyName('email', policy)?.category).toBe('email');
    expect(classifyName('loyaltyNumber')).toBeUndefined();
  });
});
