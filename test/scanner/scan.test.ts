import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Detection } from '../../src/analysis/types.js';
import type { Lane } from '../../src/scanner/lane.js';
import { scan } from '../../src/scanner/scan.js';
import { makeTree } from '../helpers/tmp.js';

const trees: Array<{ cleanup(): void }> = [];
afterEach(() => trees.splice(0).forEach((t) => t.cleanup()));

/** A test lane that flags every `TOKEN=` value in .env files, with the value redacted. */
const envTokenLane: Lane = {
  id: 'test-env-token',
  rules: ['no-hardcoded-secrets'],
  checkFile(file) {
    if (file.kind !== 'env') return [];
    const out: Detection[] = [];
    for (const m of file.text.matchAll(/^TOKEN=(.+)$/gm)) {
      const start = m.index! + 'TOKEN='.length;
      const range = [start, start + m[1]!.length] as const;
      out.push({ ruleId: 'no-hardcoded-secrets', message: `Hard-coded token ${m[1]}`, range, redact: [range] });
    }
    return out;
  },
};

describe('scan', () => {
  it('reports parse errors as findings, masks secrets everywhere, and sorts deterministically', async () => {
    const t = makeTree({
      'b/.env': '# deploy\nTOKEN=tok_8f3Kq93LzPq0vXw2\nREGION=eu-west-1\n',
      'a/broken.ts': 'export function f( {\n  return 1;\n}\n',
      'a/broken.yaml': 'key: [unclosed\n',
      'a/ok.json': '{ "a": 1, // comment\n }\n',
    });
    trees.push(t);
    const result = await scan({ cwd: t.dir, lanes: [envTokenLane], shippedLanes: false });
    expect(result.filesScanned).toBe(4);
    expect(result.findings[0]!.message).toBe("Cannot parse typescript file: ':' expected. (and 2 more)");
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.severity])).toEqual([
      ['parse-error', 'a/broken.ts', 2, 10, 'error'],
      ['parse-error', 'a/broken.yaml', 2, 1, 'error'],
      ['no-hardcoded-secrets', 'b/.env', 2, 7, 'error'],
    ]);
    const secret = result.findings[2]!;
    expect(secret.message).toBe('Hard-coded token tok_****');
    expect(secret.snippet?.lines).toEqual(['# deploy', 'TOKEN=tok_****', 'REGION=eu-west-1']);
    expect(secret.snippet?.highlight).toEqual({ line: 2, column: 7, endColumn: 15 });
    expect(JSON.stringify(result)).not.toContain('tok_8f3Kq93LzPq0vXw2');
  });

  it('keeps fingerprints stable when lines move and distinct for repeats', async () => {
    const t = makeTree({ '.env': 'TOKEN=tok_8f3Kq93LzPq0vXw2\n' });
    trees.push(t);
    const before = await scan({ cwd: t.dir, lanes: [envTokenLane], shippedLanes: false });
    writeFileSync(join(t.dir, '.env'), '# moved down\n\nTOKEN=tok_8f3Kq93LzPq0vXw2\nTOKEN=tok_8f3Kq93LzPq0vXw2\n');
    const after = await scan({ cwd: t.dir, lanes: [envTokenLane], shippedLanes: false });
    expect(after.findings).toHaveLength(2);
    expect(after.findings[0]!.fingerprint).toBe(before.findings[0]!.fingerprint);
    expect(after.findings[1]!.fingerprint).not.toBe(after.findings[0]!.fingerprint);
  });

  it('respects rules turned off in the config and --rule filters', async () => {
    const t = makeTree({ 'datagate.yml': 'rules:\n  no-hardcoded-secrets: "off"\n', '.env': 'TOKEN=tok_8f3Kq93LzPq0vXw2\n' });
    trees.push(t);
    expect((await scan({ cwd: t.dir, lanes: [envTokenLane], shippedLanes: false })).findings).toEqual([]);
    const t2 = makeTree({ '.env': 'TOKEN=tok_8f3Kq93LzPq0vXw2\n' });
    trees.push(t2);
    expect((await scan({ cwd: t2.dir, lanes: [envTokenLane], shippedLanes: false, only: ['require-tls'] })).findings).toEqual([]);
    expect((await scan({ cwd: t2.dir, lanes: [envTokenLane], shippedLanes: false, only: ['no-hardcoded-secrets'] })).findings).toHaveLength(1);
  });

  it('lowers severity to warning when the config says so', async () => {
    const t = makeTree({ 'datagate.yml': 'rules:\n  no-hardcoded-secrets: warning\n', '.env': 'TOKEN=tok_8f3Kq93LzPq0vXw2\n' });
    trees.push(t);
    const [finding] = (await scan({ cwd: t.dir, lanes: [envTokenLane], shippedLanes: false })).findings;
    expect(finding?.severity).toBe('warning');
  });

  it('turns a lane crash on one file into a finding for that file', async () => {
    const crashing: Lane = {
      id: 'crashy',
      rules: ['require-tls'],
      checkFile(file) {
        if (file.relPath === 'bad.ts') throw new Error('unexpected node');
        return [];
      },
    };
    const t = makeTree({ 'bad.ts': 'export {};\n', 'good.ts': 'export {};\n' });
    trees.push(t);
    const result = await scan({ cwd: t.dir, lanes: [crashing], shippedLanes: false });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.message])).toEqual([
      ['bad.ts', 'parse-error', 'The crashy check could not analyse this file: unexpected node'],
    ]);
  });

  it('lists named paths that do not exist', async () => {
    const t = makeTree({ 'a.ts': '' });
    trees.push(t);
    expect((await scan({ cwd: t.dir, paths: ['a.ts', 'missing-dir'] })).missing).toEqual(['missing-dir']);
  });
});
