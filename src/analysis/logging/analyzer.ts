import ts from 'typescript';
import { classifyName, classifyRecordName, splitWords } from '../sensitive-names.js';
import type { Policy } from '../../policy/types.js';
import { isSensitiveLevel, topLevel } from '../classification/levels.js';
import type { LoggingKnowledge } from './knowledge.js';
import { loggingKnowledge } from './knowledge.js';
import { LoggerRecognizer, type Sink } from './loggers.js';
import { moduleRefOf } from './modules.js';
import { isSafeField, requestParam } from './requests.js';
import { scopeIndex, skipOuter, enclosingClass, type Declaration } from './scope.js';
import {
  isParam,
  isSource,
  type FunctionSummary,
  type ParamRef,
  type Source,
  type SourceTaint,
  type Taint,
  type ViaStep,
  type WrapperSink,
} from './taint.js';

/**
 * Declared classification of values and fields (the classification lane's type-driven view).
 * Optional: without a type checker, names and request sources decide alone.
 */
export interface ClassificationView {
  /** The model's name and level when a value's type has restricted/confidential fields. */
  valueLevel(node: ts.Expression): { model: string; level: string; fields: string[] } | undefined;
  /** A property's declared level (`public`, …), when declared. */
  propertyLevel(node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.BindingElement): string | undefined;
  /** The same, for a property symbol of a type. */
  symbolLevel?(symbol: ts.Symbol): string | undefined;
}

export interface AnalyzerOptions {
  policy: Policy;
  checker?: ts.TypeChecker;
  classification?: ClassificationView;
  /**
   * Whether an imported binding that cannot be resolved to its module, and is named like a
   * logger (`logger`, `log`, `auditLogger`), counts as a logger. The ESLint rule sees one file
   * and says yes; the scanner resolves imports and only falls back to it for modules outside
   * the scan.
   */
  loggerNameHeuristic: boolean;
}


/**
 * The taint engine of no-sensitive-logging: what sensitive data an expression carries, which
 * calls are log sinks, and which functions are logging wrappers. Works on TypeScript's syntax
 * tree; with a type checker it also follows imports across files and uses declared types.
 * One analyzer serves one file (ESLint) or a whole program (scanner); results are memoised.
 */
export class Analyzer {
  readonly k: LoggingKnowledge;
  readonly policy: Policy;
  readonly checker?: ts.TypeChecker;
  readonly loggers: LoggerRecognizer;
  private readonly classification?: ClassificationView;
  private readonly memo = new Map<ts.Node, Taint[]>();
  private readonly summaries = new Map<ts.Node, FunctionSummary>();
  private readonly inProgress = new Set<ts.Node>();

  constructor(readonly options: AnalyzerOptions) {
    this.policy = options.policy;
    this.checker = options.checker;
    this.classification = options.classification;
    this.k = loggingKnowledge(options.policy);
    this.loggers = new LoggerRecognizer(this);
  }

  /** Sensitive by the policy's own `levels` (the top two in its order), not by fixed names. */
  private isSensitive(level: string): boolean {
    return isSensitiveLevel(level, this.policy);
  }

  // ── name resolution ────────────────────────────────────────────────────────────────────

  resolveLocal(id: ts.Identifier): Declaration | undefined {
    return scopeIndex(id.getSourceFile()).resolve(id);
  }

  /**
   * The declaration an identifier refers to; an import of a project module is followed to the
   * exported declaration (through re-exports and path aliases) when a type checker is present.
   */
  resolve(id: ts.Identifier): ts.Node | undefined {
    const local = this.resolveLocal(id);
    if (!local) return undefined;
    // follow imports of project modules; bare specifiers too, since they may be path aliases
    // (`lib/logger` with baseUrl) — an import that lands in node_modules stays the import
    if (moduleRefOf(local)) return this.followImport(id) ?? local;
    return local;
  }

