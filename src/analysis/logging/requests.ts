import ts from 'typescript';
import type { LoggingKnowledge } from './knowledge.js';
import { moduleRefOf } from './modules.js';
import { scopeIndex } from './scope.js';

/**
 * Recognises the parameters that receive request input (rules/logging/sources.yaml): route
 * callbacks (`app.post('/x', (req, res) => …)`), exported handlers (`export const handler =
 * async (event) => …`, Next.js `export async function POST(request)`), parameters typed as a
 * request (`req: FastifyRequest`, `event: APIGatewayProxyEvent`), and NestJS parameter decorators.
 */
export interface RequestParam {
  /** `request` for a whole request object, `request-data` for a decorated body/query/… */
  kind: 'request' | 'request-data';
  label: string;
}

export function requestParam(param: ts.ParameterDeclaration, k: LoggingKnowledge): RequestParam | undefined {
  const decorated = decoratorSource(param, k);
  if (decorated) return decorated;
  const fn = param.parent;
  if (!ts.isFunctionLike(fn)) return undefined;
  const index = fn.parameters.indexOf(param);
  const name = ts.isIdentifier(param.name) ? param.name.text : undefined;
  const typeName = typeNameOf(param.type);
  if (typeName) {
    if (isLambdaContextType(param, typeName)) return undefined;
    if (k.requestTypes.has(typeName)) return { kind: 'request', label: wholeLabel(name, typeName) };
    // an explicit, different type annotation (`ctx: JobContext`) overrides the name
    if (!/^(?:any|unknown|object)$/.test(typeName)) return undefined;
  }
  const resolverArgs = graphqlResolverArgs(fn, index, k);
  if (resolverArgs) return resolverArgs;
  // tRPC-style `({ input, ctx }) => …` in a route position: the destructured object is the request
  if (!name && index === 0 && ts.isObjectBindingPattern(param.name) && isRouteCallback(fn, k)) return { kind: 'request', label: 'the whole request' };
  if (!name || !k.requestParams.has(name)) return undefined;
  // Lambda's second parameter is the invocation context, not input
  if (index > 0 && /^(?:ctx|context|c)$/.test(name)) return undefined;
  if (isRouteCallback(fn, k) || isExportedHandler(fn, k)) return { kind: 'request', label: wholeLabel(name, typeName) };
  return undefined;
}

function wholeLabel(name: string | undefined, typeName: string | undefined): string {
  if (typeName && /Event|Record/.test(typeName)) return 'the whole event';
  if (name && /^(?:event|evt|apiEvent)$/.test(name)) return 'the whole event';
  if (name && /^(?:ctx|context|c)$/.test(name)) return 'the whole request context';
  return 'the whole request';
}

function decoratorSource(param: ts.ParameterDeclaration, k: LoggingKnowledge): RequestParam | undefined {
  const decorators = ts.canHaveDecorators(param) ? (ts.getDecorators(param) ?? []) : [];
  for (const d of decorators) {
    const e = d.expression;
    const callee = ts.isCallExpression(e) ? e.expression : e;
    if (!ts.isIdentifier(callee)) continue;
    const label = k.sources.decorators[callee.text];
    if (!label) continue;
    // `@Param('id') id` and `@Query('page') page` read one safe field
    if (ts.isCallExpression(e) && e.arguments.length > 0 && ts.isStringLiteralLike(e.arguments[0]!)) {
      const field = e.arguments[0].text;
      if (isSafeField(field, k)) return undefined;
    }
    if (label === 'request') return { kind: 'request', label: 'the whole request' };
    return { kind: 'request-data', label };
  }
  return undefined;
}

