import ts from 'typescript';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Range } from '../../types.js';

/**
 * A template's syntax, the same for YAML and JSON: mappings, sequences and scalars with their
 * source ranges, and the YAML short-form tag (`!Ref`, `!Sub`…) where there is one. Intrinsic
 * functions are interpreted once, over this tree (template.ts), whichever syntax they came in.
 */
export type RawNode =
  | { kind: 'scalar'; value: string | number | boolean | null; range: Range; tag?: string }
  | { kind: 'map'; entries: RawEntry[]; range: Range; tag?: string }
  | { kind: 'seq'; items: RawNode[]; range: Range; tag?: string };

export interface RawEntry {
  key: string;
  keyRange: Range;
  value: RawNode;
}

export function rawEntry(node: RawNode | undefined, key: string): RawEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}

export function rawAt(node: RawNode | undefined, path: readonly string[]): RawNode | undefined {
  let current = node;
  for (const key of path) {
    current = rawEntry(current, key)?.value;
    if (!current) return undefined;
  }
  return current;
}

export function rawString(node: RawNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null && !node.tag ? String(node.value) : undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML

const SHORT_TAG = /^!(?:Ref|Condition|GetAtt|Sub|If|Join|Select|Split|FindInMap|ImportValue|Base64|Cidr|Equals|And|Or|Not|GetAZs|Transform|Length|ToJsonString)$/;

/** A YAML document as a raw tree; anchors and aliases are followed (depth-limited). */
export function rawFromYaml(doc: Document, text: string): RawNode | undefined {
  const seen = new Set<YamlNode>();
  const convert = (node: unknown, fallback: Range, depth: number): RawNode => {
    let n = node;
    if (isAlias(n)) n = n.resolve(doc);
    if (n === null || n === undefined || depth > 64) return { kind: 'scalar', value: null, range: fallback };
    const yamlNode = n as YamlNode;
    const tag = yamlNode.tag && SHORT_TAG.test(yamlNode.tag) ? yamlNode.tag : undefined;
    const range: Range = yamlNode.range ? [tag ? tagStart(text, tag, yamlNode.range[0]) : yamlNode.range[0], yamlNode.range[1]] : fallback;
    if (isMap(n)) {
      if (seen.has(n)) return { kind: 'scalar', value: null, range };
      seen.add(n);
      const entries: RawEntry[] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (isScalar(k) && k.value === '<<') {
          // YAML merge key: the aliased mapping's entries, overridden by explicit keys.
          const merged = convert(pair.value, range, depth + 1);
          if (merged.kind === 'map') entries.push(...merged.entries.filter((e) => !n.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === e.key)));
          continue;
        }
        const keyRange: Range = isScalar(k) && k.range ? [k.range[0], k.range[1]] : range;
        const keyText = isScalar(k) ? String(k.value) : String(k);
        entries.push({ key: keyText, keyRange, value: convert(pair.value, [keyRange[1], keyRange[1]], depth + 1) });
      }
      seen.delete(n);
      return { kind: 'map', entries, range, tag };
    }
    if (isSeq(n)) return { kind: 'seq', items: n.items.map((i) => convert(i, range, depth + 1)), range, tag };
    if (isScalar(n)) {
      const v = n.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
      return { kind: 'scalar', value, range, tag };
    }
    return { kind: 'scalar', value: null, range };
  };
  if (!doc.contents) return undefined;
  return convert(doc.contents, [0, 0], 0);
}

/** The yaml package's range starts after the tag; a finding should point at `!Ref X`, tag included. */
function tagStart(text: string, tag: string, valueStart: number): number {
  const at = text.lastIndexOf(tag, valueStart);
  return at >= 0 && /^\s*$/.test(text.slice(at + tag.length, valueStart)) ? at : valueStart;
}

// ---------------------------------------------------------------------------------------------
// JSON

export function rawFromJson(source: ts.JsonSourceFile): RawNode | undefined {
  const statement = source.statements[0];
  if (!statement) return undefined;
  const convert = (node: ts.Expression): RawNode => {
    const range: Range = [node.getStart(source), node.end];
    if (ts.isObjectLiteralExpression(node)) {
      const entries: RawEntry[] = [];
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = p.name;
        const key = ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name) ? name.text : name.getText(source);
        entries.push({ key, keyRange: [name.getStart(source), name.end], value: convert(p.initializer) });
      }
      return { kind: 'map', entries, range };
    }
    if (ts.isArrayLiteralExpression(node)) return { kind: 'seq', items: node.elements.map(convert), range };
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: 'scalar', value: node.text, range };
    if (ts.isNumericLiteral(node)) return { kind: 'scalar', value: Number(node.text), range };
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand))
      return { kind: 'scalar', value: -Number(node.operand.text), range };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'scalar', value: true, range };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'scalar', value: false, range };
    return { kind: 'scalar', value: null, range };
  };
  return convert((statement as ts.ExpressionStatement).expression);
}