  private followImport(id: ts.Identifier): ts.Node | undefined {
    if (!this.checker) return undefined;
    let symbol: ts.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(id);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl) return undefined;
    const file = decl.getSourceFile();
    if (file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) return undefined;
    if (ts.isSourceFile(decl)) return decl;
    return decl;
  }

  /** The function a call invokes, when it has a body we can read. */
  resolveFunction(callee: ts.Expression): ts.SignatureDeclaration | undefined {
    const e = skipOuter(callee);
    let decl: ts.Node | undefined;
    if (ts.isIdentifier(e)) decl = this.resolve(e);
    else if (ts.isPropertyAccessExpression(e)) decl = this.resolveMember(e);
    return decl ? this.functionOf(decl) : undefined;
  }

  private resolveMember(e: ts.PropertyAccessExpression): ts.Node | undefined {
    // `z.object(…)`, `express.Router()`: a member of a package import has no body in the project
    const root = rootIdentifier(e.expression);
    const local = root && this.resolveLocal(root);
    if (root && local && moduleRefOf(local) && this.resolve(root) === local) return undefined;
    if (this.checker) {
      try {
        const symbol = this.checker.getSymbolAtLocation(e.name);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
        const decl = target?.valueDeclaration ?? target?.declarations?.[0];
        if (decl && !decl.getSourceFile().isDeclarationFile) return decl;
      } catch {
        // fall through to the syntactic lookup
      }
    }
    const member = e.name.text;
    const base = skipOuter(e.expression);
    if (base.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      return cls?.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === member);
    }
    if (!ts.isIdentifier(base)) return undefined;
    const decl = this.resolve(base);
    if (!decl) return undefined;
    if (ts.isSourceFile(decl)) return undefined;
    let init: ts.Expression | undefined = ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer) : undefined;
    if (init && ts.isObjectLiteralExpression(init)) {
      return init.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === member);
    }
    if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
      const cls = this.resolve(init.expression);
      if (cls && ts.isClassLike(cls)) return cls.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === member);
    }
    if (ts.isClassDeclaration(decl)) return decl.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === member);
    init = undefined;
    return init;
  }

  functionOf(decl: ts.Node): ts.SignatureDeclaration | undefined {
    if ((ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl)) && decl.body) return decl;
    if (ts.isArrowFunction(decl)) return decl;
    const init =
      ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)
        ? decl.initializer && skipOuter(decl.initializer)
        : undefined;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
    if (ts.isShorthandPropertyAssignment(decl)) {
      const target = this.resolve(decl.name);
      return target && target !== decl ? this.functionOf(target) : undefined;
    }
    return undefined;
  }

  // ── evaluation ────────────────────────────────────────────────────────────────────────

  /** The taints an expression carries (sources, and parameter parts of enclosing functions). */
  evaluate(node: ts.Expression): Taint[] {
    const hit = this.memo.get(node);
    if (hit) return hit;
    if (this.inProgress.has(node)) return [];
    this.inProgress.add(node);
    let result: Taint[];
    try {
      result = this.filterByType(node, this.evaluateUncached(node));
    } finally {
      this.inProgress.delete(node);
    }
    this.memo.set(node, result);
    return result;
  }

  private evaluateUncached(node: ts.Expression): Taint[] {
    const e = node;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
      return this.evaluate(e.expression);
    }
    if (ts.isAwaitExpression(e) || ts.isSpreadElement(e)) return this.evaluate(e.expression);
    if (ts.isIdentifier(e)) return this.withModel(e, this.evaluateIdentifier(e));
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.withModel(e, this.evaluateAccess(e));
    if (ts.isCallExpression(e)) return this.withModel(e, this.evaluateCall(e));
    if (ts.isNewExpression(e)) return (e.arguments ?? []).flatMap((a) => this.evaluate(a));
    if (ts.isTemplateExpression(e)) return e.templateSpans.flatMap((s) => this.evaluate(s.expression));
    if (ts.isConditionalExpression(e)) return [...this.evaluate(e.whenTrue), ...this.evaluate(e.whenFalse)];
    if (ts.isBinaryExpression(e)) return this.evaluateBinary(e);
    if (ts.isObjectLiteralExpression(e)) return this.evaluateObject(e, undefined);
    if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => this.evaluate(el));
    return [];
  }

  private evaluateBinary(e: ts.BinaryExpression): Taint[] {
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return [...this.evaluate(e.left), ...this.evaluate(e.right)];
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.EqualsToken:
        return this.evaluate(e.right);
      default:
        return [];
    }
  }

  /**
   * An object literal's taints. `skip(path)` says whether a key path is covered by the logger's
   * `redact` paths (pino), so `logger.info({ password })` with `redact: ['password']` is clean.
   */
  evaluateObject(e: ts.ObjectLiteralExpression, skip: ((path: string) => boolean) | undefined, prefix = ''): Taint[] {
    const out: Taint[] = [];
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) {
        out.push(...this.evaluate(p.expression));
        continue;
      }
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) || ts.isPrivateIdentifier(p.name)) ? p.name.text : undefined;
      const path = key ? `${prefix}${key}` : undefined;
      if (path && skip?.(path)) continue;
      if (ts.isShorthandPropertyAssignment(p)) {
        out.push(...this.evaluate(p.name));
      } else if (ts.isPropertyAssignment(p)) {
        const value = skipOuter(p.initializer);
        if (ts.isObjectLiteralExpression(value) && path) {
          out.push(...this.filterByType(value, this.evaluateObject(value, skip, `${path}.`)));
          continue;
        }
        const valueTaints = this.evaluate(p.initializer);
        out.push(...valueTaints);
        // `{ email: to }` logs an email whatever the variable is called
        if (key && valueTaints.length === 0 && this.isOpaqueValue(value)) {
          const named = this.nameSource(key, p.initializer, `${key}: ${shortText(p.initializer)}`, undefined, false);
          if (named) out.push(...this.filterByType(p.initializer, [named]));
        }
      }
    }
    return out;
  }

  private evaluateIdentifier(id: ts.Identifier): Taint[] {
    if (id.text === 'undefined') return [];
    const decl = this.resolve(id);
    if (!decl) return [];
    return this.evaluateDeclaration(decl);
  }

  private readonly declMemo = new Map<ts.Node, Taint[]>();

  evaluateDeclaration(decl: ts.Node): Taint[] {
    const hit = this.declMemo.get(decl);
    if (hit) return hit;
    if (this.inProgress.has(decl)) return [];
    this.inProgress.add(decl);
    let result: Taint[] = [];
    try {
      result = this.evaluateDeclarationUncached(decl);
    } finally {
      this.inProgress.delete(decl);
    }
    this.declMemo.set(decl, result);
    return result;
  }

  private evaluateDeclarationUncached(decl: ts.Node): Taint[] {
    if (ts.isParameter(decl)) return this.parameterTaints(decl);
    if (ts.isVariableDeclaration(decl)) {
      if (!ts.isIdentifier(decl.name)) return [];
      const index = scopeIndex(decl.getSourceFile());
      const values = [this.initialValue(decl), ...index.assignments(decl)].filter((v): v is ts.Expression => v !== undefined);
      const out = values.flatMap((v) => this.evaluate(v));
      const init = decl.initializer && skipOuter(decl.initializer);
      if (!init || this.isOpaqueValue(init)) {
        const named = this.nameSource(decl.name.text, decl.name);
        if (named) out.push(...this.filterByType(decl.name, [named]));
      }
      return out;
    }
    if (ts.isBindingElement(decl)) return this.bindingTaints(decl);
    return [];
  }

  /** A variable's value: its initializer, or the element of what a `for…of` iterates. */
  private initialValue(decl: ts.VariableDeclaration): ts.Expression | undefined {
    if (decl.initializer) return decl.initializer;
    const list = decl.parent;
    if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent)) return list.parent.expression;
    return undefined;
  }

  private bindingTaints(element: ts.BindingElement): Taint[] {
    // walk up to the declaration, collecting the property path
    const path: Array<string | undefined> = [];
    let node: ts.Node = element;
    let rest = false;
    while (ts.isBindingElement(node)) {
      const pattern: ts.BindingPattern = node.parent;
      if (node.dotDotDotToken) rest = true;
      else if (ts.isObjectBindingPattern(pattern)) {
        const key = node.propertyName ?? node.name;
        path.unshift(ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : undefined);
      } else path.unshift(undefined);
      node = pattern.parent;
    }
    let base: Taint[] = [];
    if (ts.isVariableDeclaration(node)) {
      const v = this.initialValue(node);
      base = v ? this.evaluate(v) : [];
    } else if (ts.isParameter(node)) base = this.parameterTaints(node);
    let taints = base;
    const name = ts.isIdentifier(element.name) ? element.name.text : undefined;
    if (rest) {
      // what is left of a request body is still request input; a person record minus fields is judged by its type
      taints = taints.filter((t) => isParam(t) || t.source.kind === 'request' || t.source.kind === 'request-data');
    }
    for (const segment of path) taints = taints.flatMap((t) => this.readProperty(t, segment, element, name));
    // destructured: name the variable, and where it came from
    const from = (text: string) => (name && text.endsWith(`.${name}`) ? text.slice(0, -name.length - 1) : text);
    taints = taints.map((t) => (isSource(t) && name && !rest && t.source.node === element ? { ...t, source: { ...t.source, text: shorten(`${name} from ${sourceRoot(from(t.source.text))}`) } } : t));
    const out = [...taints];
    if (element.initializer) out.push(...this.evaluate(element.initializer));
    if (name && !rest) {
      const declaredLevel = this.classification?.propertyLevel(element);
      if (declaredLevel && this.isSensitive(declaredLevel) && !(declaredLevel !== topLevel(this.policy) && isSafeField(name, this.k))) {
        out.push(this.source('model', `${declaredLevel} field ${name}`, element, name));
      } else if (!declaredLevel) {
        const viaRequest = taints.find((t) => isSource(t) && t.source.node === element);
        const named = this.nameSource(name, element, viaRequest && isSource(viaRequest) ? viaRequest.source.text : name, base.some(isParam) ? firstParam(base) : undefined);
        if (named) out.push(named);
      }
    }
    return this.filterByType(element.name as ts.Identifier, out);
  }

  parameterTaints(param: ts.ParameterDeclaration): Taint[] {
    const fn = param.parent;
    if (!ts.isFunctionLike(fn)) return [];
    const req = requestParam(param, this.k);
    const name = ts.isIdentifier(param.name) ? param.name.text : undefined;
    if (req) return [this.source(req.kind, req.label, param.name, name ?? shortText(param.name), req.kind === 'request-data' ? 'unless-safe' : undefined)];
    const ref: ParamRef = { type: 'param', fn, index: fn.parameters.indexOf(param), rest: param.dotDotDotToken !== undefined, path: [], param };
    const out: Taint[] = [ref];
    if (name) {
      const named = this.nameSource(name, param.name, undefined, param);
      if (named) out.push(...this.filterByType(param.name, [named]));
    }
    return out;
  }

  private evaluateAccess(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): Taint[] {
    const key = accessKey(e);
    const path = calleePath(e);
    if (path && this.k.sources.environment.objects.includes(path)) return [this.source('request-data', this.k.sources.environment.label, e, path, 'sensitive-only')];
    if (key !== undefined && this.k.safeFactProperties.has(key)) return [];
    const base = skipOuter(e.expression);
    if (key !== undefined && /^\d+$/.test(key) && this.isStringTyped(e.expression)) return []; // one character
    let baseTaints: Taint[];
    if (base.kind === ts.SyntaxKind.ThisKeyword && key !== undefined) baseTaints = [];
    else baseTaints = this.evaluate(e.expression);
    const out = baseTaints.flatMap((t) => this.readProperty(t, key, e));
    if (base.kind === ts.SyntaxKind.ThisKeyword && key !== undefined) out.push(...this.memberTaints(e, key));
    if (key !== undefined && !/^\d+$/.test(key)) {
      const declaredLevel = this.classification?.propertyLevel(e);
      // an id of a confidential record is how the policy wants records referred to in logs
      const isIdentifier = declaredLevel !== undefined && declaredLevel !== topLevel(this.policy) && isSafeField(key, this.k);
      if (declaredLevel && this.isSensitive(declaredLevel) && !isIdentifier) {
        const field = this.source('model', `${declaredLevel} field ${key}`, e, shortText(e));
        const owner = this.declaringModel(e);
        if (owner) field.source.model = { name: owner, fields: [key] };
        out.push(field);
      }
      else if (!declaredLevel && !out.some((t) => isSource(t) && t.source.kind === 'name')) {
        const named = this.nameSource(key, e, shortText(e), firstParam(baseTaints));
        if (named) out.push(named);
      }
      if (declaredLevel && !this.isSensitive(declaredLevel)) {
        // declared classification wins over the name: `@classification public displayName`
        return out.filter((t) => !(isSource(t) && t.source.kind === 'name' && t.source.node === e));
      }
    }
    return out;
  }

  /** `this.x`: what the class field was initialised with or assigned. */
  private memberTaints(e: ts.Node, name: string): Taint[] {
    const cls = enclosingClass(e);
    if (!cls) return [];
    const values: ts.Expression[] = [...scopeIndex(e.getSourceFile()).memberAssignments(cls, name)];
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name && m.initializer) values.push(m.initializer);
    }
    return values.flatMap((v) => this.evaluate(v));
  }

  /**
   * Reading field `key` of a tainted value. Request objects give request data for their data
   * properties (`req.body`); request data gives its fields unless they are safe (`req.query.page`);
   * a record tainted by name or model gives only fields that are themselves sensitive (the caller
   * adds those by name/classification); a parameter part grows its path.
   */
  readProperty(t: Taint, key: string | undefined, node: ts.Node, displayName?: string): Taint[] {
    if (isParam(t)) return [{ ...t, path: [...t.path, key ?? '[]'] }];
    const s = t.source;
    const text = displayName ? `${s.text}.${displayName}` : shortText(node);
    const isIndex = key === undefined || /^\d+$/.test(key);
    if (s.kind === 'request') {
      if (isIndex) return [t];
      const data = this.k.sources.dataProperties[key];
      if (data) return [this.source('request-data', data.label, node, text, data.parts)];
      if (this.k.sources.objectProperties.includes(key)) return [this.source('request', s.label, node, text)];
      return [];
    }
    if (s.kind === 'request-data') {
      if (isIndex) return [{ type: 'source', source: { ...s, node, text } }];
      if (s.parts === 'sensitive-only' || isSafeField(key, this.k) || !this.isSensitivePart(key, node)) return [];
      return [{ type: 'source', source: { ...s, node, text, parts: 'unless-safe' } }];
    }
    if (isIndex) return [t];
    return [];
  }

  /**
   * Whether field `key` of request input is worth reporting (rules/logging/sources.yaml
   * `requestParts`): personal or secret by name, or a record by name, always; otherwise, with a
   * declared type, an object, array or `unknown` is (its contents are not visible) and a primitive
   * is not; without one, a container or free-text name is and any other name is not.
   */
  private isSensitivePart(key: string, node: ts.Node): boolean {
    if (classifyName(key, this.policy) || classifyRecordName(key, this.policy)) return true;
    const typed = this.partType(node);
    if (typed !== undefined) return typed;
    const lower = key.toLowerCase();
    if (this.k.freeTextParts.has(lower)) return true;
    const words = splitWords(key);
    return this.k.containerParts.has(lower) || (words.length > 0 && this.k.containerParts.has(words[words.length - 1]!));
  }

  /** true: an object/array/unknown field; false: a primitive; undefined: no usable type (none, or `any`). */
  private partType(node: ts.Node): boolean | undefined {
    if (!this.checker) return undefined;
    const at = ts.isBindingElement(node) ? node.name : node;
    if (!ts.isPropertyAccessExpression(at) && !ts.isElementAccessExpression(at) && !ts.isIdentifier(at)) return undefined;
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(at);
    } catch {
      return undefined;
    }
    if (type.flags & ts.TypeFlags.Any) return undefined;
    if (type.flags & ts.TypeFlags.Unknown) return true;
    const parts = type.isUnion() ? type.types : [type];
    const primitive = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
    return !parts.every((t) => (t.flags & primitive) !== 0);
  }

  private evaluateCall(call: ts.CallExpression): Taint[] {
    const callee = skipOuter(call.expression);
    if (this.isSanitizer(call)) return [];
    const path = calleePath(callee);
    if (path && this.k.safeFactCalls.has(path)) return [];
    if (ts.isPropertyAccessExpression(callee) && this.k.safeFactCalls.has(callee.name.text)) return [];
    if (path && (this.k.propagatorFunctions.has(path) || this.k.parsers.has(path))) return call.arguments.flatMap((a) => this.evaluate(a));
    if (path && this.k.omitting.has(lastSegment(path)) && call.arguments[0]) {
      return this.evaluate(call.arguments[0]).filter((t) => isParam(t) || t.source.kind === 'request' || t.source.kind === 'request-data');
    }
    if (ts.isPropertyAccessExpression(callee) || (ts.isElementAccessExpression(callee) && accessKey(callee) !== undefined)) {
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : accessKey(callee)!;
      const receiver = this.evaluate(callee.expression);
      const requestMethod = this.k.sources.dataMethods[method];
      const out: Taint[] = [];
      if (requestMethod) {
        for (const t of receiver) {
          if (isSource(t) && t.source.kind === 'request') {
            const arg = call.arguments[0];
            if (requestMethod.argument && arg && ts.isStringLiteralLike(arg)) {
              const field = arg.text;
              if (requestMethod.argument === 'sensitive-only' ? !classifyName(field, this.policy) : isSafeField(field, this.k)) continue;
              const named = classifyName(field, this.policy);
              out.push(this.source('request-data', named ? named.label : requestMethod.label, call, shortText(call), 'unless-safe'));
            } else {
              out.push(this.source('request-data', requestMethod.label, call, shortText(call), 'unless-safe'));
            }
          } else if (isParam(t)) {
            out.push({ ...t, path: [...t.path, `${method}()`] });
          }
        }
      }
      const field = call.arguments.length === 1 && ts.isStringLiteralLike(call.arguments[0]!) ? call.arguments[0].text : undefined;
      for (const t of receiver) {
        if (isSource(t) && t.source.kind === 'request') continue;
        // headers.get('x-request-id'), searchParams.get('page'), formData.get('iban'): a field read
        if (field !== undefined && (method === 'get' || method === 'getAll') && isSource(t) && t.source.kind === 'request-data') {
          const read = this.readProperty(t, field, call);
          out.push(...read);
          if (read.length === 0) {
            const named = this.nameSource(field, call, shortText(call));
            if (named) out.push(named);
          }
          continue;
        }
        if (this.k.propagatorMethods.has(method)) out.push(t);
      }
      // Schema.parse(req.body), schema.safeParse(body): validation returns its argument
      if (this.k.argumentMethods.has(method)) out.push(...call.arguments.flatMap((a) => this.evaluate(a)));
      const fn = this.resolveFunction(callee);
      if (fn) out.push(...this.applyReturns(fn, call));
      else if (out.length === 0 && /^(?:get|fetch|load|read|find|lookup|decrypt|reveal)[A-Z_]/.test(method)) {
        const named = this.nameSource(method, call, shortText(call));
        if (named) out.push(named);
      }
      return out;
    }
    const fn = this.resolveFunction(callee);
    if (fn) return this.applyReturns(fn, call);
    if (ts.isIdentifier(callee) && /^(?:get|fetch|load|read|find|lookup|decrypt|reveal)[A-Z_]/.test(callee.text)) {
      const named = this.nameSource(callee.text, call, shortText(call));
      return named ? [named] : [];
    }
    return [];
  }

  /** What a call returns, given what the callee returns in terms of its parameters. */
  private applyReturns(fn: ts.SignatureDeclaration, call: ts.CallExpression): Taint[] {
    const summary = this.summaryOf(fn);
    const out: Taint[] = [];
    for (const r of summary.returns) {
      if (isSource(r)) {
        // a sensitively named parameter returned as is: the argument decides
        if (r.source.fromParam) continue;
        out.push(r);
        continue;
      }
      if (r.fn !== fn) continue;
      out.push(...this.argumentTaints(call, r.index, r.rest, r.path));
    }
    return out;
  }

  /** Taints of the argument(s) bound to parameter `index`, then read along `path`. */
  argumentTaints(call: ts.CallExpression, index: number, rest: boolean, path: readonly string[]): Taint[] {
    const args = rest ? call.arguments.slice(index) : call.arguments.slice(index, index + 1);
    let taints = args.flatMap((a) => this.evaluate(a));
    for (const segment of path) {
      if (segment.endsWith('()')) {
        const method = segment.slice(0, -2);
        const data = this.k.sources.dataMethods[method];
        taints = taints.flatMap((t): Taint[] =>
          isParam(t)
            ? [{ ...t, path: [...t.path, segment] }]
            : t.source.kind === 'request' && data
              ? [this.source('request-data', data.label, call, `${t.source.text}.${method}()`, 'unless-safe')]
              : [],
        );
        continue;
      }
      taints = taints.flatMap((t) => {
        const read = this.readProperty(t, segment === '[]' ? undefined : segment, call, segment);
        const named = segment !== '[]' && isSource(t) && t.source.kind !== 'request' && t.source.kind !== 'request-data' ? this.nameSource(segment, call, `${t.source.text}.${segment}`) : undefined;
        return named ? [...read, named] : read;
      });
    }
    return taints;
  }

  // ── summaries ─────────────────────────────────────────────────────────────────────────

  /** Which parameters of `fn` reach a log sink inside it, and what it returns. */
  summaryOf(fn: ts.SignatureDeclaration): FunctionSummary {
    const hit = this.summaries.get(fn);
    if (hit) return hit;
    const empty: FunctionSummary = { sinks: [], returns: [] };
    this.summaries.set(fn, empty); // recursion sees no effect
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return empty;
    const summary: FunctionSummary = { sinks: [], returns: [] };
    if (!ts.isBlock(body)) summary.returns.push(...this.evaluate(body));
    const visit = (node: ts.Node): void => {
      if (ts.isReturnStatement(node) && node.expression && enclosingFunction(node) === fn) summary.returns.push(...this.evaluate(node.expression));
      if (ts.isCallExpression(node)) this.collectWrapperSinks(fn, node, summary.sinks);
      ts.forEachChild(node, visit);
    };
    visit(body);
    this.summaries.set(fn, summary);
    return summary;
  }

  private collectWrapperSinks(fn: ts.SignatureDeclaration, call: ts.CallExpression, into: WrapperSink[]): void {
    const sink = this.loggers.sinkOf(call);
    if (sink) {
      for (const arg of call.arguments) {
        const taints = this.sinkArgumentTaints(arg, sink);
        this.addParamSinks(fn, taints, { sink: call, sinkLabel: sink.label, via: [] }, into);
      }
      return;
    }
    const callee = this.resolveFunction(call.expression);
    if (!callee || callee === fn) return;
    const inner = this.summaryOf(callee);
    for (const s of inner.sinks) {
      if (s.reportedInside) continue;
      const taints = this.argumentTaints(call, s.index, s.rest, s.path);
      const step: ViaStep = { call, helper: calleePath(skipOuter(call.expression)) ?? 'helper', declaration: callee };
      this.addParamSinks(fn, taints, { sink: s.sink, sinkLabel: s.sinkLabel, via: [step, ...s.via] }, into);
    }
  }

  private addParamSinks(
    fn: ts.SignatureDeclaration,
    taints: Taint[],
    where: { sink: ts.CallExpression; sinkLabel: string; via: ViaStep[] },
    into: WrapperSink[],
  ): void {
    for (const t of taints) {
      if (!isParam(t) || t.fn !== fn) continue;
      const reportedInside = taints.some((s) => isSource(s) && s.source.fromParam === t.param);
      if (into.some((w) => w.index === t.index && w.path.join('.') === t.path.join('.') && w.sink === where.sink)) continue;
      into.push({ index: t.index, rest: t.rest, path: t.path, ...where, reportedInside });
    }
  }

  /** Taints of one argument of a log call, leaving out fields the logger redacts. */
  sinkArgumentTaints(arg: ts.Expression, sink: Sink): Taint[] {
    const e = skipOuter(arg);
    if (sink.redact.length > 0 && ts.isObjectLiteralExpression(e)) return this.evaluateObject(e, (path) => sink.redact.some((r) => redactCovers(r, path)));
    return this.evaluate(arg);
  }

  // ── sanitizers, names, types ──────────────────────────────────────────────────────────

  /** Masking, redaction and hashing calls (rules/logging/sanitizers.yaml, `logging.sanitizers`). */
  isSanitizer(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    const path = calleePath(callee);
    if (path && (this.k.sanitizerCalls.has(path) || this.k.sanitizerNames.has(path) || this.k.sanitizerNames.has(lastSegment(path)))) return true;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name) {
      const words = splitWords(name);
      if (words[0] && this.k.sanitizerWords.has(words[0])) return true;
      // partial display: last4(card), lastFourDigits(iban)
      const joined = ` ${words.join(' ')} `;
      if (this.k.sanitizers.partialDisplay.functions.some((p) => joined.includes(` ${p} `))) return true;
    }
    // partial display: x.slice(-4), x.substring(x.length - 4)
    if (ts.isPropertyAccessExpression(callee) && /^(?:slice|substr|substring|at)$/.test(callee.name.text) && call.arguments.length === 1) {
      const arg = call.arguments[0]!;
      const max = this.k.sanitizers.partialDisplay.maxChars;
      if (ts.isPrefixUnaryExpression(arg) && arg.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(arg.operand) && Number(arg.operand.text) <= max) return true;
      if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(arg.right) && Number(arg.right.text) <= max) return true;
    }
    // x.slice(0, 2): a country code or a prefix of a few characters
    if (ts.isPropertyAccessExpression(callee) && /^(?:slice|substring)$/.test(callee.name.text) && call.arguments.length === 2) {
      const [a, b] = call.arguments;
      if (a && b && ts.isNumericLiteral(a) && ts.isNumericLiteral(b) && Number(b.text) - Number(a.text) <= this.k.sanitizers.partialDisplay.maxChars) return true;
    }
    // chained on a sanitizer: crypto.createHash('sha256').update(x).digest('hex')
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = skipOuter(callee.expression);
      if (ts.isCallExpression(receiver) && this.isSanitizer(receiver)) return true;
      if (callee.name.text === 'replace' || callee.name.text === 'replaceAll') {
        const replacement = call.arguments[1];
        if (replacement && ts.isStringLiteralLike(replacement) && replacement.text.length > 0 && [...replacement.text].every((ch) => this.k.sanitizers.replaceMask.includes(ch) || ch === '$' || /\d/.test(ch))) {
          return true;
        }
      }
    }
    // anything exported by a hashing library, and imported sanitizer modules
    const root = rootIdentifier(callee);
    if (root) {
      const decl = this.resolveLocal(root);
      const ref = decl ? moduleRefOf(decl) : undefined;
      if (ref && this.k.sanitizerPackages.has(ref.module)) return true;
      if (ref && ref.imported !== '*' && ref.imported !== 'default' && this.k.sanitizerNames.has(ref.imported)) return true;
    }
    return false;
  }

  /** A value whose name decides (not a literal, not a sanitised value, not a computed fact). */
  isOpaqueValue(e: ts.Expression): boolean {
    const v = skipOuter(e);
    if (ts.isLiteralExpression(v) || ts.isNoSubstitutionTemplateLiteral(v) || ts.isTemplateExpression(v)) return false;
    if (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword || v.kind === ts.SyntaxKind.NullKeyword) return false;
    if (ts.isPrefixUnaryExpression(v) || ts.isTypeOfExpression(v) || ts.isBinaryExpression(v) || ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return false;
    if (ts.isObjectLiteralExpression(v) || ts.isArrayLiteralExpression(v)) return false;
    if (ts.isIdentifier(v) && v.text === 'undefined') return false;
    if (ts.isCallExpression(v) && this.isSanitizer(v)) return false;
    if (ts.isAwaitExpression(v)) return this.isOpaqueValue(v.expression);
    if ((ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v)) && accessKey(v) !== undefined && this.k.safeFactProperties.has(accessKey(v)!)) return false;
    return true;
  }

  /**
   * Personal or secret data by name. `records` also accepts names of whole person records
   * (`user`, `customer`) — for values, not for object keys (`{ user: user.id }` logs an id).
   */
  nameSource(name: string, node: ts.Node, text?: string, fromParam?: ts.ParameterDeclaration, records = true): SourceTaint | undefined {
    const named = classifyName(name, this.policy) ?? (records ? classifyRecordName(name, this.policy) : undefined);
    if (!named) return undefined;
    const taint = this.source('name', named.label, node, text ?? name);
    if (named.category === 'record') taint.source.record = true;
    if (fromParam) taint.source.fromParam = fromParam;
    return taint;
  }

  source(kind: Source['kind'], label: string, node: ts.Node, text: string, parts?: Source['parts']): SourceTaint {
    return { type: 'source', source: { kind, label, node, text: shorten(text), parts } };
  }

  private readonly recordMemo = new Map<ts.Type, string[]>();

  /**
   * With type information, an object whose declared type (in the project, not a library) has
   * personal or secret fields by name — `{ email: string; phone?: string }` — is a personal
   * record, whatever the variable is called. Fields declared public/internal do not count.
   */
  private withPersonalRecord(node: ts.Expression, taints: Taint[]): Taint[] {
    if (!this.checker || !(ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isCallExpression(node))) return taints;
    if (taints.some((t) => isSource(t) && t.source.node === node)) return taints;
    let fields: string[];
    try {
      fields = this.personalFields(this.checker.getTypeAtLocation(node));
    } catch {
      return taints;
    }
    if (fields.length === 0) return taints;
    const list = fields.slice(0, 3).join(', ') + (fields.length > 3 ? ', …' : '');
    return [...taints, this.source('name', `record with personal fields ${list}`, node, shortText(node))];
  }

  private personalFields(type: ts.Type): string[] {
    const hit = this.recordMemo.get(type);
    if (hit) return hit;
    this.recordMemo.set(type, []);
    const checker = this.checker!;
    const out: string[] = [];
    const types = type.isUnion() ? type.types : [type];
    for (const t of types) {
      if (!(t.flags & ts.TypeFlags.Object)) continue;
      const decl = t.getSymbol()?.declarations?.[0];
      const file = decl?.getSourceFile();
      if (!file || file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) continue;
      for (const prop of checker.getPropertiesOfType(t)) {
        const propDecl = prop.valueDeclaration ?? prop.declarations?.[0];
        if (!propDecl || ts.isMethodDeclaration(propDecl) || ts.isMethodSignature(propDecl)) continue;
        const propType = checker.getTypeOfSymbolAtLocation(prop, propDecl);
        if (propType.getCallSignatures().length > 0 || isFactType(propType)) continue;
        if (!classifyName(prop.getName(), this.policy)) continue;
        if (this.classification) {
          // declared classification wins over the name
          const declared = this.classification.symbolLevel?.(prop);
          if (declared && !this.isSensitive(declared)) continue;
        }
        out.push(prop.getName());
      }
    }
    this.recordMemo.set(type, out);
    return out;
  }

  /**
   * An object type whose shape is known and none of whose own fields is named as personal or
   * secret data (wherever the type is declared). Arrays, byte buffers, maps, promises and types
   * with index signatures do not qualify: their contents are not visible in their field names.
   */
  private isPlainObjectWithoutSensitiveFields(type: ts.Type): boolean {
    const checker = this.checker!;
    const types = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
    if (types.length === 0) return false;
    return types.every((t) => {
      if (isFactType(t)) return true;
      if (!(t.flags & ts.TypeFlags.Object) || checker.isArrayLikeType(t)) return false;
      if (t.getStringIndexType() || t.getNumberIndexType()) return false;
      const name = t.getSymbol()?.getName();
      if (name && /^(?:Buffer|Uint8Array|ArrayBuffer|Blob|Promise|Map|Set|Record|String|Object)$/.test(name)) return false;
      const props = checker.getPropertiesOfType(t);
      if (props.length === 0) return false;
      return props.every((p) => !classifyName(p.getName(), this.policy));
    });
  }

  /** The interface, class or type alias that declares a property read (`Member` for `m.email`). */
  private declaringModel(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
    if (!this.checker || !ts.isPropertyAccessExpression(e)) return undefined;
    try {
      const decl = this.checker.getSymbolAtLocation(e.name)?.declarations?.[0];
      let owner: ts.Node | undefined = decl?.parent;
      if (owner && ts.isTypeLiteralNode(owner)) owner = owner.parent;
      if (owner && (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner) || ts.isTypeAliasDeclaration(owner)) && owner.name) return owner.name.text;
    } catch {
      return undefined;
    }
    return undefined;
  }

  private isStringTyped(node: ts.Expression): boolean {
    if (!this.checker) return false;
    try {
      return (this.checker.getTypeAtLocation(node).flags & ts.TypeFlags.StringLike) !== 0;
    } catch {
      return false;
    }
  }

  /**
   * Adds a model taint when the value's declared type is a data model with restricted or
   * confidential fields, named after the expression that holds it (`account`, not the call
   * in another file that produced it).
   */
  private withModel(node: ts.Expression, taints: Taint[]): Taint[] {
    if (!this.classification) return taints;
    if (taints.some((t) => isSource(t) && t.source.kind === 'request')) return taints;
    const model = this.classification.valueLevel(node);
    if (!model) return this.withPersonalRecord(node, taints);
    const fields = model.fields.slice(0, 3).join(', ') + (model.fields.length > 3 ? ', …' : '');
    const own = this.source('model', `${model.model} record with ${model.level} fields ${fields}`, node, shortText(node));
    own.source.model = { name: model.model, fields: model.fields };
    return [...taints.filter((t) => !(isSource(t) && t.source.kind === 'model' && t.source.label.startsWith(`${model.model} record`))), own];
  }

  /**
   * With type information, booleans, numbers, dates, enums and string-literal unions are facts
   * (a flag, a count, a status), not personal data — whether named so or read from a request.
   */
  private filterByType(node: ts.Node, taints: Taint[]): Taint[] {
    if (!this.checker || taints.length === 0) return taints;
    if (!taints.some((t) => isParam(t) || t.source.kind === 'name' || t.source.kind === 'request-data' || t.source.kind === 'model')) return taints;
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return taints;
    }
    if (!isFactType(type)) {
      // `user` typed as a project type without personal fields (or a string id) is not a person record
      const known = !(type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown));
      if (known && taints.some((t) => isSource(t) && t.source.record) && this.personalFields(type).length === 0 && !this.classification?.valueLevel(node as ts.Expression)) {
        taints = taints.filter((t) => !(isSource(t) && t.source.record));
      }
      // `token` typed as a lexer token `{ type; offset; source }`: named like a credential, but an
      // object with no sensitive fields is not one (a string, a Buffer or an unknown shape still is)
      const namedHere = (t: Taint) => isSource(t) && t.source.kind === 'name' && !t.source.record && (t.source.node === node || t.source.node === node.parent);
      if (known && taints.some(namedHere) && this.isPlainObjectWithoutSensitiveFields(type) && !this.classification?.valueLevel(node as ts.Expression)) {
        taints = taints.filter((t) => !namedHere(t));
      }
      return taints;
    }
    // a restricted number (a salary) stays restricted; a confidential status or count does not
    // a count or flag computed from a parameter is a fact whatever the caller passes
    const top = topLevel(this.policy);
    const keeps = (label: string) => {
      const field = /^(\S+) field /.exec(label);
      return !field || field[1] === top;
    };
    return taints.filter((t) => isSource(t) && (t.source.kind === 'request' || (t.source.kind === 'model' && keeps(t.source.label))));
  }
}

