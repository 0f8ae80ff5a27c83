import type { Range } from '../../types.js';
import type { IacEntry, IacValue } from '../model.js';
import { rawAt, rawEntry, type RawNode } from './raw.js';

/**
 * CloudFormation intrinsic functions, short (`!Ref X`) or long (`{"Ref": "X"}`) form, turned
 * into model values: what can be computed from the template alone is (literal `Fn::Sub`,
 * `Fn::Join`, `Fn::FindInMap` over Mappings, `Fn::Select`, `Fn::Split`); references to
 * resources become `reference`; parameters, conditions, imports and pseudo parameters become
 * `unresolved` with a reason, so the rules report them as unverifiable instead of passing them.
 */
export interface TemplateScope {
  file: string;
  /** Source text, for the display text of what cannot be resolved. */
  text: string;
  resources: ReadonlySet<string>;
  parameters: ReadonlySet<string>;
  /** The template's Parameters section (AllowedValues bound what a parameter can be). */
  parameterDefs?: RawNode;
  mappings: RawNode | undefined;
}

const LONG_FORM = /^(?:Ref|Condition|Fn::[A-Za-z]+)$/;

/** The intrinsic function a node is, if any: its name (`Ref`, `Fn::Sub`) and argument. */
export function intrinsicOf(node: RawNode): { name: string; arg: RawNode } | undefined {
  if (node.tag) {
    const short = node.tag.slice(1);
    const name = short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
    // The tag belongs to the node; its argument is the same node without the tag.
    return { name, arg: { ...node, tag: undefined } as RawNode };
  }
  if (node.kind === 'map' && node.entries.length === 1 && LONG_FORM.test(node.entries[0]!.key)) {
    return { name: node.entries[0]!.key, arg: node.entries[0]!.value };
  }
  return undefined;
}

export function toValue(node: RawNode, scope: TemplateScope): IacValue {
  const located = { file: scope.file, range: node.range };
  const fn = intrinsicOf(node);
  if (fn) return intrinsic(fn.name, fn.arg, node, scope);
  switch (node.kind) {
    case 'scalar':
      return { ...located, kind: 'literal', value: node.value };
    case 'seq':
      return { ...located, kind: 'array', items: node.items.map((i) => toValue(i, scope)) };
    case 'map': {
      const entries: IacEntry[] = node.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, value: toValue(e.value, scope) }));
      return { ...located, kind: 'object', entries };
    }
  }
}

function unresolved(node: RawNode, scope: TemplateScope, text: string, reason: string): IacValue {
  return { file: scope.file, range: node.range, kind: 'unresolved', text, reason };
}

function sourceText(node: RawNode, scope: TemplateScope): string {
  const raw = scope.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ').trim();
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}

