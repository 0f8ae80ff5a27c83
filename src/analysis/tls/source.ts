import ts from 'typescript';
import type { Detection } from '../types.js';
import { fillMessage, isInsecureValue, loadTlsKnowledge, type TlsKnowledge, type VerificationCheck } from './knowledge.js';
import { isIgnoredFile, remoteHttpHost } from './urls.js';

/**
 * require-tls in TypeScript/JavaScript: certificate verification switched off in options
 * (`rejectUnauthorized: false` in an https/tls/axios/pg/mysql/redis options object, or assigned),
 * `NODE_TLS_REJECT_UNAUTHORIZED` set to 0 (assigned to process.env, an IaC `environment` key, a
 * command string), and string literals that are plain-HTTP URLs to remote hosts.
 *
 * `relPath` is the path the ignore patterns of rules/tls/urls.yaml are matched against (test code
 * is exempt from the URL check: it talks to mocks).
 */
export function checkTlsInSource(sourceFile: ts.SourceFile, relPath: string, knowledge: TlsKnowledge = loadTlsKnowledge()): Detection[] {
  const out: Detection[] = [];
  const urlsChecked = !isIgnoredFile(relPath, knowledge.urls);
  const optionChecks = knowledge.checks.filter((c) => c.kind === 'option');
  const envChecks = knowledge.checks.filter((c) => c.kind === 'env');
  const span = (n: ts.Node): [number, number] => [n.getStart(sourceFile), n.getEnd()];

  const report = (check: VerificationCheck, name: string, valueNode: ts.Node, value: string | number | boolean, at: ts.Node) => {
    const replacement = check.kind === 'option' ? 'true' : undefined;
    out.push({
      ruleId: 'require-tls',
      message: fillMessage(check.message, { name, value: String(value) }),
      range: span(at),
      data: { check: check.id },
      suggestions: replacement
        ? [{ message: `Turn certificate verification back on (${name}: ${replacement})`, edits: [{ range: span(valueNode), text: replacement }] }]
        : undefined,
    });
  };

  const setting = (name: string, valueNode: ts.Expression, at: ts.Node) => {
    const value = literalOf(valueNode);
    if (value === undefined) return;
    for (const check of [...optionChecks, ...envChecks]) {
      if (check.names.includes(name) && isInsecureValue(check, value)) report(check, name, valueNode, value, at);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name) setting(name, node.initializer, node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = assignedName(node.left);
      if (name) setting(name, node.right, node);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      checkString(node);
    }
    ts.forEachChild(node, visit);
  };

  const checkString = (node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead) => {
    const literalNode = ts.isTemplateHead(node) ? node.parent : node;
    if (!isValuePosition(literalNode)) return;
    const text = node.text;
    for (const check of envChecks) {
      for (const name of check.names) {
        const m = new RegExp(`(?:^|\\s|;|&)${name}=(\\S+)`).exec(text);
        if (m && isInsecureValue(check, m[1]!)) report(check, name, literalNode, m[1]!, literalNode);
      }
    }
    if (!urlsChecked) return;
    const host = remoteHttpHost(text, knowledge.urls);
    if (!host) return;
    const start = literalNode.getStart(sourceFile) + 1; // after the opening quote or backtick
    out.push({
      ruleId: 'require-tls',
      message: fillMessage(knowledge.urls.message, { host }),
      range: span(literalNode),
      data: { check: 'http-url', host },
      suggestions: [{ message: 'Use https://', edits: [{ range: [start, start + 'http://'.length], text: 'https://' }] }],
    });
  };

  visit(sourceFile);
  return out;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : undefined;
}

/** `x.rejectUnauthorized = …`, `process.env.NODE_TLS_REJECT_UNAUTHORIZED = …`, `process.env['…'] = …` */
function assignedName(left: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(left)) return left.name.text;
  if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) return left.argumentExpression.text;
  return undefined;
}

function literalOf(expr: ts.Expression): string | number | boolean | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isStringLiteralLike(expr)) return expr.text;
  // `!1` / `!0`, the minifier's booleans.
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(expr.operand)) return Number(expr.operand.text) === 0;
  return undefined;
}

/**
 * Whether a string is used as a value (an argument, an initializer, a property) rather than as
 * a module name, a type, or one side of a comparison or a string test (`url.startsWith('http://…')`).
 */
function isValuePosition(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isLiteralTypeNode(parent)) return false;
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression;
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) return false;
    if (ts.isPropertyAccessExpression(callee) && /^(?:startsWith|endsWith|includes|indexOf|replace|replaceAll|match|test|split)$/.test(callee.name.text)) return false;
  }
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return false;
  }
  if (ts.isCaseClause(parent)) return false;
  // `new URL(path, 'http://vite.dev')`: the base a relative path is resolved against, not a request
  if (ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'URL' && parent.arguments?.[1] === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  return true;
}
