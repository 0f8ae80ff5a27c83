import ts from 'typescript';
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ScannedFile } from '../../scanner/scanned-file.js';
import type { Detection, Range } from '../types.js';
import { fillMessage, isInsecureValue, loadTlsKnowledge, type TlsKnowledge } from './knowledge.js';
import { isIgnoredFile, remoteHttpHost } from './urls.js';

/**
 * require-tls in configuration: `.env` files, YAML (app config, docker-compose, serverless.yml,
 * CloudFormation environments, OpenAPI servers) and JSON (node-config, package.json scripts).
 * The same checks as in code: verification switched off, NODE_TLS_REJECT_UNAUTHORIZED=0, and
 * plain-HTTP URLs to remote hosts as config values.
 */
export function checkTlsInConfig(file: ScannedFile, knowledge: TlsKnowledge = loadTlsKnowledge()): Detection[] {
  const sink = new ConfigChecks(knowledge, !isIgnoredFile(file.relPath, knowledge.urls));
  switch (file.kind) {
    case 'env':
      sink.env(file.text);
      break;
    case 'yaml':
      for (const doc of file.yaml.docs) if (doc.contents) sink.yaml(doc.contents as YamlNode, undefined);
      break;
    case 'json':
      if (file.json.statements[0]) sink.json(file.json.statements[0].expression, undefined, file.json);
      break;
    default:
      break;
  }
  return sink.out;
}

class ConfigChecks {
  readonly out: Detection[] = [];

  constructor(
    private readonly k: TlsKnowledge,
    private readonly urls: boolean,
  ) {}

  /** A `key: value` setting (key undefined for list items). */
  setting(key: string | undefined, value: string | number | boolean | null, valueRange: Range, whole: Range): void {
    // A docker-compose style list item `KEY=value` is a setting too.
    const listed = key === undefined && typeof value === 'string' ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(value) : null;
    if (listed) {
      const start = valueRange[0] + listed[1]!.length + 1;
      this.setting(listed[1], listed[2]!, [start, start + listed[2]!.length], whole);
      return;
    }
    if (key !== undefined) {
      for (const check of this.k.checks) {
        if (check.names.includes(key) && isInsecureValue(check, value)) {
          this.out.push({ ruleId: 'require-tls', message: fillMessage(check.message, { name: key, value: String(value) }), range: whole, data: { check: check.id } });
          return;
        }
      }
      if (this.k.urls.ignoreKeys.includes(key)) return;
    }
    if (typeof value !== 'string') return;
    for (const check of this.k.checks.filter((c) => c.kind === 'env')) {
      for (const name of check.names) {
        const m = new RegExp(`(?:^|\\s|;|&)${name}=(\\S+)`).exec(value);
        if (m && isInsecureValue(check, m[1]!)) {
          this.out.push({ ruleId: 'require-tls', message: fillMessage(check.message, { name, value: m[1]! }), range: valueRange, data: { check: check.id } });
          return;
        }
      }
    }
    if (!this.urls) return;
    const host = remoteHttpHost(value, this.k.urls);
    if (host) this.out.push({ ruleId: 'require-tls', message: fillMessage(this.k.urls.message, { host }), range: valueRange, data: { check: 'http-url', host } });
  }

  env(text: string): void {
    const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*)$/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const key = m[1]!;
      let raw = m[2]!.replace(/[ \t]+#.*$/, '').trimEnd();
      let offset = m.index + m[0].length - m[2]!.length;
      let quote = 0;
      if (/^(['"]).*\1$/.test(raw)) {
        raw = raw.slice(1, -1);
        offset += 1;
        quote = 1;
      }
      this.setting(key, raw, [offset, offset + raw.length], [m.index + m[0].indexOf(key), offset + raw.length + quote]);
    }
  }

  yaml(node: YamlNode, key: string | undefined): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const v = pair.value as YamlNode | null;
        if (!v) continue;
        if (isScalar(v) && v.range) {
          const keyStart = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : v.range[0];
          this.setting(k, scalarValue(v.value), [v.range[0], v.range[1]], [keyStart, v.range[1]]);
        } else this.yaml(v, k);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const n = item as YamlNode;
        if (isScalar(n) && n.range) this.setting(undefined, scalarValue(n.value), [n.range[0], n.range[1]], [n.range[0], n.range[1]]);
        else if (n) this.yaml(n, key);
      }
    }
  }

  json(node: ts.Expression, key: string | undefined, sf: ts.JsonSourceFile): void {
    const range = (n: ts.Node): Range => [n.getStart(sf), n.getEnd()];
    if (ts.isObjectLiteralExpression(node)) {
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const k = ts.isStringLiteral(p.name) || ts.isIdentifier(p.name) ? p.name.text : undefined;
        const value = jsonScalar(p.initializer);
        if (value !== undefined) {
          const r = range(p.initializer);
          this.setting(k, value, ts.isStringLiteral(p.initializer) ? [r[0] + 1, r[1] - 1] : r, range(p));
        } else this.json(p.initializer, k, sf);
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const e of node.elements) {
        const value = jsonScalar(e);
        if (value !== undefined) this.setting(undefined, value, range(e), range(e));
        else this.json(e, key, sf);
      }
    }
  }
}

function scalarValue(v: unknown): string | number | boolean | null {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function jsonScalar(e: ts.Expression): string | number | boolean | null | undefined {
  if (ts.isStringLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}
