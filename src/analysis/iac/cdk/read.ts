import ts from 'typescript';
import type { IacResource, IacValue } from '../model.js';
import { Evaluator, findSuperCall, isConstructCall, rootFrame, type Host } from './evaluate.js';
import { isResourceService } from './modules.js';
import { findDeclaration, findExport, moduleSpecifierOf } from './scope.js';
import { locKey, toIacValue, type Frame, type Instance, type Val } from './values.js';

/**
 * Reads CDK TypeScript into the shared resource model (format 'cdk', type '<service>.<Class>').
 *
 * Every module-level statement is read, and every function, method or constructor body that
 * nothing in the read files calls (those read on their own, with their parameters unresolved).
 * A call to a user function, or `new` of a user class (a wrapper construct, a subclass of an L2,
 * a stack), is expanded where it happens: the body is read again with its parameters bound to
 * the call's arguments, so `new SecureBucket(this, 'Exports', { ... })` yields the bucket it
 * creates with the caller's props, and `class ReferralTable extends dynamodb.Table` yields a
 * table whose props are those its constructor passes to `super`.
 */
export function readCdk(files: readonly ts.SourceFile[], host: Host): IacResource[] {
  return new CdkReader(host).read(files);
}

interface Emitted {
  resource: IacResource;
  frame: Frame;
}

const ITERATORS = new Set(['forEach', 'map', 'flatMap']);
const MAX_ITERATIONS = 50;

const LISTENER_OF: Record<string, string> = {
  'elasticloadbalancingv2.ApplicationLoadBalancer': 'elasticloadbalancingv2.ApplicationListener',
  'elasticloadbalancingv2.NetworkLoadBalancer': 'elasticloadbalancingv2.NetworkListener',
};

class CdkReader {
  private readonly ev: Evaluator;
  private readonly emitted: Emitted[] = [];
  private readonly tagOps: Array<{ id: string; key: string; value: string }> = [];

  constructor(host: Host) {
    this.ev = new Evaluator(host);
  }

  read(files: readonly ts.SourceFile[]): IacResource[] {
    const called = new Set<ts.Node>();
    for (const sf of files) this.collectCallees(sf, called);
    for (const sf of files) this.walk(sf, rootFrame());
    for (const sf of files) this.readUncalled(sf, called);
    return this.finish();
  }

