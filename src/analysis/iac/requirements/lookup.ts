import { entry, type IacValue } from '../model.js';
import type { Condition, Scalar } from './types.js';

/**
 * Property lookups the engine needs beyond model.valueAt: `*` paths over arrays, telling an
 * unset property from one whose container cannot be resolved, and value comparisons that
 * tolerate CloudFormation's habit of writing booleans and numbers as strings.
 */
export type Lookup =
  | { state: 'unset'; path: string }
  | { state: 'value'; path: string; value: IacValue; viaSpread?: boolean };

/** Every value at `path` (one per array element for `*`); unresolved containers stop the walk. */
export function lookupAll(root: IacValue | undefined, path: string, options: { optionalItems?: boolean } = {}): Lookup[] {
  const keys = path.split('.');
  const out: Lookup[] = [];
  const walk = (value: IacValue | undefined, i: number, at: string[]) => {
    if (!value) {
      // optionalItems: a missing list, or a list element without the key after `*`, is not checked.
      if (options.optionalItems && keys.slice(Math.max(0, i - 1)).includes('*')) return;
      out.push({ state: 'unset', path });
      return;
    }
    if (i === keys.length) {
      out.push({ state: 'value', path: at.join('.'), value });
      return;
    }
    if (value.kind === 'unresolved' || value.kind === 'reference') {
      out.push({ state: 'value', path: at.join('.'), value });
      return;
    }
    const key = keys[i]!;
    if (key === '*') {
      if (value.kind !== 'array') {
        // A single object where a list is allowed (Terraform blocks, CDK single props).
        walk(value, i + 1, at);
        return;
      }
      const next = keys[i + 1];
      const items = options.optionalItems && next ? value.items.filter((item) => entry(item, next) !== undefined) : value.items;
      if (items.length === 0 && !options.optionalItems) out.push({ state: 'unset', path });
      items.forEach((item, n) => walk(item, i + 1, [...at, String(n)]));
      return;
    }
    if (value.kind === 'array' && /^\d+$/.test(key)) {
      walk(value.items[Number(key)], i + 1, [...at, key]);
      return;
    }
    const container = value.kind === 'array' && value.items.length === 1 && value.items[0]!.kind === 'object' ? value.items[0] : value;
    // (Terraform nested blocks are lists of one object: `point_in_time_recovery { enabled = true }`.)
    const found = entry(container, key)?.value;
    // A key missing from an object with a spread the reader could not read is unknown, not unset.
    const spread = found ? undefined : entry(container, '...')?.value;
    if (spread) {
      out.push({ state: 'value', path: [...at, key].join('.'), value: spread, viaSpread: true });
      return;
    }
    walk(found, i + 1, [...at, key]);
  };
  walk(root, 0, []);
  return out;
}

/** The one value at a path without `*`, or undefined when unset. */
export function lookupOne(root: IacValue | undefined, path: string): IacValue | undefined {
  const first = lookupAll(root, path)[0];
  return first?.state === 'value' ? first.value : undefined;
}

/** A literal as a comparable lower-case string ('true', '7', 'aes256'); undefined otherwise. */
export function scalarOf(value: IacValue | undefined): string | undefined {
  if (value?.kind !== 'literal' || value.value === null) return undefined;
  return String(value.value).toLowerCase();
}

export function includesScalar(list: readonly Scalar[] | undefined, scalar: string | undefined): boolean {
  return scalar !== undefined && (list ?? []).some((v) => String(v).toLowerCase() === scalar);
}

/** How a value reads in a message: the literal, or the source text of what could not be resolved. */
export function display(value: IacValue): string {
  switch (value.kind) {
    case 'literal':
      return typeof value.value === 'string' ? `'${value.value}'` : String(value.value);
    case 'reference':
      return value.text;
    case 'unresolved':
      return value.text;
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
  }
}

/**
 * A value as Sub-style name text, for matching names across resources: a literal is itself, a
 * reference is `${Target}`, an interpolation keeps its `${…}` parts.
 */
export function nameText(value: IacValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'literal') return value.value === null ? undefined : String(value.value);
  if (value.kind === 'reference') return `\${${value.target}${value.attribute ? `.${value.attribute}` : ''}}`;
  if (value.kind === 'unresolved') return value.text;
  return undefined;
}

/**
 * True when every condition holds on the resource's properties. A condition on a key hidden by an
 * unreadable spread cannot be decided: it counts as holding, so the check runs and reports what it
 * cannot verify instead of skipping the resource.
 */
export function conditionsHold(props: IacValue | undefined, conditions: readonly Condition[] | undefined): boolean {
  return (conditions ?? []).every((c) => {
    const found = lookupAll(props, c.path)[0];
    if (found?.state === 'value' && found.viaSpread) return true;
    const value = found?.state === 'value' ? found.value : undefined;
    const scalar = scalarOf(value);
    if (c.absent) return value === undefined;
    if (c.present) return value !== undefined;
    if (c.in) return includesScalar(c.in, scalar);
    if (c.notIn) return !includesScalar(c.notIn, scalar);
    return true;
  });
}
