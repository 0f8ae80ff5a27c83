import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_BUNDLE, bundleAction } from '../../scripts/build-action.js';

describe('action/dist/index.js', () => {
  it('is what `npm run build:action` builds from the current source (GitHub runs the committed file)', async () => {
    const committed = readFileSync(ACTION_BUNDLE, 'utf8');
    const fresh = await bundleAction();
    // compare lengths first so a mismatch prints a short message, not 12 MB
    const same = committed.length === fresh.length && committed === fresh;
    expect(same, 'action/dist/index.js is stale: run `npm run build:action` and commit it').toBe(true);
  });
});
