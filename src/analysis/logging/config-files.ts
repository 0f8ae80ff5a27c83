import ts from 'typescript';
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Detection, Range } from '../types.js';
import type { LoggingKnowledge } from './knowledge.js';
import {
  environmentAt,
  environmentOfPath,
  isDebugNamespace,
  isDebugValue,
  isLevelKey,
  isWholesaleSetting,
  type Environment,
} from './production.js';

const RULE = 'no-sensitive-logging' as const;

/**
 * Logger settings in configuration files (`.env*`, JSON, YAML — serverless.yml, SAM and
 * CloudFormation templates, config/production.json): `POWERTOOLS_LOGGER_LOG_EVENT=true`
 * anywhere but development/test, and debug logging in a production file or stage.
 */

interface Setting {
  key: string;
  /** Keys from the document root to this one's parent. */
  parents: readonly string[];
  value: unknown;
  range: Range;
}

function judge(settings: Iterable<Setting>, fileEnv: Environment, k: LoggingKnowledge): Detection[] {
  const out: Detection[] = [];
  for (const s of settings) {
    const env = environmentAt(s.parents, fileEnv, k);
    if (env === 'non-production') continue;
    const parent = s.parents[s.parents.length - 1];
    if (isWholesaleSetting(s.key, s.value, k)) {
      out.push({ ruleId: RULE, range: s.range, message: `${s.key}=${String(s.value)} makes the Powertools logger print every event whole (request bodies, headers, tokens): remove it and log ids and event types instead` });
      continue;
    }
    if (env !== 'production') continue;
    // `logLevel: { prod: debug }` — the stage key is the setting's own key
    const levelKey = isLevelKey(s.key, parent, k) || (parent !== undefined && isLevelKey(parent, s.parents[s.parents.length - 2], k));
    if (levelKey && isDebugValue(s.value, k)) {
      out.push({ ruleId: RULE, range: s.range, message: `Debug logging switched on in production configuration (${s.key}: ${String(s.value)}): debug logging must be restricted in production` });
    } else if (isDebugNamespace(s.key, s.value, k)) {
      out.push({ ruleId: RULE, range: s.range, message: `${s.key}=${String(s.value)} turns on debug output in production configuration: debug logging must be restricted in production` });
    }
  }
  return out;
}

/** `KEY=value` lines of a dotenv file. */
export function detectEnvFile(relPath: string, text: string, k: LoggingKnowledge): Detection[] {
  const settings: Setting[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(line.replace(/\r$/, ''));
    if (m) {
      let value = m[2]!.replace(/\s+#.*$/, '');
      if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
      const start = offset + line.indexOf(m[1]!);
      settings.push({ key: m[1]!, parents: [], value, range: [start, offset + line.replace(/\r$/, '').length] });
    }
    offset += line.length + 1;
  }
  return judge(settings, environmentOfPath(relPath, k), k);
}

/** Every key/value of a JSON document, with positions. */
export function detectJsonFile(relPath: string, json: ts.JsonSourceFile, k: LoggingKnowledge): Detection[] {
  const settings: Setting[] = [];
  const walk = (node: ts.Expression, parents: string[]): void => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isStringLiteralLike(p.name) || ts.isIdentifier(p.name))) continue;
        const key = p.name.text;
        const v = p.initializer;
        const value = ts.isStringLiteralLike(v) ? v.text : v.kind === ts.SyntaxKind.TrueKeyword ? true : v.kind === ts.SyntaxKind.FalseKeyword ? false : ts.isNumericLiteral(v) ? Number(v.text) : undefined;
        if (value !== undefined) settings.push({ key, parents, value, range: [p.getStart(json), p.getEnd()] });
        else walk(v, [...parents, key]);
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const el of node.elements) walk(el, parents);
    }
  };
  const root = json.statements[0]?.expression;
  if (root) walk(root, []);
  return judge(settings, environmentOfPath(relPath, k), k);
}

/** Every key/value of YAML documents (CloudFormation tags like `!Ref` leave non-scalars alone). */
export function detectYamlDocs(relPath: string, docs: readonly Document[], k: LoggingKnowledge): Detection[] {
  const settings: Setting[] = [];
  const walk = (node: unknown, parents: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const value = pair.value;
        if (isScalar(value)) {
          const keyNode = pair.key as YamlNode;
          const start = keyNode.range?.[0] ?? 0;
          const end = value.range?.[1] ?? start;
          settings.push({ key, parents, value: value.value, range: [start, end] });
        } else walk(value, [...parents, key]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, parents);
    }
  };
  for (const doc of docs) walk(doc.contents, []);
  return judge(settings, environmentOfPath(relPath, k), k);
}
