/**
 * npm run bench — measured, never asserted: speed, memory and detection figures against
 * baselines in the same run, one table per section.
 *
 *   npm run bench [-- --files N] [--only secrets|logging|iac] [--seed S] [--no-build] [--secretlint-single]
 *
 * Sections: secrets (scripts/bench/secrets.ts: datagate vs secretlint vs ESLint +
 * eslint-plugin-no-secrets on a generated corpus), logging (scripts/bench/logging.ts) and iac
 * (scripts/bench/iac.ts) when those files exist. Method and latest figures: docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED } from './bench/corpus.js';
import { acquireBenchLock } from './bench/run-lock.js';
import { benchSecrets } from './bench/secrets.js';

const SECTIONS = ['secrets', 'logging', 'iac'] as const;
type Section = (typeof SECTIONS)[number];

interface Flags {
  files: number;
  only?: Section;
  seed: string;
  build: boolean;
  secretlintSingle: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { files: 2000, seed: DEFAULT_SEED, build: true, secretlintSingle: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--files') {
      flags.files = Number(value());
      if (!Number.isInteger(flags.files) || flags.files < 1) throw new Error('--files must be a positive integer');
    } else if (arg === '--only') {
      const v = value();
      if (!(SECTIONS as readonly string[]).includes(v)) throw new Error(`--only must be one of ${SECTIONS.join(', ')}`);
      flags.only = v as Section;
    } else if (arg === '--seed') flags.seed = value();
    else if (arg === '--no-build') flags.build = false;
    else if (arg === '--secretlint-single') flags.secretlintSingle = true;
    else throw new Error(`unknown flag ${arg} (flags: --files N, --only ${SECTIONS.join('|')}, --seed S, --no-build, --secretlint-single)`);
  }
  return flags;
}

/** A section another engineer owns: run it if its file exists. */
async function optionalSection(file: string, exportName: string): Promise<string[] | undefined> {
  const path = resolve(import.meta.dirname, 'bench', file);
  if (!existsSync(path)) return undefined;
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const run = mod[exportName];
  if (typeof run !== 'function') return [`(scripts/bench/${file} does not export ${exportName}())`];
  return (await (run as () => Promise<string[]>)()) ?? [];
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const root = resolve(import.meta.dirname, '..');
  const wants = (s: Section) => !flags.only || flags.only === s;
  const progress = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const release = await acquireBenchLock(join(root, '.bench', 'bench.lock'), 20 * 60_000, progress);
  const started = performance.now();
  console.log(`datagate bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
  console.log(`command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`);

  const sections: [Section, () => Promise<string[] | undefined>][] = [
    ['secrets', () => benchSecrets({ root, files: flags.files, seed: flags.seed, build: flags.build, secretlintSingle: flags.secretlintSingle, progress, loadAverage: loadavg(), cores: cpus().length })],
    ['logging', () => optionalSection('logging.ts', 'benchLogging')],
    ['iac', () => optionalSection('iac.ts', 'benchIac')],
  ];
  let failed = false;
  for (const [name, run] of sections) {
    if (!wants(name)) continue;
    const t0 = performance.now();
    let lines: string[] | undefined;
    try {
      lines = await run();
    } catch (error) {
      failed = true;
      lines = [`section failed: ${(error as Error).stack ?? String(error)}`];
    }
    if (lines === undefined) {
      console.log(`\n## ${name}\n(not yet written: scripts/bench/${name}.ts)`);
      continue;
    }
    console.log(`\n## ${name} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n${lines.join('\n')}`);
  }
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s; scratch files in ${join('.bench')}/`);
  release();
  if (failed) process.exitCode = 1;
}

await main();