export function typeNameOf(type: ts.TypeNode | undefined): string | undefined {
  if (!type) return undefined;
  if (ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  if (type.kind === ts.SyntaxKind.AnyKeyword) return 'any';
  if (type.kind === ts.SyntaxKind.UnknownKeyword) return 'unknown';
  if (type.kind === ts.SyntaxKind.ObjectKeyword) return 'object';
  if (ts.isTypeLiteralNode(type)) return 'object';
  return undefined;
}

/** `context: Context` imported from aws-lambda (or any `Context` second parameter of an event handler). */
function isLambdaContextType(param: ts.ParameterDeclaration, typeName: string): boolean {
  if (typeName !== 'Context') return false;
  const ref = param.type && ts.isTypeReferenceNode(param.type) && ts.isIdentifier(param.type.typeName) ? param.type.typeName : undefined;
  if (ref) {
    const decl = scopeIndex(param.getSourceFile()).resolve(ref);
    const module = decl ? moduleRefOf(decl)?.module : undefined;
    if (module === 'aws-lambda' || module?.startsWith('@types/aws-lambda')) return true;
  }
  const fn = param.parent as ts.SignatureDeclaration;
  return fn.parameters.indexOf(param) > 0;
}

export function isSafeField(field: string, k: LoggingKnowledge): boolean {
  if (k.safeFields.has(field.toLowerCase())) return true;
  if (k.safeFieldPatterns.some((p) => p.test(field))) return true;
  return /(?:^|[_\-.\s]|[a-z])(?:id|Id|ID|ids|Ids|IDs|uuid|Uuid|UUID)$/.test(field) || /^(?:id|ids|uuid)$/i.test(field);
}

/**
 * GraphQL resolver maps (`{ Mutation: { createUser: (parent, args, ctx) => … } }`): the
 * arguments parameter is request input.
 */
function graphqlResolverArgs(fn: ts.SignatureDeclaration, index: number, k: LoggingKnowledge): RequestParam | undefined {
  if (index !== k.sources.resolvers.argumentsIndex) return undefined;
  const holder = ts.isMethodDeclaration(fn) ? fn : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  const map = holder?.parent;
  if (!map || !ts.isObjectLiteralExpression(map) || !ts.isPropertyAssignment(map.parent)) return undefined;
  const key = map.parent.name;
  if (!(ts.isIdentifier(key) || ts.isStringLiteralLike(key)) || !k.sources.resolvers.rootTypes.includes(key.text)) return undefined;
  return { kind: 'request-data', label: 'GraphQL arguments' };
}

/** A function passed to `app.get(...)`, `router.post(...)`, `fastify.route({ handler })`, possibly wrapped once (`asyncHandler(fn)`). */
function isRouteCallback(fn: ts.SignatureDeclaration, k: LoggingKnowledge): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let node: ts.Node = fn;
  for (let depth = 0; depth < 3; depth++) {
    const parent = node.parent;
    if (!parent) return false;
    if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && (k.handlerNames.has(parent.name.text) || k.routeMethods.has(parent.name.text))) {
      node = parent.parent;
      continue;
    }
    if (ts.isObjectLiteralExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
      const callee = parent.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (method && k.routeMethods.has(method) && ts.isPropertyAccessExpression(callee)) return true;
      node = parent;
      continue;
    }
    return false;
  }
  return false;
}

/** `export const handler = async (event) => …`, `export async function POST(request)`, `export default function handler(req, res)`. */
function isExportedHandler(fn: ts.SignatureDeclaration, k: LoggingKnowledge): boolean {
  if (ts.isFunctionDeclaration(fn)) {
    const exported = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const isDefault = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    return exported && (isDefault || (fn.name !== undefined && k.handlerNames.has(fn.name.text)));
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let node: ts.Node = fn;
  for (let depth = 0; depth < 3; depth++) {
    const parent = node.parent;
    if (!parent) return false;
    if (ts.isExportAssignment(parent)) return true;
    // exports.handler = async (event) => …; module.exports.handler = …; module.exports = async (event) => …
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
      const target = parent.left.getText().replace(/\s+/g, '');
      const m = /^(?:module\.)?exports(?:\.([A-Za-z_$][\w$]*))?$/.exec(target);
      return m !== null && (m[1] === undefined || k.handlerNames.has(m[1]));
    }
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      return k.handlerNames.has(parent.name.text) || /Handler$/.test(typeNameOf(parent.type) ?? '');
    }
    if (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) {
      node = parent;
      continue;
    }
    return false;
  }
  return false;
}
