import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project, ts, type ResolutionHostFactory } from 'ts-morph';
import { loadKnowledge } from '../policy/knowledge.js';
import type { ScannedFile } from './scanned-file.js';

/** The package a module specifier names ('aws-cdk-lib/aws-s3' → 'aws-cdk-lib'), or undefined for a path. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

let skipped: { names: Set<string>; scopes: Set<string> } | undefined;
/** True for packages whose types the program does not load (rules/scanner/types-not-loaded.yaml). */
export function isTypeSkipped(specifier: string): boolean {
  if (!skipped) {
    const data = loadKnowledge('scanner/types-not-loaded.yaml') as { packages: string[] };
    skipped = { names: new Set(), scopes: new Set() };
    for (const p of data.packages) {
      if (p.endsWith('/*')) skipped.scopes.add(p.slice(0, -2));
      else skipped.names.add(p);
    }
  }
  const pkg = packageOf(specifier);
  if (!pkg) return false;
  return skipped.names.has(pkg) || (pkg.startsWith('@') && skipped.scopes.has(pkg.split('/')[0]!));
}

/** Module resolution as the compiler does it, except that skipped packages resolve to nothing. */
const skippingResolution: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames: (moduleNames, containingFile) =>
    moduleNames.map((name) =>
      isTypeSkipped(name) ? undefined : ts.resolveModuleName(name, containingFile, getCompilerOptions(), host).resolvedModule,
    ),
});

function findTsconfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

const FALLBACK_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  strict: true,
};

/**
 * A ts-morph project over the scanned TypeScript/JavaScript files, with the compiler options
 * (path aliases included) of the nearest tsconfig.json, so imports resolve as the team's build
 * resolves them. Files come from the scan's own text: nothing is re-read.
 */
export function createProject(root: string, files: readonly ScannedFile[]): Project {
  const tsConfigFilePath = findTsconfig(root);
  let project: Project;
  try {
    project = tsConfigFilePath
      ? new Project({
          tsConfigFilePath,
          skipAddingFilesFromTsConfig: true,
          skipFileDependencyResolution: true,
          compilerOptions: { allowJs: true, noEmit: true },
          resolutionHost: skippingResolution,
        })
      : new Project({ compilerOptions: FALLBACK_OPTIONS, skipFileDependencyResolution: true, resolutionHost: skippingResolution });
  } catch {
    project = new Project({ compilerOptions: FALLBACK_OPTIONS, skipFileDependencyResolution: true, resolutionHost: skippingResolution });
  }
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true });
  return project;
}
