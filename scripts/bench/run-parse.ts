/**
 * Parse-only baseline, run in its own process by the bench: reads every file of the list and
 * parses it the way the scanner does before any rule runs (TypeScript createSourceFile for TS,
 * parseJsonText for JSON, the `yaml` package for YAML, line splitting for .env), and nothing
 * else. What datagate costs on top of this is the cost of its rules.
 *
 *   tsx scripts/bench/run-parse.ts <root> <file-list.txt> <result.json>
 * Writes { files, parseMs, maxRssKb } to result.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { LineCounter, parseAllDocuments } from 'yaml';

const [root, listFile, resultFile] = process.argv.slice(2);
if (!root || !listFile || !resultFile) {
  console.error('usage: run-parse.ts <root> <file-list.txt> <result.json>');
  process.exit(2);
}

const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const started = performance.now();
let nodes = 0;
for (const rel of files) {
  const text = readFileSync(join(root, rel), 'utf8');
  if (/\.[cm]?tsx?$/.test(rel)) {
    nodes += ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true).statements.length;
  } else if (rel.endsWith('.json')) {
    nodes += ts.parseJsonText(rel, text).statements.length;
  } else if (/\.ya?ml$/.test(rel)) {
    nodes += parseAllDocuments(text, { lineCounter: new LineCounter() }).length;
  } else {
    nodes += text.split('\n').length;
  }
}
const parseMs = performance.now() - started;
writeFileSync(resultFile, JSON.stringify({ files: files.length, parseMs, nodes, maxRssKb: process.resourceUsage().maxRSS }));
