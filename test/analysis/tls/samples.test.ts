import { describe, expect, it } from 'vitest';
import { loadTlsKnowledge, type TlsSample } from '../../../src/analysis/tls/knowledge.js';
import { checkTlsInFile } from '../../../src/analysis/tls/lane.js';
import { ScannedFile } from '../../../src/scanner/scanned-file.js';

/** Every sample in rules/tls/*.yaml: a `fail` sample must be reported, a `pass` sample must not. */
const k = loadTlsKnowledge();
const run = (s: TlsSample) => checkTlsInFile(new ScannedFile(`/project/${s.file}`, s.file, s.text));
const groups = [...k.checks.map((c) => [c.id, c.samples] as const), ['http-url', k.urls.samples] as const];

describe.each(groups)('rules/tls samples: %s', (_id, samples) => {
  it.each(samples.fail.map((s, i) => [i, s] as const))('fail sample %i is reported', (_i, s) => {
    expect(run(s).length).toBeGreaterThan(0);
  });
  it.each(samples.pass.map((s, i) => [i, s] as const))('pass sample %i is quiet', (_i, s) => {
    expect(run(s)).toEqual([]);
  });
});