function intrinsic(name: string, arg: RawNode, node: RawNode, scope: TemplateScope): IacValue {
  const located = { file: scope.file, range: node.range };
  switch (name) {
    case 'Ref': {
      const target = arg.kind === 'scalar' ? String(arg.value) : '';
      if (scope.resources.has(target)) return { ...located, kind: 'reference', target, text: `!Ref ${target}` };
      if (scope.parameters.has(target)) {
        const value = unresolved(node, scope, `\${${target}}`, `parameter '${target}'`);
        // A parameter restricted by AllowedValues can only be one of them.
        const allowed = rawAt(scope.parameterDefs, [target, 'AllowedValues']);
        if (allowed?.kind !== 'seq' || allowed.items.length === 0 || allowed.items.some((i) => i.kind !== 'scalar' || i.tag)) return value;
        return { ...value, alternatives: allowed.items.map((i) => toValue(i, scope)) } as IacValue;
      }
      return unresolved(node, scope, `\${${target}}`, target.startsWith('AWS::') ? `pseudo parameter ${target}` : `unknown reference '${target}'`);
    }
    case 'Fn::GetAtt': {
      const parts =
        arg.kind === 'scalar' ? String(arg.value).split('.') : arg.kind === 'seq' ? arg.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')) : [];
      const [target = '', ...rest] = parts;
      const attribute = rest.join('.') || undefined;
      if (scope.resources.has(target)) return { ...located, kind: 'reference', target, attribute, text: `!GetAtt ${parts.join('.')}` };
      return unresolved(node, scope, `\${${parts.join('.')}}`, `unknown resource '${target}'`);
    }
    case 'Fn::Sub':
      return sub(arg, node, scope);
    case 'Fn::Join': {
      if (arg.kind !== 'seq' || arg.items.length !== 2) break;
      const [delimiter, list] = arg.items as [RawNode, RawNode];
      const parts = toValue(list, scope);
      if (delimiter.kind !== 'scalar' || parts.kind !== 'array') break;
      const texts = parts.items.map(templatePart);
      const joined = texts.join(String(delimiter.value ?? ''));
      if (parts.items.every((p) => p.kind === 'literal')) return { ...located, kind: 'literal', value: joined };
      return unresolved(node, scope, joined, 'Fn::Join over values known only at deploy time');
    }
    case 'Fn::FindInMap': {
      if (arg.kind !== 'seq' || arg.items.length < 3) break;
      const keys = arg.items.slice(0, 3).map((k) => toValue(k, scope));
      if (keys.every((k) => k.kind === 'literal')) {
        const found = rawAt(scope.mappings, keys.map((k) => String((k as { value: unknown }).value)));
        if (found) return toValue(found, scope);
      }
      const dynamic = keys.find((k) => k.kind === 'unresolved');
      const value = unresolved(node, scope, sourceText(node, scope), dynamic?.kind === 'unresolved' ? `Fn::FindInMap keyed by ${dynamic.reason}` : 'Fn::FindInMap');
      // Keyed by a parameter (the environment): the value is one of the mapping's entries.
      const alternatives = mappingValues(scope, keys);
      return alternatives ? ({ ...value, alternatives } as IacValue) : value;
    }
    case 'Fn::Select': {
      if (arg.kind !== 'seq' || arg.items.length !== 2) break;
      const index = toValue(arg.items[0]!, scope);
      const list = toValue(arg.items[1]!, scope);
      if (index.kind === 'literal' && list.kind === 'array') {
        const item = list.items[Number(index.value)];
        if (item) return item;
      }
      break;
    }
    case 'Fn::Split': {
      if (arg.kind !== 'seq' || arg.items.length !== 2) break;
      const delimiter = toValue(arg.items[0]!, scope);
      const source = toValue(arg.items[1]!, scope);
      if (delimiter.kind === 'literal' && source.kind === 'literal' && typeof source.value === 'string') {
        const items: IacValue[] = source.value.split(String(delimiter.value)).map((value) => ({ ...located, kind: 'literal', value }));
        return { ...located, kind: 'array', items };
      }
      break;
    }
    case 'Fn::ServerlessVariable':
      return unresolved(node, scope, String(arg.kind === 'scalar' ? arg.value : ''), 'a Serverless Framework variable resolved at deploy time');
    case 'Fn::If': {
      const condition = arg.kind === 'seq' && arg.items[0]?.kind === 'scalar' ? String(arg.items[0].value) : '?';
      const value = unresolved(node, scope, sourceText(node, scope), `depends on condition '${condition}'`);
      if (arg.kind !== 'seq' || arg.items.length !== 3) return value;
      const [a, b] = [branch(arg.items[1]!, scope), branch(arg.items[2]!, scope)];
      // Both branches the same literal: the condition does not matter.
      if (a?.kind === 'literal' && b?.kind === 'literal' && a.value === b.value) return a;
      return { ...value, alternatives: [a, b] } as IacValue;
    }
  }
  return unresolved(node, scope, sourceText(node, scope), `${name} is known only at deploy time`);
}