  /** Every function and class that some call or `new` in the read files reaches. */
  private collectCallees(sf: ts.SourceFile, into: Set<ts.Node>): void {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const target = this.calleeDeclaration(node.expression);
        if (target) into.add(target);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ITERATORS.has(node.expression.name.text)) {
        const callback = node.arguments[0];
        if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) into.add(callback);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  private calleeDeclaration(expr: ts.Expression): ts.Node | undefined {
    if (ts.isParenthesizedExpression(expr)) return this.calleeDeclaration(expr.expression);
    if (ts.isPropertyAccessExpression(expr)) {
      if (expr.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(expr);
        return cls?.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === expr.name.text);
      }
      if (ts.isIdentifier(expr.expression)) {
        const ns = findDeclaration(expr.expression.text, expr);
        if (ns && ts.isNamespaceImport(ns)) {
          const spec = moduleSpecifierOf(ns);
          const sf = spec ? this.ev.host.load?.(spec, expr.getSourceFile().fileName) : undefined;
          const found = sf && findExport(sf, expr.name.text, (s, f) => this.ev.host.load?.(s, f));
          return found ? this.callableNode(found) : undefined;
        }
      }
      return undefined;
    }
    if (!ts.isIdentifier(expr)) return undefined;
    const decl = findDeclaration(expr.text, expr);
    if (!decl) return undefined;
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) {
      const spec = moduleSpecifierOf(decl);
      const sf = spec ? this.ev.host.load?.(spec, expr.getSourceFile().fileName) : undefined;
      if (sf) {
        const name = ts.isImportClause(decl) ? 'default' : (decl.propertyName ?? decl.name).getText();
        const found = findExport(sf, name, (s, f) => this.ev.host.load?.(s, f));
        return found ? this.callableNode(found) : undefined;
      }
      const v = this.ev.evaluate(expr, rootFrame());
      if (v.kind === 'class') return v.decl;
      if (v.kind === 'callable') return v.decl;
      return undefined;
    }
    return this.callableNode(decl);
  }

  private callableNode(node: ts.Node): ts.Node | undefined {
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) return node;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init)) return init;
    }
    return undefined;
  }

  /** Bodies nobody calls are read on their own: their parameters are unresolved. */
  private readUncalled(sf: ts.SourceFile, called: Set<ts.Node>): void {
    const visit = (node: ts.Node): void => {
      if (ts.isConstructorDeclaration(node) && node.body) {
        const cls = node.parent;
        if (!called.has(cls)) {
          const instance: Instance = { cls, frames: [] };
          const frame: Frame = { fn: node, prefix: '', self: instance, depth: 1, tags: new Map() };
          instance.frames.push(frame);
          this.readSubclassAtDefinition(cls, node, frame);
          this.walk(node.body, frame);
        }
      } else if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isGetAccessorDeclaration(node)) && node.body) {
        if (!called.has(node)) {
          const cls = enclosingClass(node);
          const self: Instance | undefined = cls ? { cls, frames: [] } : undefined;
          const frame: Frame = { fn: node, prefix: '', self, depth: 1, tags: new Map() };
          this.walk(node.body, frame);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** A subclass of an L2 that nothing here instantiates: its `super(...)` props, as far as they are known. */
  private readSubclassAtDefinition(cls: ts.ClassLikeDeclaration, ctor: ts.ConstructorDeclaration, frame: Frame): void {
    const base = this.ev.baseOf(cls);
    if (base?.kind !== 'cdk' || !isResourceService(base.service) || base.path.length !== 1 || !ctor.body) return;
    const sup = findSuperCall(ctor.body);
    if (!sup) return;
    const type = `${base.service}.${base.path[0]}`;
    const id = cls.name?.text ?? 'construct';
    this.emit(type, id, sup, sup.arguments[2], frame, cls.name?.text);
  }

  /** Visits a body: constructs, wrapper/helper expansions, tags and listeners. Nested functions are their own bodies. */
  private walk(body: ts.Node, frame: Frame): void {
    const visit = (node: ts.Node): void => {
      if (node !== body && (ts.isFunctionLike(node) || ts.isClassLike(node))) return;
      if (ts.isForOfStatement(node) && this.onForOf(node, frame)) return;
      if (ts.isNewExpression(node)) this.onNew(node, frame);
      else if (ts.isCallExpression(node) && this.onIteration(node, frame)) return;
      else if (ts.isCallExpression(node)) this.onCall(node, frame);
      ts.forEachChild(node, visit);
    };
    visit(body);
  }

  /** `for (const q of QUEUES) new sqs.Queue(this, q.id, q.props)` over a known array: one read per element. */
  private onForOf(loop: ts.ForOfStatement, frame: Frame): boolean {
    const list = loop.initializer;
    const decl = ts.isVariableDeclarationList(list) ? list.declarations[0] : undefined;
    if (!decl) return false;
    const items = this.ev.evaluate(loop.expression, frame);
    if (items.kind !== 'array' || items.items.length > MAX_ITERATIONS) return false;
    for (const item of items.items) this.walk(loop.statement, this.iteration(frame, new Map([[decl as ts.Node, item]])));
    return true;
  }

  /** `QUEUES.forEach((q) => …)` / `.map(…)` with an inline callback over a known array. */
  private onIteration(call: ts.CallExpression, frame: Frame): boolean {
    const callee = call.expression;
    const callback = call.arguments[0];
    if (!ts.isPropertyAccessExpression(callee) || !ITERATORS.has(callee.name.text) || !callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
    const items = this.ev.evaluate(callee.expression, frame);
    if (items.kind !== 'array' || items.items.length > MAX_ITERATIONS) {
      // Unknown list: the callback is read once with its parameters unresolved.
      this.walk(callback.body, { fn: callback, caller: frame, prefix: frame.prefix, self: frame.self, depth: frame.depth + 1, tags: new Map() });
      return false;
    }
    const [itemParam, indexParam] = callback.parameters;
    items.items.forEach((item, i) => {
      const bindings = new Map<ts.Node, Val>();
      if (itemParam) bindings.set(itemParam, item);
      if (indexParam) bindings.set(indexParam, { kind: 'literal', ...this.ev.loc(indexParam), value: i });
      this.walk(callback.body, { ...this.iteration(frame, bindings), fn: callback });
    });
    this.walk(callee.expression, frame);
    return true;
  }

  private iteration(frame: Frame, bindings: Map<ts.Node, Val>): Frame {
    return { caller: frame, prefix: frame.prefix, self: frame.self, depth: frame.depth + 1, tags: new Map(), bindings };
  }

  private onNew(expr: ts.NewExpression, frame: Frame): void {
    if (frame.depth > 10) return;
    const callee = this.ev.evaluate(expr.expression, frame);
    const args = expr.arguments ?? [];
    if (callee.kind === 'cdk' && isResourceService(callee.service) && callee.path.length === 1 && isConstructCall(expr)) {
      const id = frame.prefix + this.ev.constructId(args[1]!, frame);
      this.emit(`${callee.service}.${callee.path[0]}`, id, expr, args[2], frame);
      return;
    }
    if (callee.kind !== 'class' || !isConstructCall(expr)) return;
    const { instance, superCall } = this.ev.instantiate(callee.decl, expr, frame);
    const baseType = this.ev.cdkBaseType(callee.decl);
    if (baseType && superCall) {
      const id = frame.prefix + this.ev.constructId(args[1]!, frame);
      this.emitAt(baseType, id, expr, frame, superCall.args[2], superCall.frame, callee.decl.name?.text);
    }
    for (const f of instance.frames) {
      const body = f.fn && (f.fn as ts.ConstructorDeclaration).body;
      if (body) this.walk(body, f);
    }
  }

  private onCall(call: ts.CallExpression, frame: Frame): void {
    if (frame.depth > 10 || call.expression.kind === ts.SyntaxKind.SuperKeyword) return;
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'add' && ts.isCallExpression(callee.expression) && this.isTagsOf(callee.expression, frame)) {
        this.onTag(callee.expression, call, frame);
        return;
      }
      if (method === 'addListener' && call.arguments.length >= 2) {
        const lb = this.ev.evaluate(callee.expression, frame);
        const type = lb.kind === 'construct' ? LISTENER_OF[lb.type] : undefined;
        if (type && lb.kind === 'construct') {
          const id = `${lb.id}/${this.ev.constructId(call.arguments[0]!, frame)}`;
          this.emit(type, id, call, call.arguments[1], frame);
          return;
        }
      }
    }
    const target = this.ev.evaluate(callee, frame);
    if (target.kind !== 'callable' || !target.decl.body) return;
    const inner: Frame = { fn: target.decl, args: call.arguments, caller: frame, callSite: call, prefix: frame.prefix, self: target.self ?? frame.self, depth: frame.depth + 1, tags: new Map() };
    this.walk(target.decl.body, inner);
  }

  private isTagsOf(call: ts.CallExpression, frame: Frame): boolean {
    const v = this.ev.evaluate(call.expression, frame);
    return v.kind === 'cdk' && v.service === 'core' && v.path.join('.') === 'Tags.of';
  }

  private onTag(tagsOf: ts.CallExpression, add: ts.CallExpression, frame: Frame): void {
    const [k, v] = add.arguments.map((a) => this.ev.evaluate(a, frame));
    if (k?.kind !== 'literal' || v?.kind !== 'literal') return;
    const target = tagsOf.arguments[0];
    if (!target) return;
    if (target.kind === ts.SyntaxKind.ThisKeyword) {
      frame.tags.set(String(k.value), String(v.value));
      return;
    }
    const construct = this.ev.evaluate(target, frame);
    if (construct.kind === 'construct') this.tagOps.push({ id: construct.id, key: String(k.value), value: String(v.value) });
  }

  private emit(type: string, id: string, node: ts.Node, propsExpr: ts.Expression | undefined, frame: Frame, via?: string): void {
    this.emitAt(type, id, node, frame, propsExpr, frame, via);
  }

  /**
   * One resource. It is placed at its `new`, except when its props are wholly the caller's
   * (`new s3.Bucket(this, 'B', props)` or `{ ...props }` in a wrapper): then at the call that
   * passed them, where a missing prop has to be added.
   */
  private emitAt(type: string, id: string, node: ts.Node, frame: Frame, propsExpr: ts.Expression | undefined, propsFrame: Frame, via?: string): void {
    const props: Val | undefined = propsExpr ? this.ev.evaluate(propsExpr, propsFrame) : undefined;
    let place: ts.Node = node;
    if (propsExpr && propsFrame.args && propsFrame.callSite && comesFromParameter(propsExpr, propsFrame.fn)) place = propsFrame.callSite;
    const loc = this.ev.loc(place);
    const iac = props ? toIacValue(props, loc) : undefined;
    const resource: IacResource = { format: 'cdk', type, id, file: loc.file, range: loc.range };
    if (iac) resource.props = iac;
    if (via) resource.via = via;
    this.emitted.push({ resource, frame });
  }

  private finish(): IacResource[] {
    const out: IacResource[] = [];
    const seen = new Set<string>();
    for (const { resource, frame } of this.emitted) {
      const tags: Record<string, string> = {};
      const chain: Frame[] = [];
      for (let f: Frame | undefined = frame; f; f = f.caller) chain.unshift(f);
      for (const f of chain) for (const [k, v] of f.tags) tags[k] = v;
      for (const op of this.tagOps) if (op.id === resource.id) tags[op.key] = op.value;
      Object.assign(tags, l1Tags(resource.props));
      if (Object.keys(tags).length > 0) resource.tags = tags;
      const key = [resource.type, resource.id, resource.file, resource.range.join(':'), locKey(resource.props), JSON.stringify(resource.tags ?? {})].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(resource);
    }
    return out;
  }
}

function comesFromParameter(expr: ts.Expression, fn: ts.SignatureDeclaration | undefined): boolean {
  if (!fn) return false;
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  const isParam = (x: ts.Expression) => {
    if (!ts.isIdentifier(x)) return false;
    const decl = findDeclaration(x.text, x);
    return !!decl && ts.isParameter(decl) && decl.parent === fn;
  };
  if (isParam(e)) return true;
  return ts.isObjectLiteralExpression(e) && e.properties.some((p) => ts.isSpreadAssignment(p) && isParam(p.expression));
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isClassLike(n)) return n;
  return undefined;
}

/** L1 constructs carry tags as `tags: [{ key, value }]`. */
function l1Tags(props: IacValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (props?.kind !== 'object') return out;
  const tags = props.entries.find((e) => e.key === 'tags')?.value;
  if (tags?.kind !== 'array') return out;
  for (const t of tags.items) {
    if (t.kind !== 'object') continue;
    const k = t.entries.find((e) => e.key === 'key')?.value;
    const v = t.entries.find((e) => e.key === 'value')?.value;
    if (k?.kind === 'literal' && v?.kind === 'literal') out[String(k.value)] = String(v.value);
  }
  return out;
}
