import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../src/analysis/iac/cloudformation/read.js';
import { evaluateResources } from '../../src/analysis/iac/engine.js';
import type { IacFormat, IacResource } from '../../src/analysis/iac/model.js';
import { loadRequirements } from '../../src/analysis/iac/requirements/load.js';
import type { Sample } from '../../src/analysis/iac/requirements/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import { rulesDir } from '../../src/policy/package-root.js';
import type { Policy } from '../../src/policy/types.js';
import { ScannedFile } from '../../src/scanner/scanned-file.js';

/**
 * Every requirement in rules/aws/*.yaml carries samples; each `fail` sample must produce a
 * finding for that requirement and each `pass` sample must not. A data change that breaks a
 * sample fails here, before it ships.
 */
const base = loadPolicy({ noConfigFile: true });

function policyFor(sample: Sample): Policy {
  if (typeof sample === 'string' || !sample.policy) return base;
  const p = sample.policy;
  return {
    ...base,
    encryption: p.encryption ?? base.encryption,
    retention: p.retention ?? base.retention,
    backup: p.backup ?? base.backup,
    iac: p.iac ?? base.iac,
  };
}

const codeOf = (sample: Sample) => (typeof sample === 'string' ? sample : sample.code);

/** Readers per format; a format whose reader does not exist yet has its samples skipped. */
const readers: Partial<Record<IacFormat, (code: string) => Promise<IacResource[]>>> = {
  cloudformation: async (code) => {
    const name = /^service:/m.test(code) ? 'serverless.yml' : 'template.yaml';
    return readCloudFormation(new ScannedFile(`/virtual/${name}`, name, code));
  },
  terraform: async (code) => {
    const { readTerraformResources } = await import('../../src/analysis/iac/terraform/index.js');
    return readTerraformResources(new ScannedFile('/virtual/main.tf', 'main.tf', code)).resources;
  },
  cdk: async (code) => {
    const { readCdkResources } = await import('../../src/analysis/iac/cdk/index.js');
    const file = new ScannedFile('/virtual/stack.ts', 'stack.ts', code);
    return readCdkResources({ sourceFile: file.sourceFile, fileName: file.path, policy: base });
  },
};

describe('rules/aws data', () => {
  const requirements = loadRequirements();

  it('loads, with unique ids, dated and sourced AWS facts, and samples for every requirement', () => {
    expect(requirements.length).toBeGreaterThan(10);
    for (const r of requirements) {
      expect(r.awsDefault.source, r.id).toMatch(/^https:\/\//);
      expect(r.awsDefault.since, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const samples = Object.values(r.samples ?? {});
      expect(samples.some((s) => (s.fail?.length ?? 0) > 0), `${r.id} has a failing sample`).toBe(true);
      expect(samples.some((s) => (s.pass?.length ?? 0) > 0), `${r.id} has a passing sample`).toBe(true);
    }
  });

  it('documents every service file in rules/aws/README.md', () => {
    const readme = readFileSync(join(rulesDir(), 'aws', 'README.md'), 'utf8');
    for (const source of new Set(requirements.map((r) => r.source))) expect(readme).toContain(source.replace(/^aws\//, ''));
  });

  for (const r of requirements) {
    for (const [format, sets] of Object.entries(r.samples ?? {}) as Array<[IacFormat, { fail?: Sample[]; pass?: Sample[] }]>) {
      const read = readers[format];
      for (const [verdict, list] of [['fail', sets.fail ?? []], ['pass', sets.pass ?? []]] as const) {
        list.forEach((sample, i) => {
          it(`${r.id} ${format} ${verdict} sample ${i + 1}`, async () => {
            if (!read) return;
            const resources = await read(codeOf(sample));
            expect(resources.length, 'the sample declares resources').toBeGreaterThan(0);
            const found = evaluateResources(resources, policyFor(sample)).filter((d) => d.data?.requirement === r.id);
            if (verdict === 'fail') {
              expect(found.length, `expected a ${r.rule} finding`).toBeGreaterThan(0);
              expect(found.every((d) => d.kind === 'violation')).toBe(true);
            } else expect(found.map((d) => d.message)).toEqual([]);
          });
        });
      }
    }
  }
});

describe('sample readers', () => {
  it('are wired for every format used in the data', () => {
    for (const r of loadRequirements()) for (const format of Object.keys(r.samples ?? {})) expect(readers[format as IacFormat], format).toBeDefined();
    expect(existsSync(join(rulesDir(), 'aws'))).toBe(true);
  });
});
