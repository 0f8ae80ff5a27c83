import ts from 'typescript';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

/**
 * JSON and YAML documents as one small tree, so the name-based detector walks config files,
 * docker-compose, serverless.yml, SAM and CloudFormation templates the same way whatever the syntax.
 */
export type StructNode =
  | { type: 'map'; entries: Array<{ key: string; value: StructNode }> }
  | { type: 'seq'; items: StructNode[] }
  | { type: 'str'; value: string; start: number; end: number; tagged: boolean }
  | { type: 'other' };

const OTHER: StructNode = { type: 'other' };

export function fromYaml(doc: Document, text: string): StructNode {
  return yamlNode(doc.contents as YamlNode | null, text);
}

function yamlNode(node: YamlNode | null | undefined, text: string): StructNode {
  if (!node || isAlias(node)) return OTHER;
  if (isMap(node)) {
    const entries: Array<{ key: string; value: StructNode }> = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      entries.push({ key, value: yamlNode(pair.value as YamlNode | null, text) });
    }
    return { type: 'map', entries };
  }
  if (isSeq(node)) return { type: 'seq', items: node.items.map((i) => yamlNode(i as YamlNode | null, text)) };
  if (isScalar(node) && typeof node.value === 'string' && node.range) {
    const tagged = node.tag !== undefined && node.tag !== 'tag:yaml.org,2002:str' && !node.tag.endsWith(':str');
    let [start, end] = [node.range[0], node.range[1]];
    const first = text[start];
    if (first === '"' || first === "'") {
      start += 1;
      end -= 1;
    } else if (first === '|' || first === '>') {
      // Block scalars: the value starts on the next line; point at it when it is found verbatim.
      const at = text.indexOf(node.value.split('\n')[0] ?? '', start);
      start = at >= 0 && at < node.range[1] ? at : start;
    }
    return { type: 'str', value: node.value, start, end, tagged };
  }
  return OTHER;
}

export function fromJson(source: ts.JsonSourceFile): StructNode {
  const statement = source.statements[0];
  return statement ? jsonNode(statement.expression, source) : OTHER;
}

function jsonNode(node: ts.Expression, source: ts.SourceFile): StructNode {
  if (ts.isObjectLiteralExpression(node)) {
    const entries: Array<{ key: string; value: StructNode }> = [];
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = ts.isStringLiteral(p.name) || ts.isIdentifier(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
      if (key !== undefined) entries.push({ key, value: jsonNode(p.initializer, source) });
    }
    return { type: 'map', entries };
  }
  if (ts.isArrayLiteralExpression(node)) return { type: 'seq', items: node.elements.map((e) => jsonNode(e, source)) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { type: 'str', value: node.text, start: node.getStart(source) + 1, end: node.end - 1, tagged: false };
  }
  return OTHER;
}

/** A name and the literal string assigned to it somewhere in a document. */
export interface NamedValue {
  name: string;
  value: string;
  start: number;
  end: number;
  context: 'code' | 'env-var' | 'ssm-parameter';
}

const ENV_KEYS = new Set(['environment', 'env', 'variables', 'envvars', 'environmentvariables', 'env_vars']);
const PAIR_NAMES = ['name', 'Name', 'key', 'Key', 'ParameterKey', 'OptionName'];
const PAIR_VALUES = ['value', 'Value', 'ParameterValue'];

function entry(node: StructNode, key: string): StructNode | undefined {
  return node.type === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

function str(node: StructNode | undefined): string | undefined {
  return node?.type === 'str' && !node.tagged ? node.value : undefined;
}

/**
 * Every (name, literal) pair worth judging: map entries, `{name, value}` pairs (ECS, Kubernetes,
 * Elastic Beanstalk), `KEY=value` items (docker-compose environment lists) and plain-text SSM
 * parameters (CloudFormation `AWS::SSM::Parameter`, named by their Name or logical id).
 */
export function namedValues(root: StructNode): NamedValue[] {
  const out: NamedValue[] = [];
  const push = (name: string, node: StructNode | undefined, context: NamedValue['context'], valueOffset = 0) => {
    if (node?.type !== 'str' || node.tagged) return;
    out.push({ name, value: node.value.slice(valueOffset), start: node.start + valueOffset, end: node.end, context });
  };

  const walk = (node: StructNode, path: string[]) => {
    const inEnv = path.some((p) => ENV_KEYS.has(p.toLowerCase()));
    const context = inEnv ? 'env-var' : 'code';
    if (node.type === 'map') {
      const type = str(entry(node, 'Type'));
      const props = entry(node, 'Properties');
      if (type === 'AWS::SSM::Parameter' && props) {
        const paramType = str(entry(props, 'Type'));
        const name = entry(props, 'Name');
        // A `!Sub '/app/${Stage}/db-password'` name still says what the value is.
        const paramName = name?.type === 'str' ? name.value : path[path.length - 1]?.replace(/Param(?:eter)?$/, '');
        if (paramType !== 'SecureString') push(paramName ?? 'parameter', entry(props, 'Value'), 'ssm-parameter');
        for (const e of (props.type === 'map' ? props.entries : []).filter((e) => e.key !== 'Value')) walk(e.value, [...path, 'Properties', e.key]);
        return;
      }
      const pairName = PAIR_NAMES.map((k) => str(entry(node, k))).find((v) => v !== undefined);
      const pairValueKey = PAIR_VALUES.find((k) => entry(node, k)?.type === 'str');
      if (pairName && pairValueKey) push(pairName, entry(node, pairValueKey), context);
      for (const e of node.entries) {
        if (e.value.type === 'str') {
          if (!(pairName && e.key === pairValueKey)) push(e.key, e.value, context);
        } else walk(e.value, [...path, e.key]);
      }
    } else if (node.type === 'seq') {
      for (const item of node.items) {
        if (item.type === 'str' && !item.tagged) {
          const m = /^([A-Za-z_][A-Za-z0-9_.-]*)=/.exec(item.value);
          if (m) push(m[1]!, item, context, m[0].length);
        } else walk(item, path);
      }
    }
  };
  walk(root, []);
  return out;
}
