import ts from 'typescript';
import type { Analyzer } from './analyzer.js';
import { calleePath, rootIdentifier, shortText } from './analyzer.js';
import type { LoggerKind } from './knowledge.js';
import { isPackageSpecifier, moduleRefOf, packageName } from './modules.js';
import { enclosingClass, scopeIndex, skipOuter } from './scope.js';
import { isSource } from './taint.js';

/** A logger a value is bound to. */
export interface LoggerInfo {
  id: string;
  /** The logger is itself a function (`debug('ns')` returns one). */
  callable: boolean;
  methods: ReadonlySet<string>;
  /** Paths its `redact` option removes from logged objects (pino). */
  redact: readonly string[];
  /** Recognised by name only (an import the analysis could not follow). */
  byName?: boolean;
}

/** A call that writes its arguments to a log. */
export interface Sink {
  /** How the call reads (`logger.info`, `console.log`, `this.logger.warn`). */
  label: string;
  redact: readonly string[];
}

const LOGGER_NAME = /^(?:log|logger|[a-z][A-Za-z0-9]*(?:Logger|Log))$/;
const LEVEL_METHODS = new Set(['info', 'warn', 'error', 'debug', 'trace', 'fatal', 'log', 'verbose', 'silly', 'http', 'critical', 'notice', 'warning']);

/**
 * Recognises loggers (rules/logging/sinks.yaml) by how they are bound: imported or required
 * from a logger package and created by its factory, a child of a logger, a request-scoped
 * logger (`req.log`), a class field or injected parameter typed as a logger, `console` — or,
 * across files, a project module's exported logger. A name like `logger` alone is not enough.
 */
export class LoggerRecognizer {
  private readonly memo = new Map<ts.Node, LoggerInfo | null>();
  private readonly inProgress = new Set<ts.Node>();
  private readonly consoleLogger: LoggerInfo;

  constructor(private readonly a: Analyzer) {
    this.consoleLogger = { id: 'console', callable: false, methods: a.k.consoleMethods, redact: [] };
  }

