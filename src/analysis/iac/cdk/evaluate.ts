import ts from 'typescript';
import { DURATION_DAYS, cdkModuleOf, isResourceService, SCOPE_ROOTS, serviceOfRootMember } from './modules.js';
import { findDeclaration, findExport, isReassigned, moduleSpecifierOf, type Declaration } from './scope.js';
import { ABSENT, sameValue, toIacValue, unresolved, type Entry, type Frame, type Instance, type Loc, type Val } from './values.js';

/**
 * Static evaluation of CDK props: literals, objects with spreads, arrays, variables, parameters
 * bound to a call's arguments, shared prop objects and helpers imported from other files, enum
 * members of aws-cdk-lib, `Duration.*` (read as days), conditions that the bound values decide,
 * and fields of constructs (`this.table = …`). What it cannot decide is `unresolved`, with the
 * reason, so the rules report it as unverifiable instead of passing it.
 */
export interface Host {
  /** The file an import specifier leads to, when it is part of what is read. */
  load?(specifier: string, fromFile: string): ts.SourceFile | undefined;
  /** Follows imports when the editor has type information. */
  checker?: ts.TypeChecker;
}

const MAX_DEPTH = 12;

export function rootFrame(): Frame {
  return { prefix: '', depth: 0, tags: new Map() };
}

export class Evaluator {
  private readonly visiting = new Set<ts.Node>();

  constructor(readonly host: Host) {}

  loc(node: ts.Node): Loc {
    const sf = node.getSourceFile();
    return { file: sf.fileName, range: [node.getStart(sf), node.getEnd()] };
  }

