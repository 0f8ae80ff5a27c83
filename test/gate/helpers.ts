import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Detection } from '../../src/analysis/types.js';
import type { Lane } from '../../src/scanner/lane.js';

/**
 * A test-only lane: flags every `DG_LEAK(<name>)` marker as no-sensitive-logging and every
 * `DG_KEY(<name>)` as no-hardcoded-secrets, so gate tests do not depend on the real lanes'
 * heuristics (real lanes never flag these markers).
 */
export const markerLane: Lane = {
  id: 'test-markers',
  rules: ['no-sensitive-logging', 'no-hardcoded-secrets'],
  checkFile(file) {
    const out: Detection[] = [];
    for (const m of file.text.matchAll(/DG_(LEAK|KEY)\((\w+)\)/g)) {
      const ruleId = m[1] === 'LEAK' ? 'no-sensitive-logging' : 'no-hardcoded-secrets';
      out.push({ ruleId, message: `${m[2]} reaches a test sink`, range: [m.index, m.index + m[0].length] });
    }
    return out;
  },
};

export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'datagate-gate-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