  sinkOf(call: ts.CallExpression): Sink | undefined {
    const callee = skipOuter(call.expression);
    const path = calleePath(callee);
    if (path && this.a.k.extraSinkNames.has(path)) return { label: path, redact: [] };
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const logger = this.loggerOf(callee.expression);
      if (logger && logger.methods.has(method)) return { label: shortText(callee), redact: logger.redact };
      if (this.isPackageSink(callee, method)) return { label: shortText(callee), redact: [] };
      return undefined;
    }
    if (ts.isIdentifier(callee)) {
      const logger = this.loggerOf(callee);
      if (logger?.callable) return { label: callee.text, redact: logger.redact };
      if (this.isPackageSink(callee, undefined)) return { label: callee.text, redact: [] };
    }
    return undefined;
  }

  /** `logging.sinks: [{ package: '@sentry/node', methods: [captureMessage] }]`. */
  private isPackageSink(callee: ts.Expression, method: string | undefined): boolean {
    if (this.a.k.packageSinks.length === 0) return false;
    const root = rootIdentifier(callee);
    const decl = root && this.a.resolveLocal(root);
    const ref = decl && moduleRefOf(decl);
    if (!ref) return false;
    const name = method ?? ref.imported;
    return this.a.k.packageSinks.some((p) => packageName(ref.module) === p.package || ref.module === p.package ? !p.methods || p.methods.includes(name) : false);
  }

  loggerOf(expr: ts.Expression): LoggerInfo | undefined {
    const e = skipOuter(expr);
    const hit = this.memo.get(e);
    if (hit !== undefined) return hit ?? undefined;
    if (this.inProgress.has(e)) return undefined;
    this.inProgress.add(e);
    let result: LoggerInfo | undefined;
    try {
      result = this.loggerOfUncached(e);
    } finally {
      this.inProgress.delete(e);
    }
    this.memo.set(e, result ?? null);
    return result;
  }

  private loggerOfUncached(e: ts.Expression): LoggerInfo | undefined {
    if (ts.isAwaitExpression(e)) return this.loggerOf(e.expression);
    if (ts.isIdentifier(e)) {
      const decl = this.a.resolve(e);
      if (!decl) return e.text === 'console' ? this.consoleLogger : undefined;
      return this.loggerOfDeclaration(decl, e);
    }
    if (ts.isPropertyAccessExpression(e)) return this.loggerOfMember(e);
    if (ts.isCallExpression(e)) return this.loggerOfCall(e);
    if (ts.isNewExpression(e)) return this.factoryLogger(e.expression, e.arguments?.[0]);
    if (ts.isConditionalExpression(e)) return this.loggerOf(e.whenTrue) ?? this.loggerOf(e.whenFalse);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return this.loggerOf(e.left) ?? this.loggerOf(e.right);
    }
    return undefined;
  }

  private loggerOfDeclaration(decl: ts.Node, id: ts.Identifier | undefined): LoggerInfo | undefined {
    if (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl) || (ts.isVariableDeclaration(decl) && moduleRefOf(decl)) || ts.isBindingElement(decl)) {
      const ref = moduleRefOf(decl as never);
      if (ref) {
        const kind = this.a.k.loggerPackages.get(packageName(ref.module));
        if (kind) return this.instanceLogger(kind, ref.imported);
        // an import we could not follow (the ESLint rule sees one file): judge by name
        if (this.a.options.loggerNameHeuristic && id && (!isPackageSpecifier(ref.module) || ref.module.includes('/')) && LOGGER_NAME.test(id.text)) {
          return { id: 'imported', callable: false, methods: LEVEL_METHODS, redact: [], byName: true };
        }
        return undefined;
      }
    }
    if (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) {
      const viaType = 'type' in decl ? this.typeLogger(decl.type) : undefined;
      if (viaType) return viaType;
      const fromInit = decl.initializer ? this.loggerOf(decl.initializer) : undefined;
      if (fromInit) return fromInit;
      if (ts.isVariableDeclaration(decl)) {
        for (const value of scopeIndex(decl.getSourceFile()).assignments(decl)) {
          const assigned = this.loggerOf(value);
          if (assigned) return assigned;
        }
      }
      return undefined;
    }
    if (ts.isParameter(decl)) return this.typeLogger(decl.type);
    if (ts.isExportAssignment(decl)) return this.loggerOf(decl.expression);
    if (ts.isShorthandPropertyAssignment(decl)) {
      const target = this.a.resolve(decl.name);
      return target && target !== decl ? this.loggerOfDeclaration(target, decl.name) : undefined;
    }
    return undefined;
  }

  private instanceLogger(kind: LoggerKind, imported: string): LoggerInfo | undefined {
    const isInstance = kind.instance === true ? imported === 'default' || imported === '*' || imported === kind.id : typeof kind.instance === 'string' && imported === kind.instance;
    if (!isInstance) return undefined;
    return { id: kind.id, callable: kind.callable ?? false, methods: new Set(kind.methods), redact: [] };
  }

  /** `logger: Logger` where Logger comes from a logger package (NestJS DI, typed fields). */
  private typeLogger(type: ts.TypeNode | undefined): LoggerInfo | undefined {
    if (!type || !ts.isTypeReferenceNode(type)) return undefined;
    const typeName = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    let root: ts.EntityName = type.typeName;
    while (ts.isQualifiedName(root)) root = root.left;
    const decl = scopeIndex(type.getSourceFile()).resolve(root);
    const ref = decl && moduleRefOf(decl);
    const kind = ref && this.a.k.loggerPackages.get(packageName(ref.module));
    if (!kind || !kind.types.includes(typeName)) return undefined;
    return { id: kind.id, callable: kind.callable ?? false, methods: new Set(kind.methods), redact: [] };
  }

  private loggerOfMember(e: ts.PropertyAccessExpression): LoggerInfo | undefined {
    const name = e.name.text;
    const base = skipOuter(e.expression);
    // req.log / request.log (pino-http, Fastify)
    if (this.a.k.sinks.requestLoggers.includes(name) && this.a.evaluate(base).some((t) => isSource(t) && t.source.kind === 'request')) {
      const pino = this.a.k.sinks.loggers.find((l) => l.id === 'pino');
      return { id: 'pino', callable: false, methods: new Set(pino?.methods ?? LEVEL_METHODS), redact: [] };
    }
    // app.log on `const app = Fastify(…)`
    const instance = this.a.k.sinks.instanceLoggers.find((i) => i.property === name && i.packages.includes(this.createdBy(base) ?? ''));
    if (instance) {
      const kind = this.a.k.sinks.loggers.find((l) => l.id === instance.logger);
      return { id: instance.logger, callable: false, methods: new Set(kind?.methods ?? LEVEL_METHODS), redact: [] };
    }
    if (base.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      if (!cls) return undefined;
      for (const m of cls.members) {
        if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name) {
          const found = this.loggerOfDeclaration(m, undefined);
          if (found) return found;
        }
        if (ts.isConstructorDeclaration(m)) {
          for (const p of m.parameters) {
            if (ts.isIdentifier(p.name) && p.name.text === name) {
              const found = this.typeLogger(p.type);
              if (found) return found;
            }
          }
        }
      }
      for (const value of scopeIndex(e.getSourceFile()).memberAssignments(cls, name)) {
        const found = this.loggerOf(value);
        if (found) return found;
      }
      return undefined;
    }
    // a namespace import used as the instance: `winston.info(…)` is handled by the caller; here `ns.logger`
    const root = ts.isIdentifier(base) ? this.a.resolve(base) : undefined;
    if (root && ts.isVariableDeclaration(root) && root.initializer) {
      const init = skipOuter(root.initializer);
      if (ts.isObjectLiteralExpression(init)) {
        const prop = init.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name);
        if (prop) return this.loggerOfDeclaration(prop, undefined);
      }
    }
    if (this.a.checker) {
      try {
        const symbol = this.a.checker.getSymbolAtLocation(e.name);
        const decl = symbol?.valueDeclaration;
        if (decl && !decl.getSourceFile().isDeclarationFile && decl !== e) return this.loggerOfDeclaration(decl, undefined);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** The package whose default/namespace export was called (or `new`ed) to create this value. */
  private createdBy(expr: ts.Expression): string | undefined {
    const e = skipOuter(expr);
    let init: ts.Expression | undefined = e;
    if (ts.isIdentifier(e)) {
      const decl = this.a.resolve(e);
      init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer) : undefined;
    }
    if (init && ts.isAwaitExpression(init)) init = skipOuter(init.expression);
    if (!init || !(ts.isCallExpression(init) || ts.isNewExpression(init))) return undefined;
    const callee = skipOuter(init.expression);
    const root = ts.isIdentifier(callee) ? callee : rootIdentifier(callee);
    const decl = root && this.a.resolveLocal(root);
    const ref = decl && moduleRefOf(decl);
    return ref ? packageName(ref.module) : undefined;
  }

  private loggerOfCall(call: ts.CallExpression): LoggerInfo | undefined {
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee) && this.a.k.childMethods.has(callee.name.text)) {
      const parent = this.loggerOf(callee.expression);
      if (parent) return parent;
    }
    const factory = this.factoryLogger(callee, call.arguments[0]);
    if (factory) return factory;
    const fn = this.a.resolveFunction(callee);
    if (fn) return this.returnedLogger(fn);
    return undefined;
  }

  private readonly returnMemo = new Map<ts.Node, LoggerInfo | null>();

  /** A project function that builds and returns a logger (`createLogger('orders')`). */
  private returnedLogger(fn: ts.SignatureDeclaration): LoggerInfo | undefined {
    const hit = this.returnMemo.get(fn);
    if (hit !== undefined) return hit ?? undefined;
    this.returnMemo.set(fn, null);
    const body = (fn as ts.FunctionLikeDeclaration).body;
    let found: LoggerInfo | undefined;
    if (body && !ts.isBlock(body)) found = this.loggerOf(body);
    else if (body) {
      const visit = (node: ts.Node): void => {
        if (found || ts.isFunctionLike(node)) return;
        if (ts.isReturnStatement(node) && node.expression) found = this.loggerOf(node.expression);
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
    }
    this.returnMemo.set(fn, found ?? null);
    return found;
  }

  /** `pino(opts)`, `winston.createLogger(opts)`, `new Logger(opts)`, `require('debug')('ns')`. */
  private factoryLogger(callee: ts.Expression, options: ts.Expression | undefined): LoggerInfo | undefined {
    const c = skipOuter(callee);
    let kind: LoggerKind | undefined;
    let name: string | undefined;
    if (ts.isIdentifier(c)) {
      const decl = this.a.resolveLocal(c);
      const ref = decl && moduleRefOf(decl);
      kind = ref ? this.a.k.loggerPackages.get(packageName(ref.module)) : undefined;
      name = ref ? (ref.imported === '*' ? 'default' : ref.imported) : undefined;
    } else if (ts.isPropertyAccessExpression(c)) {
      const base = skipOuter(c.expression);
      if (ts.isIdentifier(base)) {
        const decl = this.a.resolveLocal(base);
        const ref = decl && moduleRefOf(decl);
        kind = ref ? this.a.k.loggerPackages.get(packageName(ref.module)) : undefined;
        name = ref ? (ref.imported === '*' || ref.imported === 'default' ? c.name.text : `${ref.imported}.${c.name.text}`) : undefined;
        if (kind && name && !kind.factories.includes(name) && kind.factories.includes(`default.${c.name.text}`)) name = `default.${c.name.text}`;
      }
    } else if (ts.isCallExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'require' && c.arguments[0] && ts.isStringLiteralLike(c.arguments[0])) {
      kind = this.a.k.loggerPackages.get(packageName(c.arguments[0].text));
      name = 'default';
    }
    if (!kind || !name || !kind.factories.includes(name)) return undefined;
    return { id: kind.id, callable: kind.callable ?? false, methods: new Set(kind.methods), redact: kind.redact ? redactPaths(options, kind.redact) : [] };
  }
}

/** `pino({ redact: ['a.b'] })` or `pino({ redact: { paths: [...] } })`. */
function redactPaths(options: ts.Expression | undefined, key: string): string[] {
  const o = options && skipOuter(options);
  if (!o || !ts.isObjectLiteralExpression(o)) return [];
  const prop = o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key);
  if (!prop) return [];
  let value = skipOuter(prop.initializer);
  if (ts.isObjectLiteralExpression(value)) {
    const paths = value.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'paths');
    if (!paths) return [];
    value = skipOuter(paths.initializer);
  }
  if (!ts.isArrayLiteralExpression(value)) return [];
  return value.elements.filter(ts.isStringLiteralLike).map((s) => s.text);
}
