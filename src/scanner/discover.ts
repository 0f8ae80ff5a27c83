import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';

/** Directories that are never source: dependencies, VCS data, build and tool output. */
export const BUILTIN_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.turbo/**',
  '**/.cache/**',
  '**/.serverless/**',
  '**/.aws-sam/**',
  '**/.terraform/**',
  '**/cdk.out/asset.*/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.min.css',
  '**/*.map',
];

/** The built-in skips that are never source in any project. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**', '**/*.map'];

/** Lockfiles: generated, full of hashes, never hand-written secrets. */
export const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'Cargo.lock',
  'composer.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'go.sum',
  '.terraform.lock.hcl',
]);

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp avif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar tar jar war ear class ' +
    'so dylib dll exe bin o a lib wasm node woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm ' +
    'sqlite db parquet avro pyc pyo keystore p12 pfx der'
  ).split(' '),
);

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Relative to the directory the scan started in, with `/` separators. */
  relPath: string;
}

export interface DiscoverOptions {
  /** Directory the scan was started in: reported paths are relative to it. */
  cwd: string;
  /** Files or directories to scan (relative to cwd or absolute). */
  paths: string[];
  /** Extra ignore globs, relative to `ignoreBase`. */
  ignore?: string[];
  ignoreBase?: string;
  /** Skip build output (dist, build, out, coverage…) — on by default; off to audit shipped code. */
  skipBuildOutput?: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Paths the user named that do not exist or cannot be read. */
  missing: string[];
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function isSkippedByName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return LOCKFILES.has(base) || BINARY_EXTENSIONS.has(extensionOf(base));
}

function findGitRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** .gitignore rules, per directory, applied from the repository root down (as git does). */
class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();
  constructor(private readonly top: string) {}

  private forDir(dir: string): Ignore | null {
    let hit = this.byDir.get(dir);
    if (hit !== undefined) return hit;
    hit = null;
    const file = join(dir, '.gitignore');
    if (existsSync(file)) {
      try {
        hit = ignore().add(readFileSync(file, 'utf8'));
      } catch {
        hit = null;
      }
    }
    this.byDir.set(dir, hit);
    return hit;
  }

  ignores(absPath: string): boolean {
    let dir = dirname(absPath);
    const chain: string[] = [];
    while (dir.startsWith(this.top)) {
      chain.push(dir);
      if (dir === this.top) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of chain.reverse()) {
      const rules = this.forDir(d);
      if (rules && rules.ignores(toPosix(relative(d, absPath)))) return true;
    }
    return false;
  }
}

/**
 * The files a scan reads: everything under the given paths, minus .gitignore'd files, the
 * built-in skips (dependencies, build output, lockfiles, minified bundles, binaries) and the
 * configured ignore globs. Sorted, so output is deterministic.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<Discovery> {
  const cwd = resolve(options.cwd);
  const configured = ignore().add(options.ignore ?? []);
  const ignoreBase = resolve(options.ignoreBase ?? cwd);
  const found = new Map<string, DiscoveredFile>();
  const missing: string[] = [];

  const add = (abs: string) => {
    if (found.has(abs)) return;
    found.set(abs, { path: abs, relPath: toPosix(relative(cwd, abs)) || abs });
  };
  const configuredIgnores = (abs: string) => {
    const rel = toPosix(relative(ignoreBase, abs));
    return !rel.startsWith('../') && rel !== '' && configured.ignores(rel);
  };

  for (const raw of options.paths.length > 0 ? options.paths : ['.']) {
    const target = resolve(cwd, raw);
    let stat;
    try {
      stat = statSync(target);
    } catch {
      missing.push(raw);
      continue;
    }
    if (stat.isFile()) {
      // A file named on the command line is scanned even if ignored, as ESLint does.
      add(target);
      continue;
    }
    // A directory the user names explicitly is scanned even when the enclosing repository ignores
    // it (e.g. node_modules/some-package): its own .gitignore files still apply.
    const gitRoot = findGitRoot(target) ?? target;
    const enclosing = new GitIgnores(gitRoot);
    const gitignores = target !== gitRoot && enclosing.ignores(join(target, '.probe')) ? new GitIgnores(target) : enclosing;
    const entries = await glob('**/*', {
      cwd: target,
      dot: true,
      onlyFiles: true,
      absolute: true,
      followSymbolicLinks: false,
      ignore: options.skipBuildOutput === false ? ALWAYS_IGNORED : BUILTIN_IGNORES,
    });
    for (const abs of entries.map((e) => resolve(e))) {
      const rel = toPosix(relative(target, abs));
      if (isSkippedByName(rel)) continue;
      if (configuredIgnores(abs)) continue;
      if (gitignores.ignores(abs)) continue;
      add(abs);
    }
  }
  const files = [...found.values()].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files, missing };
}