  evaluate(expr: ts.Expression, frame: Frame): Val {
    if (frame.depth > MAX_DEPTH) return unresolved(this.loc(expr), expr.getText(), 'nested too deeply to follow');
    const at = this.loc(expr);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return { kind: 'literal', ...at, value: expr.text };
    if (ts.isNumericLiteral(expr)) return { kind: 'literal', ...at, value: Number(expr.text) };
    switch (expr.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return { kind: 'literal', ...at, value: true };
      case ts.SyntaxKind.FalseKeyword:
        return { kind: 'literal', ...at, value: false };
      case ts.SyntaxKind.NullKeyword:
        return { kind: 'literal', ...at, value: null };
      case ts.SyntaxKind.ThisKeyword:
        return frame.self ? this.instanceValue(frame.self, frame, expr) : unresolved(at, 'this', '`this` outside a construct');
    }
    if (ts.isIdentifier(expr)) return this.identifier(expr, frame);
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr)) {
      return this.evaluate(expr.expression, frame);
    }
    if (ts.isObjectLiteralExpression(expr)) return this.object(expr, frame);
    if (ts.isArrayLiteralExpression(expr)) return this.array(expr, frame);
    if (ts.isPropertyAccessExpression(expr)) return this.member(this.evaluate(expr.expression, frame), expr.name.text, expr, frame);
    if (ts.isElementAccessExpression(expr)) {
      const key = this.evaluate(expr.argumentExpression, frame);
      if (key.kind !== 'literal' || (typeof key.value !== 'string' && typeof key.value !== 'number')) return unresolved(at, expr.getText(), 'a computed key');
      const target = this.evaluate(expr.expression, frame);
      if (target.kind === 'array' && typeof key.value === 'number') return target.items[key.value] ?? ABSENT;
      return this.member(target, String(key.value), expr, frame);
    }
    if (ts.isCallExpression(expr)) return this.call(expr, frame);
    if (ts.isNewExpression(expr)) return this.newValue(expr, frame);
    if (ts.isConditionalExpression(expr)) return this.conditional(expr, frame);
    if (ts.isBinaryExpression(expr)) return this.binary(expr, frame);
    if (ts.isPrefixUnaryExpression(expr)) {
      const v = this.evaluate(expr.operand, frame);
      if (expr.operator === ts.SyntaxKind.ExclamationToken) {
        const t = truthiness(v);
        return t === undefined ? unresolved(at, expr.getText(), reasonOf(v)) : { kind: 'literal', ...at, value: !t };
      }
      if (expr.operator === ts.SyntaxKind.MinusToken && v.kind === 'literal' && typeof v.value === 'number') return { kind: 'literal', ...at, value: -v.value };
      return unresolved(at, expr.getText(), 'an operator datagate does not evaluate');
    }
    if (ts.isTemplateExpression(expr)) {
      // Unknown parts keep CloudFormation Sub style (`/aws/lambda/${Api.functionName}`), so names
      // that mention another construct can still be matched to it.
      let text = expr.head.text;
      let unknown: string | undefined;
      for (const span of expr.templateSpans) {
        const v = this.evaluate(span.expression, frame);
        if (v.kind === 'literal') text += String(v.value);
        else {
          unknown ??= `\`${span.expression.getText()}\` ${reasonOf(v)}`;
          if (v.kind === 'reference') text += `\${${v.target}${v.attribute ? `.${v.attribute}` : ''}}`;
          else if (v.kind === 'construct') text += `\${${v.id}}`;
          else text += `\${${span.expression.getText()}}`;
        }
        text += span.literal.text;
      }
      return unknown ? unresolved(at, text, unknown) : { kind: 'literal', ...at, value: text };
    }
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return { kind: 'callable', decl: expr, self: frame.self };
    return unresolved(at, expr.getText(), 'an expression datagate does not evaluate');
  }

  private identifier(id: ts.Identifier, frame: Frame): Val {
    if (id.text === 'undefined') return ABSENT;
    const decl = findDeclaration(id.text, id);
    if (!decl) return unresolved(this.loc(id), id.text, `'${id.text}' is not declared in this file`);
    return this.declaration(decl, id, frame);
  }

  /** The value a declaration gives the name `at` refers to. */
  declaration(decl: Declaration, at: ts.Node, frame: Frame): Val {
    if (this.visiting.has(decl)) return unresolved(this.loc(at), at.getText(), 'a circular definition');
    this.visiting.add(decl);
    try {
      return this.declarationInner(decl, at, frame);
    } finally {
      this.visiting.delete(decl);
    }
  }

  /** The value an iteration bound to a loop variable or callback parameter, if any. */
  bound(decl: ts.Node, frame: Frame): Val | undefined {
    for (let f: Frame | undefined = frame; f; f = f.caller) {
      const v = f.bindings?.get(decl);
      if (v) return v;
    }
    return undefined;
  }

  private declarationInner(decl: Declaration, at: ts.Node, frame: Frame): Val {
    const loc = this.loc(at);
    const iteration = this.bound(decl, frame);
    if (iteration) return iteration;
    if (ts.isParameter(decl)) return this.parameter(decl, at, frame);
    if (ts.isVariableDeclaration(decl)) {
      if (ts.isForOfStatement(decl.parent.parent) || ts.isForInStatement(decl.parent.parent)) return unresolved(loc, at.getText(), 'a loop variable');
      if (isReassigned(decl)) return unresolved(loc, at.getText(), `'${at.getText()}' is reassigned`);
      if (!decl.initializer) return ABSENT;
      return this.evaluate(decl.initializer, this.frameFor(decl, frame));
    }
    if (ts.isBindingElement(decl)) return this.bindingElement(decl, at, frame);
    if (ts.isFunctionDeclaration(decl)) return { kind: 'callable', decl: decl as ts.FunctionDeclaration & { body?: ts.Node } };
    if (ts.isClassDeclaration(decl)) return { kind: 'class', decl };
    if (ts.isEnumDeclaration(decl)) return this.userEnum(decl);
    return this.imported(decl, at);
  }

  /** The frame a declaration's initializer runs in: the expansion of the function it is in, if any. */
  frameFor(node: ts.Node, frame: Frame): Frame {
    // Inside an iteration the current frame is kept: its bindings (the loop variable) apply.
    let iterating = false;
    for (let f: Frame | undefined = frame; f; f = f.caller) {
      if (f.bindings) iterating = true;
      if (f.fn && contains(f.fn, node)) return iterating ? frame : f;
    }
    return { prefix: frame.prefix, depth: frame.depth + 1, tags: new Map(), self: frame.self && node.getSourceFile() === frame.self.cls.getSourceFile() ? frame.self : undefined };
  }

  private parameter(param: ts.ParameterDeclaration, at: ts.Node, frame: Frame): Val {
    const iteration = this.bound(param, frame);
    if (iteration) return iteration;
    const fn = param.parent;
    for (let f: Frame | undefined = frame; f; f = f.caller) {
      if (f.fn !== fn) continue;
      if (!f.args) break;
      const index = fn.parameters.indexOf(param);
      if (param.dotDotDotToken) {
        const items = f.args.slice(index).map((a) => this.evaluate(a, f.caller ?? rootFrame()));
        return { kind: 'array', ...this.loc(at), items };
      }
      const arg = f.args[index];
      const value = arg ? this.evaluate(arg, f.caller ?? rootFrame()) : ABSENT;
      if (value.kind === 'absent' && param.initializer) return this.evaluate(param.initializer, f);
      return value;
    }
    const owner = nameOf(fn);
    return unresolved(this.loc(at), at.getText(), `parameter '${param.name.getText()}' of ${owner} is set by its caller`);
  }

  private bindingElement(element: ts.BindingElement, at: ts.Node, frame: Frame): Val {
    const pattern = element.parent;
    const owner = pattern.parent;
    let source: Val;
    const iteration = this.bound(owner, frame);
    if (iteration) source = iteration;
    else if (ts.isBindingElement(owner)) source = this.bindingElement(owner, at, frame);
    else if (ts.isParameter(owner)) source = this.parameter(owner, at, frame);
    else if (ts.isVariableDeclaration(owner) && owner.initializer) source = this.evaluate(owner.initializer, this.frameFor(owner, frame));
    else return unresolved(this.loc(at), at.getText(), 'a destructured value');
    let value: Val;
    if (ts.isObjectBindingPattern(pattern)) {
      if (element.dotDotDotToken) value = source;
      else {
        const key = element.propertyName ?? element.name;
        value = ts.isIdentifier(key) || ts.isStringLiteral(key) ? this.member(source, key.text, at, frame) : unresolved(this.loc(at), at.getText(), 'a computed key');
      }
    } else {
      const index = pattern.elements.indexOf(element);
      value = source.kind === 'array' ? (source.items[index] ?? ABSENT) : source.kind === 'unresolved' ? source : unresolved(this.loc(at), at.getText(), 'a destructured value');
    }
    if (value.kind === 'absent' && element.initializer) return this.evaluate(element.initializer, this.frameFor(element, frame));
    return value;
  }

  private userEnum(decl: ts.EnumDeclaration): Val {
    const entries: Entry[] = [];
    let next = 0;
    for (const m of decl.members) {
      const loc = this.loc(m);
      let value: Val;
      if (m.initializer) value = this.evaluate(m.initializer, rootFrame());
      else value = { kind: 'literal', ...loc, value: next };
      if (value.kind === 'literal' && typeof value.value === 'number') next = value.value + 1;
      entries.push({ key: m.name.getText(), keyRange: loc.range, keyFile: loc.file, value });
    }
    return { kind: 'object', ...this.loc(decl), entries };
  }

  private imported(decl: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport | ts.ImportEqualsDeclaration, at: ts.Node): Val {
    const loc = this.loc(at);
    const specifier = moduleSpecifierOf(decl);
    if (!specifier) return unresolved(loc, at.getText(), 'an import datagate cannot follow');
    const cdk = cdkModuleOf(specifier);
    if (cdk) {
      if (ts.isImportSpecifier(decl)) {
        const name = (decl.propertyName ?? decl.name).getText();
        if (cdk.service === undefined) return { kind: 'cdk', ...loc, service: serviceOfRootMember(name), path: name.startsWith('aws_') ? [] : [name] };
        return { kind: 'cdk', ...loc, service: cdk.service, path: [name] };
      }
      return { kind: 'cdk', ...loc, service: cdk.service, path: [] };
    }
    const sf = this.host.load?.(specifier, decl.getSourceFile().fileName);
    if (sf) {
      if (ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) return { kind: 'module', sourceFile: sf };
      const name = ts.isImportClause(decl) ? 'default' : (decl.propertyName ?? decl.name).getText();
      const found = findExport(sf, name, (s, from) => this.host.load?.(s, from));
      if (found) return this.exported(found, at);
      return unresolved(loc, at.getText(), `'${name}' is not exported by ${specifier}`);
    }
    const viaChecker = this.checkerDeclaration(decl);
    if (viaChecker) return this.exported(viaChecker, at);
    return unresolved(loc, at.getText(), `'${at.getText()}' comes from ${specifier}, which is not part of this analysis`);
  }

  private exported(found: Declaration | ts.Expression | ts.SourceFile, at: ts.Node): Val {
    if (ts.isSourceFile(found)) return { kind: 'module', sourceFile: found };
    if (isDeclaration(found)) return this.declaration(found, at, rootFrame());
    return this.evaluate(found, rootFrame());
  }

  /** With type information, an import leads to its declaration in the program. */
  private checkerDeclaration(decl: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport | ts.ImportEqualsDeclaration): Declaration | ts.SourceFile | undefined {
    const checker = this.host.checker;
    const name = decl.name;
    if (!checker || !name) return undefined;
    let symbol = checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const target = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!target || target.getSourceFile().isDeclarationFile) return undefined;
    if (ts.isSourceFile(target)) return target;
    if (ts.isVariableDeclaration(target) || ts.isFunctionDeclaration(target) || ts.isClassDeclaration(target) || ts.isEnumDeclaration(target) || ts.isBindingElement(target)) return target;
    return undefined;
  }

  private object(expr: ts.ObjectLiteralExpression, frame: Frame): Val {
    const out: Extract<Val, { kind: 'object' }> = { kind: 'object', ...this.loc(expr), entries: [] };
    const set = (e: Entry) => {
      out.entries = out.entries.filter((x) => x.key !== e.key);
      out.entries.push(e);
    };
    for (const p of expr.properties) {
      if (ts.isSpreadAssignment(p)) {
        const v = this.evaluate(p.expression, frame);
        if (v.kind === 'object') {
          // Keys set before an unresolved spread may be overridden by it: they become unknown.
          if (v.rest) {
            out.entries = [];
            out.rest = v.rest;
          }
          for (const e of v.entries) set(e);
        } else if (v.kind !== 'absent') {
          out.entries = [];
          out.rest = { ...this.loc(p), text: p.expression.getText(), reason: v.kind === 'unresolved' ? v.reason : `a spread of ${v.kind}` };
        }
        continue;
      }
      const nameNode = p.name;
      let key: string | undefined;
      if (nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isNumericLiteral(nameNode))) key = nameNode.text;
      else if (nameNode && ts.isComputedPropertyName(nameNode)) {
        const k = this.evaluate(nameNode.expression, frame);
        if (k.kind === 'literal' && k.value !== null) key = String(k.value);
      }
      if (key === undefined || !nameNode) continue;
      const keyLoc = this.loc(nameNode);
      let value: Val;
      if (ts.isPropertyAssignment(p)) value = this.evaluate(p.initializer, frame);
      else if (ts.isShorthandPropertyAssignment(p)) value = this.identifier(p.name, frame);
      else continue;
      set({ key, keyRange: keyLoc.range, keyFile: keyLoc.file, value });
    }
    return out;
  }

  private array(expr: ts.ArrayLiteralExpression, frame: Frame): Val {
    const items: Val[] = [];
    for (const e of expr.elements) {
      if (ts.isSpreadElement(e)) {
        const v = this.evaluate(e.expression, frame);
        if (v.kind === 'array') items.push(...v.items);
        else items.push(v.kind === 'unresolved' ? v : unresolved(this.loc(e), e.getText(), 'a spread datagate cannot read'));
      } else if (!ts.isOmittedExpression(e)) items.push(this.evaluate(e, frame));
    }
    return { kind: 'array', ...this.loc(expr), items };
  }

  /** `value.name` */
  member(value: Val, name: string, at: ts.Node, frame: Frame): Val {
    const loc = this.loc(at);
    switch (value.kind) {
      case 'cdk':
        if (value.service === undefined) return { kind: 'cdk', ...loc, service: serviceOfRootMember(name), path: name.startsWith('aws_') ? [] : [name] };
        return { kind: 'cdk', ...loc, service: value.service, path: [...value.path, name] };
      case 'object': {
        const e = value.entries.find((x) => x.key === name);
        if (e) return e.value;
        return value.rest ? unresolved(loc, at.getText(), value.rest.reason) : ABSENT;
      }
      case 'array':
        return name === 'length' ? { kind: 'literal', ...loc, value: value.items.length } : unresolved(loc, at.getText(), 'an array method');
      case 'construct':
        if (value.instance) {
          const field = this.field(value.instance, name);
          if (field) return field;
        }
        return { kind: 'reference', ...loc, target: value.id, attribute: name, text: at.getText() };
      case 'reference':
        return { kind: 'reference', ...loc, target: value.target, attribute: value.attribute ? `${value.attribute}.${name}` : name, text: at.getText() };
      case 'module': {
        const found = findExport(value.sourceFile, name, (s, from) => this.host.load?.(s, from));
        return found ? this.exported(found, at) : unresolved(loc, at.getText(), `'${name}' is not exported by ${value.sourceFile.fileName}`);
      }
      case 'unresolved':
        return { ...value, ...loc, text: at.getText() };
      case 'absent':
        return ABSENT;
      default:
        return unresolved(loc, at.getText(), `a property of a ${value.kind}`);
    }
    void frame;
  }

  /** `this.<name>` of a user construct: an assignment in a constructor it ran, a field initializer, or a method. */
  private field(instance: Instance, name: string): Val | undefined {
    for (const f of instance.frames) {
      const body = f.fn && (f.fn as ts.ConstructorDeclaration).body;
      if (!body) continue;
      let found: ts.Expression | undefined;
      const visit = (node: ts.Node): void => {
        if (found || (node !== body && ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
        if (
          ts.isBinaryExpression(node) &&
          node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(node.left) &&
          node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
          node.left.name.text === name
        ) {
          found = node.right;
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(body);
      if (found) return this.evaluate(found, f);
    }
    for (let cls: ts.ClassLikeDeclaration | undefined = instance.cls; cls; cls = this.userBase(cls)) {
      for (const m of cls.members) {
        if (!m.name || m.name.getText() !== name) continue;
        if (ts.isPropertyDeclaration(m) && m.initializer) return this.evaluate(m.initializer, instance.frames[0] ?? rootFrame());
        if (ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m)) return { kind: 'callable', decl: m, self: instance };
      }
    }
    return undefined;
  }

  userBase(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
    const base = this.baseOf(cls);
    return base?.kind === 'class' ? base.decl : undefined;
  }

  /** What a class extends: a user class, or a CDK class. */
  baseOf(cls: ts.ClassLikeDeclaration): Val | undefined {
    const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    const expr = clause?.types[0]?.expression;
    return expr ? this.evaluate(expr, rootFrame()) : undefined;
  }

  private call(call: ts.CallExpression, frame: Frame): Val {
    const loc = this.loc(call);
    const callee = this.evaluate(call.expression, frame);
    if (callee.kind === 'cdk') return this.cdkCall(callee, call, frame);
    if (callee.kind === 'callable') return this.returnValue(callee, call, call.arguments, frame);
    if (ts.isPropertyAccessExpression(call.expression) && call.expression.getText() === 'Object.assign') return this.objectAssign(call, frame);
    return unresolved(loc, call.getText(), callee.kind === 'unresolved' ? callee.reason : 'a call datagate does not evaluate');
  }

  private cdkCall(callee: Extract<Val, { kind: 'cdk' }>, call: ts.CallExpression, frame: Frame): Val {
    const loc = this.loc(call);
    const [owner, method] = callee.path.slice(-2);
    if (callee.service === 'core' && owner === 'Duration' && method && method in DURATION_DAYS) {
      const amount = call.arguments[0] ? this.evaluate(call.arguments[0], frame) : ABSENT;
      if (amount.kind === 'literal' && typeof amount.value === 'number') return { kind: 'literal', ...loc, value: amount.value * DURATION_DAYS[method]! };
      return unresolved(loc, call.getText(), amount.kind === 'unresolved' ? amount.reason : 'a duration datagate cannot read');
    }
    if (callee.service === 'core' && (owner === 'Fn' || owner === 'Token' || owner === 'Lazy' || owner === 'SecretValue')) {
      return unresolved(loc, call.getText(), 'a CloudFormation token, known only at deploy time');
    }
    if (method?.startsWith('from')) {
      // An existing resource imported by name or ARN: a link to something this code does not declare.
      return { kind: 'reference', ...loc, target: call.getText(), attribute: 'imported', text: call.getText() };
    }
    // A factory such as ListenerAction.redirect({...}) or ClusterInstance.provisioned(...):
    // kept as { $call, $args } so requirements can look inside.
    const args = call.arguments.map((a) => this.evaluate(a, frame));
    return {
      kind: 'object',
      ...loc,
      entries: [
        { key: '$call', keyRange: loc.range, keyFile: loc.file, value: { kind: 'literal', ...loc, value: callee.path.join('.') } },
        { key: '$args', keyRange: loc.range, keyFile: loc.file, value: { kind: 'array', ...loc, items: args } },
      ],
    };
  }

  private objectAssign(call: ts.CallExpression, frame: Frame): Val {
    const merged: Extract<Val, { kind: 'object' }> = { kind: 'object', ...this.loc(call), entries: [] };
    for (const a of call.arguments) {
      const v = this.evaluate(a, frame);
      if (v.kind === 'object') {
        if (v.rest) merged.rest = v.rest;
        for (const e of v.entries) merged.entries = [...merged.entries.filter((x) => x.key !== e.key), e];
      } else if (v.kind !== 'absent') merged.rest = { ...this.loc(a), text: a.getText(), reason: v.kind === 'unresolved' ? v.reason : 'not an object' };
    }
    return merged;
  }

  /** What a helper returns for these arguments: its one return value (or all returns agree). */
  returnValue(callee: Extract<Val, { kind: 'callable' }>, call: ts.Node, args: readonly ts.Expression[], frame: Frame): Val {
    const loc = this.loc(call);
    const body = callee.decl.body;
    if (!body) return unresolved(loc, call.getText(), 'a function without a body');
    const inner: Frame = { fn: callee.decl, args, caller: frame, callSite: call, prefix: frame.prefix, self: callee.self ?? frame.self, depth: frame.depth + 1, tags: new Map() };
    if (!ts.isBlock(body)) return this.evaluate(body as ts.Expression, inner);
    const returns: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    if (returns.length === 0) return ABSENT;
    const values = returns.map((r) => this.evaluate(r, inner));
    if (values.length === 1) return values[0]!;
    const first = toIacValue(values[0]!, loc);
    if (values.every((v) => sameValue(toIacValue(v, loc), first))) return values[0]!;
    return unresolved(loc, call.getText(), `${nameOf(callee.decl)} returns different values depending on a branch`);
  }

  private conditional(expr: ts.ConditionalExpression, frame: Frame): Val {
    const t = truthiness(this.evaluate(expr.condition, frame));
    if (t === true) return this.evaluate(expr.whenTrue, frame);
    if (t === false) return this.evaluate(expr.whenFalse, frame);
    const a = this.evaluate(expr.whenTrue, frame);
    const b = this.evaluate(expr.whenFalse, frame);
    const loc = this.loc(expr);
    if (sameValue(toIacValue(a, loc), toIacValue(b, loc))) return a;
    return unresolved(loc, expr.getText(), `depends on \`${expr.condition.getText()}\``);
  }

  private binary(expr: ts.BinaryExpression, frame: Frame): Val {
    const loc = this.loc(expr);
    const op = expr.operatorToken.kind;
    const left = this.evaluate(expr.left, frame);
    if (op === ts.SyntaxKind.QuestionQuestionToken) {
      if (left.kind === 'absent' || (left.kind === 'literal' && left.value === null)) return this.evaluate(expr.right, frame);
      return left.kind === 'unresolved' ? { ...left, ...loc, text: expr.getText() } : left;
    }
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const t = truthiness(left);
      if (t === undefined) return { ...unresolved(loc, expr.getText(), reasonOf(left)) };
      const useLeft = op === ts.SyntaxKind.BarBarToken ? t : !t;
      return useLeft ? left : this.evaluate(expr.right, frame);
    }
    const right = this.evaluate(expr.right, frame);
    const lv = left.kind === 'literal' ? left.value : left.kind === 'absent' ? undefined : NaN;
    const rv = right.kind === 'literal' ? right.value : right.kind === 'absent' ? undefined : NaN;
    const known = !Number.isNaN(lv) && !Number.isNaN(rv);
    if (!known) return unresolved(loc, expr.getText(), reasonOf(left.kind === 'literal' || left.kind === 'absent' ? right : left));
    switch (op) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
        return { kind: 'literal', ...loc, value: lv === rv };
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return { kind: 'literal', ...loc, value: lv !== rv };
      case ts.SyntaxKind.PlusToken:
        if (typeof lv === 'number' && typeof rv === 'number') return { kind: 'literal', ...loc, value: lv + rv };
        return { kind: 'literal', ...loc, value: `${String(lv)}${String(rv)}` };
      case ts.SyntaxKind.AsteriskToken:
        if (typeof lv === 'number' && typeof rv === 'number') return { kind: 'literal', ...loc, value: lv * rv };
        break;
      case ts.SyntaxKind.MinusToken:
        if (typeof lv === 'number' && typeof rv === 'number') return { kind: 'literal', ...loc, value: lv - rv };
        break;
    }
    return unresolved(loc, expr.getText(), 'an operator datagate does not evaluate');
  }

  /** `new X(...)` used as a value: a construct (a link target) or a plain CDK object. */
  newValue(expr: ts.NewExpression, frame: Frame): Val {
    const loc = this.loc(expr);
    const callee = this.evaluate(expr.expression, frame);
    const args = expr.arguments ?? [];
    if (callee.kind === 'cdk' && callee.path.length === 1) {
      const type = `${callee.service}.${callee.path[0]}`;
      if (isConstructCall(expr)) return { kind: 'construct', ...loc, type, id: frame.prefix + this.constructId(args[1]!, frame) };
      // Not a construct (iam.PolicyStatement, an origin): its options object, tagged with its class.
      const options = args.map((a) => this.evaluate(a, frame)).find((v) => v.kind === 'object');
      const entries: Entry[] = [{ key: '$new', keyRange: loc.range, keyFile: loc.file, value: { kind: 'literal', ...loc, value: type } }];
      if (options?.kind === 'object') entries.push(...options.entries);
      return { kind: 'object', ...loc, entries };
    }
    if (callee.kind === 'class' && isConstructCall(expr)) {
      const id = frame.prefix + this.constructId(args[1]!, frame);
      const instance = this.instantiate(callee.decl, expr, frame);
      return { kind: 'construct', ...loc, type: this.cdkBaseType(callee.decl) ?? `user.${callee.decl.name?.text ?? 'anonymous'}`, id, instance: instance.instance };
    }
    return unresolved(loc, expr.getText(), callee.kind === 'unresolved' ? callee.reason : 'an object datagate does not evaluate');
  }

  constructId(arg: ts.Expression, frame: Frame): string {
    const v = this.evaluate(arg, frame);
    return v.kind === 'literal' && v.value !== null ? String(v.value) : arg.getText();
  }

  private instanceValue(self: Instance, frame: Frame, at: ts.Node): Val {
    const loc = this.loc(at);
    const id = frame.prefix.replace(/\/$/, '') || (self.cls.name?.text ?? 'this');
    return { kind: 'construct', ...loc, type: this.cdkBaseType(self.cls) ?? `user.${self.cls.name?.text ?? 'anonymous'}`, id, instance: self };
  }

  /** The CDK resource class a user class extends (through other user classes), e.g. 'dynamodb.Table'. */
  cdkBaseType(cls: ts.ClassLikeDeclaration): string | undefined {
    const seen = new Set<ts.Node>();
    for (let c: ts.ClassLikeDeclaration | undefined = cls; c && !seen.has(c); ) {
      seen.add(c);
      const base = this.baseOf(c);
      if (base?.kind === 'cdk') return isResourceService(base.service) && base.path.length === 1 ? `${base.service}.${base.path[0]}` : undefined;
      c = base?.kind === 'class' ? base.decl : undefined;
    }
    return undefined;
  }

  /** Whether a class is (through user classes) a Stack/Stage: construct ids below it are not prefixed. */
  isScopeRoot(cls: ts.ClassLikeDeclaration): boolean {
    const seen = new Set<ts.Node>();
    for (let c: ts.ClassLikeDeclaration | undefined = cls; c && !seen.has(c); ) {
      seen.add(c);
      const base = this.baseOf(c);
      if (base?.kind === 'cdk') return base.service === 'core' && SCOPE_ROOTS.has(base.path[0] ?? '');
      c = base?.kind === 'class' ? base.decl : undefined;
    }
    return false;
  }

  /**
   * The frames a user construct's constructors run in for one `new`: its own constructor with the
   * call's arguments, then each base class's constructor with the `super(...)` arguments.
   */
  instantiate(cls: ts.ClassLikeDeclaration, expr: ts.NewExpression, caller: Frame): { instance: Instance; superCall?: { args: readonly ts.Expression[]; frame: Frame; node: ts.Node } } {
    const instance: Instance = { cls, frames: [] };
    const args = expr.arguments ?? [];
    const id = args[1] ? this.constructId(args[1], caller) : cls.name?.text ?? 'construct';
    const prefix = this.isScopeRoot(cls) ? '' : `${caller.prefix}${id}/`;
    let current: ts.ClassLikeDeclaration | undefined = cls;
    let currentArgs: readonly ts.Expression[] = args;
    let currentCaller = caller;
    let superCall: { args: readonly ts.Expression[]; frame: Frame; node: ts.Node } | undefined;
    const seen = new Set<ts.Node>();
    while (current && !seen.has(current) && instance.frames.length < MAX_DEPTH) {
      seen.add(current);
      const ctor = current.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
      const frame: Frame = { fn: ctor, args: ctor ? currentArgs : undefined, caller: currentCaller, callSite: expr, prefix, self: instance, depth: caller.depth + 1, tags: new Map() };
      instance.frames.push(frame);
      const base = this.baseOf(current);
      let nextArgs = currentArgs;
      let nextCaller = currentCaller;
      let superNode: ts.Node = expr;
      if (ctor?.body) {
        const sup = findSuperCall(ctor.body);
        if (sup) {
          nextArgs = sup.arguments;
          nextCaller = frame;
          superNode = sup;
        }
      }
      if (base?.kind === 'cdk') {
        superCall = { args: nextArgs, frame: nextCaller, node: superNode };
        break;
      }
      current = base?.kind === 'class' ? base.decl : undefined;
      currentArgs = nextArgs;
      currentCaller = nextCaller;
    }
    return { instance, superCall };
  }
}

