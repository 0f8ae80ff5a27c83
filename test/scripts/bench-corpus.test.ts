import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildCorpus, generateCorpus, type PlantedSecret, sha256 } from '../../scripts/bench/corpus.js';
import { matchFindings } from '../../scripts/bench/match.js';
import { SECRET_KINDS, SECRET_SHAPES } from '../../scripts/bench/secret-formats.js';

// A high plant rate so a small corpus still carries every kind of secret and every template.
const FILES = 400;
const RATE = 0.35;

/** Secret formats a clean file must never contain (AWS's documented example key is allowed). */
const LEAK_PATTERNS: RegExp[] = [
  /\bAKIA(?!IOSFODNN7EXAMPLE)[A-Z2-7]{16}\b/,
  /\bghp_[A-Za-z0-9]{36}\b/,
  /\bgithub_pat_[A-Za-z0-9_]{82}\b/,
  /\bglpat-[A-Za-z0-9_-]{20}/,
  /\b[sr]k_live_[A-Za-z0-9]{24}/,
  /\bxoxb-\d+-\d+-[A-Za-z0-9]+/,
  /hooks\.slack\.com\/services\/T[A-Z0-9]{8,10}\/B[A-Z0-9]{8,10}\/[A-Za-z0-9]{24}/,
  /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/,
  /\bAIza[A-Za-z0-9_-]{35}/,
  /\bnpm_[A-Za-z0-9]{36}\b/,
  /-----BEGIN (RSA |EC )?PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}/,
  /\b(?:postgres(?:ql)?|mongodb\+srv):\/\/[a-z_]+:[A-Za-z0-9]{16,}@/,
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('bench corpus generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'datagate-bench-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = generateCorpus({ dir, files: FILES, seed: 'test-seed', plantRate: RATE });

  it('is deterministic: the same seed gives the same files, bytes and manifest', () => {
    const again = buildCorpus(FILES, 'test-seed', RATE);
    expect(again.map((f) => f.file)).toEqual(manifest.files.map((f) => f.file));
    expect(again.map((f) => sha256(f.text))).toEqual(manifest.files.map((f) => f.sha256));
    expect(again.flatMap((f) => f.secrets)).toEqual(manifest.secrets);
  });

  it('gives a different corpus for a different seed', () => {
    const other = buildCorpus(FILES, 'another-seed', RATE);
    expect(other.map((f) => sha256(f.text))).not.toEqual(manifest.files.map((f) => f.sha256));
  });

  it('writes exactly the files of its manifest, byte for byte', () => {
    const written = walk(dir).map((p) => relative(dir, p).split('\\').join('/')).sort();
    expect(written).toEqual(manifest.files.map((f) => f.file).sort());
    expect(written).toHaveLength(FILES);
    for (const f of manifest.files) expect(sha256(readFileSync(join(dir, f.file), 'utf8'))).toBe(f.sha256);
  });

  it('records each planted secret at the lines where its value is written', () => {
    expect(manifest.secrets.length).toBeGreaterThan(0);
    for (const s of manifest.secrets) {
      const lines = readFileSync(join(dir, s.file), 'utf8').split('\n');
      const span = lines.slice(s.line - 1, s.endLine).join('\n');
      const valueLines = s.value.split('\n');
      if (valueLines.length === 1 || s.line === s.endLine) {
        // One line: verbatim, or JSON-escaped (a PEM in JSON or a quoted .env value).
        expect(s.line, `${s.file} ${s.kind}`).toBe(s.endLine);
        expect(span.includes(s.value) || span.includes(JSON.stringify(s.value).slice(1, -1)), `${s.file}:${s.line} ${s.kind}`).toBe(true);
      } else {
        // A block: every line of the value inside the span, the END line on the last one.
        for (const v of valueLines) expect(span, `${s.file}:${s.line}`).toContain(v);
        expect(lines[s.endLine - 1]).toContain(valueLines[valueLines.length - 1]);
      }
    }
  });

  it('plants format-valid values of every kind, each value different', () => {
    for (const s of manifest.secrets) expect(s.value, s.kind).toMatch(SECRET_SHAPES[s.kind]);
    expect(new Set(manifest.secrets.map((s) => s.kind))).toEqual(new Set(SECRET_KINDS));
    expect(new Set(manifest.secrets.map((s) => s.value)).size).toBe(manifest.secrets.length);
  });

  it('marks as planted exactly the files that carry a secret, and leaks none into clean files', () => {
    const plantedFiles = new Set(manifest.secrets.map((s) => s.file));
    for (const f of manifest.files) {
      expect(f.planted, f.file).toBe(plantedFiles.has(f.file));
      if (f.planted) continue;
      const text = readFileSync(join(dir, f.file), 'utf8');
      for (const pattern of LEAK_PATTERNS) expect(pattern.test(text), `${f.file} ${pattern}`).toBe(false);
    }
    expect(manifest.files.some((f) => !f.planted)).toBe(true);
  });

  it('writes files that parse: TypeScript, JSON and YAML without syntax errors', () => {
    const kinds = new Set(manifest.files.map((f) => f.kind));
    expect(kinds).toEqual(new Set(['typescript', 'json', 'yaml', 'env']));
    for (const f of manifest.files) {
      const text = readFileSync(join(dir, f.file), 'utf8');
      if (f.kind === 'typescript') {
        const source = ts.createSourceFile(f.file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
        const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
        expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), f.file).toEqual([]);
      } else if (f.kind === 'json') {
        expect(() => JSON.parse(text), f.file).not.toThrow();
      } else if (f.kind === 'yaml') {
        expect(parseAllDocuments(text).flatMap((d) => ('errors' in d ? d.errors : [])).map((e) => e.message), f.file).toEqual([]);
      } else {
        for (const line of text.split('\n').filter(Boolean)) expect(line, f.file).toMatch(/^(#.*|[A-Z][A-Z0-9_]*=.*)$/);
      }
    }
  });
});

describe('bench matching of findings to planted secrets', () => {
  const key: PlantedSecret = { file: 'svc/src/clients/stripe.client.ts', line: 11, endLine: 11, kind: 'stripe-secret-key', value: 'sk_live_x' };
  const pem: PlantedSecret = { file: 'svc/helm/values.yaml', line: 8, endLine: 36, kind: 'private-key', value: '-----BEGIN' };
  const secrets = [key, pem];

  it('finds a secret by a finding on its line, and a block by a finding on any of its lines', () => {
    const m = matchFindings(
      [
        { file: key.file, line: 11, message: 'stripe' },
        { file: pem.file, line: 20, message: 'pem' },
      ],
      secrets,
    );
    expect([...m.found]).toEqual([key, pem]);
    expect(m.cleanFlagged.size).toBe(0);
    expect(m.otherLines).toEqual([]);
  });

  it('does not count a finding on another line of a planted file, nor one in another file', () => {
    const m = matchFindings(
      [
        { file: key.file, line: 12, message: 'next line' },
        { file: pem.file, line: 37, message: 'after the block' },
        { file: 'svc/src/ui/assets.ts', line: 3, message: 'data uri' },
        { file: 'svc/src/ui/assets.ts', line: 6, message: 'sri' },
      ],
      secrets,
    );
    expect(m.found.size).toBe(0);
    expect(m.otherLines.map((h) => h.line)).toEqual([12, 37]);
    expect([...m.cleanFlagged.keys()]).toEqual(['svc/src/ui/assets.ts']);
    expect(m.cleanFlagged.get('svc/src/ui/assets.ts')?.map((h) => h.line)).toEqual([3, 6]);
  });
});