function isFactType(type: ts.Type): boolean {
  const facts =
    ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.StringLiteral;
  if (type.isUnion()) return type.types.every(isFactType);
  if (type.flags & facts) return true;
  const name = type.getSymbol()?.getName();
  return name === 'Date';
}

function firstParam(taints: Taint[]): ts.ParameterDeclaration | undefined {
  for (const t of taints) {
    if (isParam(t)) return t.param;
    if (t.source.fromParam) return t.source.fromParam;
  }
  return undefined;
}

/** Whether a pino redact path (`req.headers.authorization`, `*.password`, `user["email"]`) covers a logged key path. */
export function redactCovers(redactPath: string, keyPath: string): boolean {
  const r = redactPath.replace(/\[["']?([^\]"']+)["']?\]/g, '.$1').split('.');
  const k = keyPath.split('.');
  if (r.length > k.length) return false;
  return r.every((seg, i) => seg === '*' || seg === k[i]);
}

export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** `a.b.c` for a callee made of identifiers and property names; undefined otherwise. */
export function calleePath(e: ts.Expression): string | undefined {
  const x = skipOuter(e);
  if (ts.isIdentifier(x)) return x.text;
  if (x.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(x)) {
    const base = calleePath(x.expression);
    return base ? `${base}.${x.name.text}` : undefined;
  }
  return undefined;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

export function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x = skipOuter(e);
  for (;;) {
    if (ts.isIdentifier(x)) return x;
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) x = skipOuter(x.expression);
    else return undefined;
  }
}

export function accessKey(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  const arg = e.argumentExpression;
  if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) return arg.text;
  return undefined;
}

/** `c.req.json().phone` → `c.req.json()`: the expression a destructured value was read from. */
function sourceRoot(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function shortText(node: ts.Node): string {
  let text: string;
  try {
    text = node.getText();
  } catch {
    text = '';
  }
  return shorten(text);
}

function shorten(text: string): string {
  // type arguments say nothing about the data: `c.req.json<{ phone: string }>()` → `c.req.json()`
  const t = text.replace(/\s+/g, ' ').trim().replace(/<[^()]*?>(?=\()/g, '');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
