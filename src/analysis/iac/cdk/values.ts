import type ts from 'typescript';
import type { IacEntry, IacValue } from '../model.js';
import type { Range } from '../../types.js';

/**
 * What the CDK evaluator computes while it reads a program. It is richer than the shared
 * IacValue model because, while reading, a value can still be a CDK namespace (`s3`), a class,
 * a construct the code created, a module, or a function: those are what property access and calls
 * on them need. `toIacValue` turns the result into the shared model when a resource is emitted.
 */
export interface Loc {
  file: string;
  range: Range;
}

export type Val =
  | (Loc & { kind: 'literal'; value: string | number | boolean | null })
  | (Loc & { kind: 'object'; entries: Entry[]; /** An unresolved spread: keys not listed here are unknown. */ rest?: Loc & { text: string; reason: string } })
  | (Loc & { kind: 'array'; items: Val[] })
  | (Loc & { kind: 'reference'; target: string; attribute?: string; text: string })
  | (Loc & { kind: 'unresolved'; text: string; reason: string })
  /** `undefined`, or a property nobody set: CDK treats it as unset. */
  | { kind: 'absent' }
  /** Something imported from aws-cdk-lib: a module namespace, a class, an enum, an enum member. */
  | (Loc & { kind: 'cdk'; service: string | undefined; path: string[] })
  /** A construct created by `new` (a CDK class or a user class): its id is what links point at. */
  | (Loc & { kind: 'construct'; type: string; id: string; instance?: Instance })
  | { kind: 'module'; sourceFile: ts.SourceFile }
  | { kind: 'callable'; decl: ts.SignatureDeclaration & { body?: ts.Node }; self?: Instance }
  | { kind: 'class'; decl: ts.ClassLikeDeclaration };

export interface Entry {
  key: string;
  keyRange: Range;
  keyFile: string;
  value: Val;
}

/** A user class instance: its fields are read from `this.x = …` in the constructor it ran. */
export interface Instance {
  cls: ts.ClassLikeDeclaration;
  /** The frames its constructor (and its base classes' constructors) ran in, subclass first. */
  frames: Frame[];
}

/** One expansion of a function or constructor body: its parameters bound to a call's arguments. */
export interface Frame {
  fn?: ts.SignatureDeclaration;
  /** The call's arguments, evaluated in `caller`; absent for a body read on its own (unbound). */
  args?: readonly ts.Expression[];
  caller?: Frame;
  callSite?: ts.Node;
  /** Construct path prefix for ids created in this body ('' at a stack). */
  prefix: string;
  self?: Instance;
  depth: number;
  /** Tags added with `Tags.of(this).add(…)` in this body apply to every resource created under it. */
  tags: Map<string, string>;
  /** Values of loop variables and callback parameters for one iteration over a known array. */
  bindings?: Map<ts.Node, Val>;
}

export const ABSENT: Val = { kind: 'absent' };

export function unresolved(loc: Loc, text: string, reason: string): Val {
  return { kind: 'unresolved', file: loc.file, range: loc.range, text, reason };
}

export function isConstructLike(v: Val): v is Extract<Val, { kind: 'construct' }> {
  return v.kind === 'construct';
}

/** The shared model's form of a value; `undefined` for an absent one. */
export function toIacValue(v: Val, at: Loc): IacValue | undefined {
  switch (v.kind) {
    case 'absent':
      return undefined;
    case 'literal':
    case 'reference':
    case 'unresolved':
      return v;
    case 'object': {
      const entries: IacEntry[] = [];
      for (const e of v.entries) {
        const value = toIacValue(e.value, { file: e.keyFile, range: e.keyRange });
        if (value) entries.push({ key: e.key, keyRange: e.keyRange, value });
      }
      if (v.rest) {
        // Convention shared with the engine: a '...' entry means "other keys come from a value
        // datagate cannot read", so a missing key is unverifiable rather than unset.
        entries.push({ key: '...', keyRange: v.rest.range, value: { kind: 'unresolved', file: v.rest.file, range: v.rest.range, text: v.rest.text, reason: v.rest.reason } });
      }
      return { kind: 'object', file: v.file, range: v.range, entries };
    }
    case 'array':
      return {
        kind: 'array',
        file: v.file,
        range: v.range,
        items: v.items.map((i) => toIacValue(i, v)).filter((i): i is IacValue => i !== undefined),
      };
    case 'cdk':
      // An enum member (`s3.BucketEncryption.KMS`) is read as its qualified name without the
      // module alias: 'BucketEncryption.KMS', whatever the file named the import.
      return { kind: 'literal', file: v.file, range: v.range, value: v.path.join('.') };
    case 'construct':
      return { kind: 'reference', file: v.file, range: v.range, target: v.id, text: v.id };
    case 'module':
    case 'callable':
    case 'class':
      return { kind: 'unresolved', file: at.file, range: at.range, text: v.kind, reason: `a ${v.kind} is not a property value` };
  }
}

/** Structural equality that ignores where values came from (for `a ? x : y` with x ≡ y, dedupe). */
export function sameValue(a: IacValue | undefined, b: IacValue | undefined): boolean {
  return JSON.stringify(shape(a)) === JSON.stringify(shape(b));
}

function shape(v: IacValue | undefined): unknown {
  if (!v) return null;
  switch (v.kind) {
    case 'literal':
      return ['l', v.value];
    case 'object':
      return ['o', v.entries.map((e) => [e.key, shape(e.value)])];
    case 'array':
      return ['a', v.items.map(shape)];
    case 'reference':
      return ['r', v.target, v.attribute ?? null];
    case 'unresolved':
      return ['u', v.text];
  }
}

export function locKey(v: IacValue | undefined): string {
  return JSON.stringify(v, (k, value: unknown) => (k === 'keyRange' ? undefined : value));
}