export function findSuperCall(body: ts.Node): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) found = node;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** `new X(scope, 'Id', props?)`: a construct call, unlike `new HttpOrigin('host', {...})`. */
export function isConstructCall(expr: ts.NewExpression): boolean {
  const args = expr.arguments ?? [];
  if (args.length < 2) return false;
  const scope = args[0]!;
  if (ts.isStringLiteralLike(scope) || ts.isObjectLiteralExpression(scope) || ts.isNumericLiteral(scope) || ts.isTemplateExpression(scope)) return false;
  const id = args[1]!;
  return ts.isStringLiteralLike(id) || ts.isTemplateExpression(id) || ts.isIdentifier(id) || ts.isPropertyAccessExpression(id) || ts.isBinaryExpression(id) || ts.isCallExpression(id);
}

function truthiness(v: Val): boolean | undefined {
  if (v.kind === 'absent') return false;
  if (v.kind === 'literal') return Boolean(v.value);
  if (v.kind === 'object' || v.kind === 'array' || v.kind === 'construct' || v.kind === 'cdk') return true;
  return undefined;
}

function reasonOf(v: Val): string {
  return v.kind === 'unresolved' ? v.reason : `is a ${v.kind}`;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getSourceFile() === outer.getSourceFile() && inner.pos >= outer.pos && inner.end <= outer.end;
}

function isDeclaration(node: ts.Node): node is Declaration {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isBindingElement(node) ||
    ts.isParameter(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isImportSpecifier(node) ||
    ts.isImportClause(node) ||
    ts.isNamespaceImport(node) ||
    ts.isImportEqualsDeclaration(node)
  );
}

export function nameOf(fn: ts.Node): string {
  if (ts.isConstructorDeclaration(fn)) return (fn.parent as ts.ClassLikeDeclaration).name?.text ?? 'a class';
  const named = fn as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return 'a function';
}
