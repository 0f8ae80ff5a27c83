/**
 * npm run eval — precision and recall per rule on the labelled corpus under fixtures/corpus/.
 *
 * Every directory there is scanned as its own project (cwd = that directory). Its
 * `expected.yaml` lists every finding datagate should report:
 *   findings:
 *     - { rule: no-hardcoded-secrets, file: src/config.ts, line: 12 }
 *     - { rule: no-sensitive-logging, file: src/orders.ts, line: [31, 58] }  # either place is right
 * A reported finding matches an expected one with the same rule and file on one of its lines.
 *
 *   npm run eval [-- --rule ID] [-- --verbose] [-- --corpus DIR...] [-- --wild DIR...]
 * --corpus evaluates other labelled directories (each with its expected.yaml) instead of fixtures/corpus/.
 * --wild scans code nobody here labelled (e.g. node_modules/some-package) and counts findings:
 * there every finding is one to review by hand, and most of them are false alarms for a gate.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { scan } from '../src/scanner/scan.js';
import type { Finding } from '../src/report/finding.js';

interface Expected {
  rule: string;
  file: string;
  line: number | number[];
  note?: string;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const onlyRule = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;
const wildIndex = args.indexOf('--wild');
const root = resolve(import.meta.dirname, '..', 'fixtures', 'corpus');

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tallies = new Map<string, Tally>();
const tally = (rule: string) => {
  let t = tallies.get(rule);
  if (!t) tallies.set(rule, (t = { tp: 0, fp: 0, fn: 0 }));
  return t;
};
const pct = (n: number, d: number) => (d === 0 ? '  —  ' : (n / d).toFixed(3));

async function evalCorpus(dir: string): Promise<void> {
  const expectedFile = join(dir, 'expected.yaml');
  const expected = ((parse(readFileSync(expectedFile, 'utf8')) as { findings?: Expected[] } | null)?.findings ?? []).filter(
    (e) => !onlyRule || e.rule === onlyRule,
  );
  const result = await scan({ cwd: dir, paths: ['.'] });
  const findings = result.findings.filter((f) => !onlyRule || f.ruleId === onlyRule);
  const unmatched = new Set(expected);
  const falsePositives: Finding[] = [];
  for (const f of findings) {
    const hit = [...unmatched].find(
      (e) => e.rule === f.ruleId && e.file === f.file && (Array.isArray(e.line) ? e.line : [e.line]).includes(f.line),
    );
    if (hit) {
      unmatched.delete(hit);
      tally(f.ruleId).tp++;
    } else {
      falsePositives.push(f);
      tally(f.ruleId).fp++;
    }
  }
  for (const e of unmatched) tally(e.rule).fn++;
  const name = dir.startsWith(root) ? dir.slice(root.length + 1) : dir;
  if (verbose || falsePositives.length > 0 || unmatched.size > 0) {
    console.log(`\n${name}: ${findings.length} reported, ${expected.length} expected`);
    for (const f of falsePositives) console.log(`  FP ${f.ruleId} ${f.file}:${f.line}  ${f.message}`);
    for (const e of unmatched) console.log(`  FN ${e.rule} ${e.file}:${JSON.stringify(e.line)}${e.note ? `  (${e.note})` : ''}`);
  }
}

async function evalWild(dirs: string[]): Promise<void> {
  console.log('\nUnlabelled code (every finding is one to review; a gate wants this near zero):');
  for (const dir of dirs) {
    const abs = resolve(dir);
    const result = await scan({ cwd: abs, paths: ['.'], skipBuildOutput: false });
    const byRule = new Map<string, number>();
    for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    console.log(`  ${dir}: ${result.filesScanned} files, ${result.findings.length} findings ${JSON.stringify(Object.fromEntries(byRule))}`);
    if (verbose) for (const f of result.findings) console.log(`    ${f.ruleId} ${f.file}:${f.line} ${f.message}`);
  }
}

if (wildIndex >= 0) {
  await evalWild(args.slice(wildIndex + 1).filter((a) => !a.startsWith('--')));
} else {
  const corpusIndex = args.indexOf('--corpus');
  const named = corpusIndex >= 0 ? args.slice(corpusIndex + 1).filter((a) => !a.startsWith('--')).map((d) => resolve(d)) : undefined;
  const corpora = named ?? (existsSync(root)
    ? readdirSync(root)
        .map((d) => join(root, d))
        .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'expected.yaml')))
        .sort()
    : []);
  for (const dir of corpora) await evalCorpus(dir);
  console.log(`\n${'rule'.padEnd(26)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)}  precision  recall`);
  for (const [rule, t] of [...tallies].sort()) {
    console.log(`${rule.padEnd(26)} ${String(t.tp).padStart(5)} ${String(t.fp).padStart(5)} ${String(t.fn).padStart(5)}  ${pct(t.tp, t.tp + t.fp).padStart(9)}  ${pct(t.tp, t.tp + t.fn).padStart(6)}`);
  }
  console.log(`\n${corpora.length} corpus director${corpora.length === 1 ? 'y' : 'ies'}${named ? '' : ' under fixtures/corpus/'}`);
}
