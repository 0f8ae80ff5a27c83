import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { ScannedFile } from './scanned-file.js';

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
      ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true, noEmit: true } })
      : new Project({ compilerOptions: FALLBACK_OPTIONS, skipFileDependencyResolution: true });
  } catch {
    project = new Project({ compilerOptions: FALLBACK_OPTIONS, skipFileDependencyResolution: true });
  }
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true });
  return project;
}
