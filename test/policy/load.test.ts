import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigError, findConfig, loadPolicy, mergeConfig } from '../../src/policy/load.js';
import { makeTree } from '../helpers/tmp.js';

const trees: Array<{ cleanup(): void }> = [];
function tree(files: Record<string, string>) {
  const t = makeTree(files);
  trees.push(t);
  return t.dir;
}
afterEach(() => trees.splice(0).forEach((t) => t.cleanup()));

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPolicy', () => {
  it('uses the clicki preset when there is no config file', () => {
    const policy = loadPolicy({ noConfigFile: true, searchFrom: '/' });
    expect(policy.presets).toEqual(['clicki']);
    expect(policy.levels).toEqual(['public', 'internal', 'confidential', 'restricted']);
    expect(policy.retention).toEqual({ minDays: 7, maxDays: 30 });
    expect(policy.backup).toEqual({ minDays: 7 });
    expect(policy.encryption).toBe('aws-defaults');
    expect(policy.rules['no-hardcoded-secrets']).toBe('error');
    expect(policy.dataModels).toContain('**/schema.prisma');
  });

  it('finds datagate.yml above the scanned directory and applies overrides over the preset', () => {
    const dir = tree({
      'datagate.yml': 'extends: clicki\nrules:\n  require-classification: warning\n  require-backup: "off"\nretention:\n  maxDays: 14\n',
      'services/api/src/index.ts': 'export {};\n',
    });
    const policy = loadPolicy({ searchFrom: join(dir, 'services/api/src') });
    expect(policy.configPath).toBe(join(dir, 'datagate.yml'));
    expect(policy.baseDir).toBe(dir);
    expect(policy.rules['require-classification']).toBe('warning');
    expect(policy.rules['require-backup']).toBe('off');
    expect(policy.rules['no-sensitive-logging']).toBe('error');
    expect(policy.retention).toEqual({ minDays: 7, maxDays: 14 });
  });

  it('strict extends clicki and requires explicit encryption', () => {
    const dir = tree({ 'datagate.yml': 'extends: strict\n' });
    const policy = loadPolicy({ searchFrom: dir });
    expect(policy.presets).toEqual(['clicki', 'strict']);
    expect(policy.encryption).toBe('explicit');
    expect(policy.retention).toEqual({ minDays: 7, maxDays: 30 });
  });

  it('names the file, line and column of an unknown rule id', () => {
    const dir = tree({ 'datagate.yml': '# team config\nrules:\n  no-sensitive-logging: error\n  no-hardcoded-secret: warning\n' });
    const error = configError(() => loadPolicy({ searchFrom: dir }));
    expect(error.file).toBe(join(dir, 'datagate.yml'));
    expect(error.line).toBe(4);
    expect(error.column).toBe(3);
    expect(error.reason).toBe("'rules' has an unknown key 'no-hardcoded-secret'");
  });

  it('rejects an invalid severity with the allowed values', () => {
    const dir = tree({ 'datagate.yml': 'rules:\n  require-tls: fatal\n' });
    const error = configError(() => loadPolicy({ searchFrom: dir }));
    expect(error.line).toBe(2);
    expect(error.reason).toBe("'rules.require-tls' must be one of: error, warning, off");
  });

  it('reports YAML syntax errors with their position', () => {
    const dir = tree({ 'datagate.yml': 'rules:\n  require-tls: [error\n' });
    const error = configError(() => loadPolicy({ searchFrom: dir }));
    expect(error.message).toMatch(/datagate\.yml:\d+:\d+: invalid YAML/);
  });

  it('rejects an inverted retention range and an unknown preset', () => {
    const inverted = tree({ 'datagate.yml': 'retention:\n  minDays: 40\n  maxDays: 30\n' });
    expect(configError(() => loadPolicy({ searchFrom: inverted })).reason).toBe(
      "'retention.minDays' (40) is greater than 'retention.maxDays' (30)",
    );
    const unknownPreset = tree({ 'datagate.yml': 'extends: lax\n' });
    expect(configError(() => loadPolicy({ searchFrom: unknownPreset })).reason).toBe("'extends' must be one of: clicki, strict");
  });

  it('requires every field of an exception', () => {
    const dir = tree({ 'datagate.yml': 'exceptions:\n  - rule: require-backup\n    path: infra/legacy/**\n    reason: migrating\n' });
    const error = configError(() => loadPolicy({ searchFrom: dir }));
    expect(error.line).toBe(2);
    expect(error.reason).toBe("'exceptions.0' must have required property 'approvedBy'");
  });

  it('fails for an explicit config path that does not exist', () => {
    const error = configError(() => loadPolicy({ configPath: '/nonexistent/datagate.yml' }));
    expect(error.reason).toBe('config file not found');
  });
});

describe('findConfig', () => {
  it('returns undefined when no config exists up to the root', () => {
    expect(findConfig('/')).toBeUndefined();
  });
});

describe('mergeConfig', () => {
  it('merges objects key by key and lets arrays replace', () => {
    expect(mergeConfig({ a: { x: 1, y: 2 }, list: [1, 2] }, { a: { y: 3 }, list: [9] })).toEqual({ a: { x: 1, y: 3 }, list: [9] });
  });
});
