import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { scriptKindOf } from '../../../scanner/scanned-file.js';

/**
 * Imports followed from disk, for the editor: an ESLint rule sees one file, but a stack's shared
 * props, helpers and wrapper constructs live in files next to it. This reads (and caches, by
 * modification time) the project files an import leads to — relative specifiers, and path
 * aliases through the nearest tsconfig.json — so the editor resolves what the scan resolves
 * without needing type information. This is the reader's only I/O; the scan uses its own files.
 */
const parsed = new Map<string, { mtimeMs: number; sf: ts.SourceFile }>();
const configs = new Map<string, ts.CompilerOptions | undefined>();
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx'];

export function loadFromDisk(specifier: string, fromFile: string): ts.SourceFile | undefined {
  if (/^(?:aws-cdk-lib|@aws-cdk\/|constructs$)/.test(specifier)) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/')) return readCandidate(resolve(dirname(fromFile), specifier));
  const options = compilerOptionsFor(fromFile);
  if (!options?.paths) return undefined;
  const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
  return resolved && !resolved.isExternalLibraryImport ? sourceAt(resolved.resolvedFileName) : undefined;
}

function readCandidate(base: string): ts.SourceFile | undefined {
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const candidate of [...EXTENSIONS.map((e) => stem + e), base]) {
    if (/\.[cm]?[jt]sx?$/.test(candidate) && existsSync(candidate)) return sourceAt(candidate);
  }
  return undefined;
}

function sourceAt(path: string): ts.SourceFile | undefined {
  if (path.includes('/node_modules/') || path.endsWith('.d.ts')) return undefined;
  try {
    const { mtimeMs } = statSync(path);
    const hit = parsed.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.sf;
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, scriptKindOf(path));
    parsed.set(path, { mtimeMs, sf });
    return sf;
  } catch {
    return undefined;
  }
}

function compilerOptionsFor(fromFile: string): ts.CompilerOptions | undefined {
  const configPath = ts.findConfigFile(dirname(fromFile), ts.sys.fileExists);
  if (!configPath) return undefined;
  if (!configs.has(configPath)) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    configs.set(configPath, read.error ? undefined : ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath)).options);
  }
  return configs.get(configPath);
}