/** Every value a FindInMap can return when some keys are known only at deploy time (at most 32). */
function mappingValues(scope: TemplateScope, keys: IacValue[]): IacValue[] | undefined {
  let nodes: RawNode[] = scope.mappings ? [scope.mappings] : [];
  for (const key of keys) {
    const next: RawNode[] = [];
    for (const n of nodes) {
      if (n.kind !== 'map') continue;
      if (key.kind === 'literal') {
        const hit = rawEntry(n, String(key.value))?.value;
        if (hit) next.push(hit);
      } else next.push(...n.entries.map((e) => e.value));
    }
    nodes = next;
    if (nodes.length === 0 || nodes.length > 32) return undefined;
  }
  return nodes.map((n) => toValue(n, scope));
}

/** One branch of Fn::If: `!Ref AWS::NoValue` removes the property. */
function branch(node: RawNode, scope: TemplateScope): IacValue | undefined {
  const fn = intrinsicOf(node);
  if (fn?.name === 'Ref' && fn.arg.kind === 'scalar' && fn.arg.value === 'AWS::NoValue') return undefined;
  return toValue(node, scope);
}

/** The Sub-style text of a value: literals as themselves, everything else as `${…}`. */
function templatePart(value: IacValue): string {
  switch (value.kind) {
    case 'literal':
      return String(value.value ?? '');
    case 'reference':
      return `\${${value.target}${value.attribute ? `.${value.attribute}` : ''}}`;
    case 'unresolved':
      return value.text;
    default:
      return '${?}';
  }
}

const SUB_VAR = /\$\{([^}!][^}]*)\}/g;

function sub(arg: RawNode, node: RawNode, scope: TemplateScope): IacValue {
  let template: string | undefined;
  const vars = new Map<string, IacValue>();
  if (arg.kind === 'scalar') template = String(arg.value ?? '');
  else if (arg.kind === 'seq' && arg.items[0]?.kind === 'scalar') {
    template = String(arg.items[0].value ?? '');
    const map = arg.items[1];
    if (map?.kind === 'map') for (const e of map.entries) vars.set(e.key, toValue(e.value, scope));
  }
  if (template === undefined) return unresolved(node, scope, sourceText(node, scope), 'Fn::Sub');
  let dynamic = false;
  const reasons = new Set<string>();
  const text = template.replace(SUB_VAR, (whole, name: string) => {
    const v = vars.get(name);
    if (v?.kind === 'literal') return String(v.value ?? '');
    dynamic = true;
    if (v) return templatePart(v);
    const base = name.split('.')[0]!;
    if (scope.parameters.has(base)) reasons.add(`parameter '${base}'`);
    else if (base.startsWith('AWS::')) reasons.add(base);
    return whole;
  });
  const plain = text.replace(/\$\{!/g, '${');
  if (!dynamic) return { file: scope.file, range: node.range, kind: 'literal', value: plain };
  return unresolved(node, scope, text, reasons.size > 0 ? `Fn::Sub over ${[...reasons].join(', ')}` : 'Fn::Sub over values known only at deploy time');
}

/** Literal tags from a CloudFormation `Tags` list ([{Key, Value}]) or a SAM/SSM tag map. */
export function tagsOf(node: RawNode | undefined): Record<string, string> | undefined {
  if (!node) return undefined;
  const tags: Record<string, string> = {};
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const k = rawEntry(item, 'Key')?.value;
      const v = rawEntry(item, 'Value')?.value;
      if (k?.kind === 'scalar' && !k.tag && v?.kind === 'scalar' && !v.tag && k.value !== null && v.value !== null) tags[String(k.value)] = String(v.value);
    }
  } else if (node.kind === 'map' && !intrinsicOf(node)) {
    for (const e of node.entries) if (e.value.kind === 'scalar' && !e.value.tag && e.value.value !== null) tags[e.key] = String(e.value.value);
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

export type { Range };
