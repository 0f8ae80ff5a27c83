import { describe, expect, it } from 'vitest';
import { secretKnowledge } from '../../src/analysis/secrets/knowledge.js';
import { createGenericJudge } from '../../src/analysis/secrets/generic.js';
import { createNameMatcher } from '../../src/analysis/secrets/names.js';
import { createValueFilter } from '../../src/analysis/secrets/placeholders.js';
import { loadPolicy } from '../../src/policy/load.js';
import { secretsLane } from '../../src/scanner/lanes/secrets.js';
import { ScannedFile } from '../../src/scanner/scanned-file.js';

/**
 * Every true- and false-positive sample in rules/secrets/*.yaml, run through the secrets lane as
 * the file it names (gitleaks-style: a misclassified sample fails the build).
 */
const policy = loadPolicy({ noConfigFile: true, searchFrom: '/' });
const { formats, generic } = secretKnowledge();

function detect(file: string, text: string) {
  return secretsLane.checkFile!(new ScannedFile(`/samples/${file}`, file, text), policy);
}

describe('rules/secrets formats', () => {
  it('ships at least 40 provider formats, each with both kinds of sample', () => {
    expect(formats.length).toBeGreaterThanOrEqual(40);
    for (const f of formats) {
      expect(f.samples.positive.length, `${f.id} positive samples`).toBeGreaterThan(0);
      expect(f.samples.negative.length, `${f.id} negative samples`).toBeGreaterThan(0);
    }
  });

  for (const format of formats) {
    describe(format.id, () => {
      format.samples.positive.forEach((sample, i) => {
        it(`finds positive sample ${i + 1} (${sample.file})`, () => {
          const found = detect(sample.file, sample.text);
          expect(found.map((d) => d.data?.format)).toContain(format.id);
          for (const d of found) {
            const secret = sample.text.slice(d.redact![0]![0], d.redact![0]![1]);
            expect(d.message).not.toContain(secret);
            expect(d.message).toContain(`'${secret.slice(0, 4)}****'`);
          }
        });
      });
      format.samples.negative.forEach((sample, i) => {
        it(`stays quiet on negative sample ${i + 1} (${sample.file})`, () => {
          expect(detect(sample.file, sample.text).map((d) => `${String(d.data?.format)}: ${d.message}`)).toEqual([]);
        });
      });
    });
  }
});

describe('rules/secrets/generic.yaml', () => {
  const names = createNameMatcher(generic);
  const judge = createGenericJudge(generic, names, createValueFilter(generic, []));
  it.each(generic.samples.secretNames)('%s names a secret', (name) => {
    expect(names.kindOf(name)).toBeDefined();
  });
  it.each(generic.samples.notSecretNames)('%s does not name a secret', (name) => {
    expect(names.kindOf(name)).toBeUndefined();
  });
  it.each(generic.samples.secrets.map((s) => [s.name, s.value]))('%s = %s is a secret', (name, value) => {
    expect(judge.judge(name, value)).toBeDefined();
  });
  it.each(generic.samples.notSecrets.map((s) => [s.name, s.value]))('%s = %s is not a secret', (name, value) => {
    expect(judge.judge(name, value)).toBeUndefined();
  });
});
