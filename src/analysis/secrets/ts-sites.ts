import ts from 'typescript';
import type { SecretArgument } from './knowledge.js';

/**
 * Where a string literal in TS/JS sits, as far as secrets go: the name it is assigned to
 * (variable, property, class field, default parameter, assignment target, JSX attribute, header
 * name), through wrappers that do not change the value (`as const`, `x ?? 'fallback'`, a
 * condition, `SecretValue.unsafePlainText(…)`).
 */
export interface LiteralSite {
  name: string;
  context: 'code' | 'env-var' | 'ssm-parameter';
  /** Known from the call it is passed to (`jwt.sign(payload, '…')`), whatever the name says. */
  kind?: string;
  env?: string;
}

const HEADER_SETTERS = new Set(['set', 'setHeader', 'append', 'header', 'setRequestHeader', 'add']);
const PLAIN_SECRET_CALLS = new Set(['unsafePlainText', 'plainText']);
/** `Buffer.from('…', 'hex')`, `new TextEncoder().encode('…')`: the same value as bytes. */
const BYTE_CONVERSIONS = new Set(['from', 'encode', 'fromString', 'utf8ToBytes']);
const ENV_KEYS = new Set(['environment', 'env', 'variables', 'environmentVariables']);

export function propertyNameText(name: ts.PropertyName | ts.BindingName | ts.JsxAttributeName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  if (ts.isJsxNamespacedName(name)) return name.name.text;
  return undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function targetName(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

/** The value this literal gives to something, climbing through value-preserving wrappers. */
function valueHolder(literal: ts.Expression): { node: ts.Node; parent: ts.Node; plainSecret: boolean } {
  let node: ts.Node = literal;
  let plainSecret = false;
  for (;;) {
    const parent = node.parent;
    if (!parent) return { node, parent: node, plainSecret };
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent)
    ) {
      node = parent;
      continue;
    }
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === node &&
      (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    ) {
      node = parent;
      continue;
    }
    if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      node = parent;
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
      const callee = calleeName(parent) ?? '';
      if (PLAIN_SECRET_CALLS.has(callee) || BYTE_CONVERSIONS.has(callee)) {
        plainSecret ||= PLAIN_SECRET_CALLS.has(callee);
        node = parent;
        continue;
      }
    }
    return { node, parent, plainSecret };
  }
}

function inEnvironmentBlock(object: ts.Node): boolean {
  const holder = object.parent;
  return !!holder && ts.isPropertyAssignment(holder) && ENV_KEYS.has(propertyNameText(holder.name) ?? '');
}

/** CDK `new ssm.StringParameter(this, 'Id', { parameterName, stringValue })` and `CfnParameter`. */
function ssmParameterName(assignment: ts.PropertyAssignment): string | undefined | null {
  const key = propertyNameText(assignment.name);
  if (key !== 'stringValue' && key !== 'value') return undefined;
  const object = assignment.parent;
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const construct = object.parent;
  if (!construct || !ts.isNewExpression(construct) || !/Parameter$/.test(calleeName(construct) ?? '')) return undefined;
  const sibling = (name: string) => {
    const p = object.properties.find((q) => ts.isPropertyAssignment(q) && propertyNameText(q.name) === name);
    return p && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
  };
  if (sibling('type') === 'SecureString') return null;
  const id = construct.arguments?.[1];
  return sibling('parameterName') ?? sibling('name') ?? (id && ts.isStringLiteralLike(id) ? id.text : undefined) ?? null;
}

/** Names and context of a string literal, or undefined when it is not assigned to anything named. */
export function literalSite(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, secretArguments: readonly SecretArgument[] = []): LiteralSite | undefined {
  const { node, parent, plainSecret } = valueHolder(literal);
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node && secretArguments.length > 0) {
    const callee = calleeName(parent);
    const index = parent.arguments?.indexOf(node as ts.Expression) ?? -1;
    const known = secretArguments.find((a) => a.call === callee && a.index === index);
    if (known) return { name: `${parent.expression.getText().slice(0, 40)}()`, context: 'code', kind: known.kind, env: known.env };
  }
  const fallback = plainSecret ? { name: 'secret', context: 'code' as const } : undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    return ts.isIdentifier(parent.name) ? { name: parent.name.text, context: 'code' } : fallback;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const ssm = ssmParameterName(parent);
    if (ssm === null) return undefined;
    if (ssm !== undefined) return { name: ssm, context: 'ssm-parameter' };
    const name = propertyNameText(parent.name);
    if (name === undefined) return fallback;
    return { name, context: inEnvironmentBlock(parent.parent) ? 'env-var' : 'code' };
  }
  if ((ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isEnumMember(parent) || ts.isBindingElement(parent)) && parent.initializer === node) {
    const name = ts.isBindingElement(parent) ? parent.name : parent.name;
    const text = propertyNameText(name as ts.PropertyName);
    return text !== undefined ? { name: text, context: 'code' } : fallback;
  }
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = targetName(parent.left);
    return name !== undefined ? { name, context: 'code' } : fallback;
  }
  if (ts.isJsxAttribute(parent)) {
    const name = propertyNameText(parent.name);
    return name !== undefined ? { name, context: 'code' } : fallback;
  }
  if (ts.isCallExpression(parent) && parent.arguments[1] === node && HEADER_SETTERS.has(calleeName(parent) ?? '')) {
    const header = parent.arguments[0];
    if (header && ts.isStringLiteralLike(header)) return { name: header.text, context: 'code' };
  }
  return fallback;
}

/** String literals whose value cannot be a secret: module specifiers, types, directives. */
export function isNonValueLiteral(literal: ts.Node): boolean {
  const parent = literal.parent;
  if (!parent) return true;
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isImportTypeNode(parent) ||
    (ts.isCallExpression(parent) && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require')))
  );
}

/** The innermost string literal or template part containing `offset`, if any. */
export function literalAt(sourceFile: ts.SourceFile, offset: number): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode | undefined {
  let found: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.pos || offset >= node.end) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (offset >= node.getStart(sourceFile)) found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
