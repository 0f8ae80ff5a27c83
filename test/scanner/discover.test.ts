import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/scanner/discover.js';
import { makeTree } from '../helpers/tmp.js';

const trees: Array<{ cleanup(): void }> = [];
afterEach(() => trees.splice(0).forEach((t) => t.cleanup()));

describe('discoverFiles', () => {
  it('honours .gitignore (root and nested), skips dependencies, build output, lockfiles and binaries, and sorts', async () => {
    const t = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.local.json\n',
      'src/index.ts': 'export {};\n',
      'src/b.ts': 'export {};\n',
      'src/generated/client.ts': 'export {};\n',
      'config/app.local.json': '{}\n',
      'config/app.json': '{}\n',
      'packages/web/.gitignore': 'tmp/\n!keep.ts\n',
      'packages/web/tmp/cache.ts': 'export {};\n',
      'packages/web/src/page.tsx': 'export {};\n',
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'dist/index.js': 'export {};\n',
      'coverage/lcov.info': 'TN:\n',
      'package-lock.json': '{}\n',
      'yarn.lock': '# yarn\n',
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
      'vendor.min.js': 'var a=1;\n',
      '.env': 'API_URL=https://api.example.com\n',
    });
    trees.push(t);
    const { files, missing } = await discoverFiles({ cwd: t.dir, paths: ['.'] });
    expect(missing).toEqual([]);
    expect(files.map((f) => f.relPath)).toEqual([
      '.env',
      '.gitignore',
      'config/app.json',
      'packages/web/.gitignore',
      'packages/web/src/page.tsx',
      'src/b.ts',
      'src/index.ts',
    ]);
  });

  it('applies configured ignore globs relative to the config directory', async () => {
    const t = makeTree({ 'src/a.ts': '', 'test/fixtures/key.pem': 'x', 'test/a.test.ts': '' });
    trees.push(t);
    const { files } = await discoverFiles({ cwd: t.dir, paths: ['.'], ignore: ['test/fixtures/**'], ignoreBase: t.dir });
    expect(files.map((f) => f.relPath)).toEqual(['src/a.ts', 'test/a.test.ts']);
  });

  it('scans a named file even when ignored, reports paths relative to cwd and lists missing paths', async () => {
    const t = makeTree({ '.gitignore': 'secret.env\n', 'secret.env': 'A=1\n', 'app/x.ts': '' });
    trees.push(t);
    const { files, missing } = await discoverFiles({ cwd: t.dir, paths: ['secret.env', 'app', 'nope'] });
    expect(files.map((f) => f.relPath)).toEqual(['app/x.ts', 'secret.env']);
    expect(missing).toEqual(['nope']);
  });
});

describe('discoverFiles on a directory the enclosing repository ignores', () => {
  it('scans it when named explicitly, still applying its own .gitignore', async () => {
    const t = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'vendor-src/\n',
      'vendor-src/lib/index.js': 'module.exports = {};\n',
      'vendor-src/.gitignore': 'tmp/\n',
      'vendor-src/tmp/x.js': '',
    });
    trees.push(t);
    const { files } = await discoverFiles({ cwd: t.dir, paths: ['vendor-src'] });
    expect(files.map((f) => f.relPath)).toEqual(['vendor-src/.gitignore', 'vendor-src/lib/index.js']);
  });
});
