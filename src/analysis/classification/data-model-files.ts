import { isAbsolute, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Policy } from '../../policy/types.js';

const matchers = new WeakMap<Policy, Ignore>();

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/**
 * True when `file` (absolute) is matched by the policy's `dataModels` globs, taken relative to
 * the policy's base directory (the config file's directory, or where the scan started). A file
 * outside that directory is matched on its absolute path, so `**\/models/**` still applies.
 * (`ignore` gives gitignore semantics, which agree with these globs: `**\/` matches any depth.)
 */
export function isDataModelFile(file: string, policy: Policy): boolean {
  if (policy.dataModels.length === 0) return false;
  let matcher = matchers.get(policy);
  if (!matcher) {
    matcher = ignore().add(policy.dataModels);
    matchers.set(policy, matcher);
  }
  if (matcher.ignores(modelPath(file, policy))) return true;
  // Without a config file the base directory is only where the scan (or the editor) started,
  // so the path's own directories (`…/src/models/user.ts`) decide.
  return !policy.configPath && isAbsolute(file) && matcher.ignores(absoluteAsRelative(file));
}

function absoluteAsRelative(file: string): string {
  return toPosix(file).replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
}

/** A path `ignore` accepts: relative, no `../`. */
function modelPath(file: string, policy: Policy): string {
  const rel = isAbsolute(file) ? toPosix(relative(policy.baseDir, file)) : toPosix(file);
  if (rel !== '' && !rel.startsWith('../') && !isAbsolute(rel)) return rel;
  return absoluteAsRelative(file);
}

/**
 * True when an import specifier, written in `fromFile`, names a module in a data-model file
 * (`./user.entity`, `../models/payout`, `@/models/user`): types imported from it are models.
 */
export function importsDataModelModule(specifier: string, fromFile: string, policy: Policy): boolean {
  if (policy.dataModels.length === 0) return false;
  const candidates: string[] = [];
  if (specifier.startsWith('.')) {
    const dir = toPosix(fromFile).replace(/\/[^/]*$/, '');
    const joined = normalise(`${dir}/${specifier}`);
    const base = joined.replace(/\.(?:[cm]?js|jsx)$/, '');
    candidates.push(`${base}.ts`, `${base}/index.ts`, base);
  } else {
    const base = specifier.replace(/^[@~#]\/?/, '');
    candidates.push(`${base}.ts`, `${base}/index.ts`);
  }
  return candidates.some((c) => isDataModelFile(c, policy));
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${path.startsWith('/') ? '/' : ''}${out.join('/')}`;
}
