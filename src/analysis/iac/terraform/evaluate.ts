import { basename } from 'node:path';
import type { IacEntry, IacValue } from '../model.js';
import type { Range } from '../../types.js';
import type { Block, Body, Expr, TemplatePart } from './ast.js';
import { policyDocumentOf } from './policy-document.js';
import type { ModuleFile, ModuleScope } from './scope.js';

/**
 * Turns HCL expressions into IacValues the rules can judge. What Terraform itself would know
 * before `plan` is resolved: literals, templates of literals, `var.x` with a default (or a value
 * in the directory's terraform.tfvars / *.auto.tfvars, or from the module's callers; unresolved
 * when the directory's other var files disagree), `local.x`, a resource's own literal
 * argument inside a string template (`"/aws/lambda/${aws_lambda_function.api.function_name}"`),
 * `jsonencode(...)`, `merge(...)` and a few other pure functions, conditionals on known values.
 * A whole-expression reference to another resource (`aws_s3_bucket.data.id`) stays a
 * `reference`, so the engine can link split resources to their bucket. Anything else is
 * `unresolved`, with the reason, so the rules report it as unverifiable instead of passing it.
 *
 * A value resolved through a variable or local takes the range of the expression that uses it:
 * a finding points at the resource's attribute, not at variables.tf.
 */
export class Evaluator {
  private readonly active = new Set<string>();
  /** The for_each of the resource being read, while its body is evaluated. */
  private eachSource: IacValue | undefined;
  /** The instance being read, when a resource is expanded over a literal for_each. */
  private eachInstance: EachInstance | undefined;

  /**
   * @param inputs for a module called from another module of the scan: the values its callers
   *   pass for its variables (already evaluated in the caller); undefined for a root module
   */
  constructor(
    private readonly scope: ModuleScope,
    private readonly inputs?: ReadonlyMap<string, IacValue>,
  ) {}

  evaluate(expr: Expr, file: ModuleFile): IacValue {
    switch (expr.type) {
      case 'Literal':
        return { kind: 'literal', value: expr.value, file: file.path, range: expr.range };
      case 'Parens':
        return resite(this.evaluate(expr.expr, file), file.path, expr.range);
      case 'Template':
        return this.template(expr, file);
      case 'Tuple':
        return { kind: 'array', items: expr.items.map((i) => this.evaluate(i, file)), file: file.path, range: expr.range };
      case 'Object':
        return this.object(expr, file);
      case 'Variable':
      case 'GetAttr':
      case 'Index':
        return this.traversal(expr, file);
      case 'Splat': {
        const target = referenceTarget(expr.source);
        const attribute = splatAttribute(expr.each);
        if (target) return { kind: 'reference', target, attribute, text: textOf(file, expr.range), file: file.path, range: expr.range };
        return this.unresolved(expr, file, 'a splat expression over values datagate does not evaluate');
      }
      case 'SplatItem':
        return this.unresolved(expr, file, 'a splat item');
      case 'Call':
        return this.call(expr, file);
      case 'Conditional':
        return this.conditional(expr, file);
      case 'Binary':
        return this.binary(expr, file);
      case 'Unary': {
        const operand = this.evaluate(expr.operand, file);
        if (operand.kind === 'literal') {
          if (expr.op === '!' && typeof operand.value === 'boolean') return lit(!operand.value, file, expr.range);
          if (expr.op === '-' && typeof operand.value === 'number') return lit(-operand.value, file, expr.range);
        }
        return this.unresolved(expr, file, unresolvedReason(operand));
      }
      case 'For':
        return this.unresolved(expr, file, 'a for expression');
    }
  }

  /**
   * A resource's body. A for_each over another resource makes `each.value` a reference to it. A
   * for_each over a literal map or set (`for_each = local.log_groups`) is also read once per key:
   * where every instance gives the same value (retention_in_days = each.value, all 14) that value
   * is known; where instances differ it stays unresolved, naming each instance's value. One
   * resource either way, so a finding is reported once for the block.
   */
  resourceBody(body: Body, file: ModuleFile, range: Range): IacValue & { kind: 'object' } {
    const forEach = body.items.find((i) => i.type === 'Attribute' && i.name === 'for_each');
    const source = forEach?.type === 'Attribute' ? this.evaluate(forEach.expr, file) : undefined;
    const instances = literalInstances(source);
    const usesEach = /\beach\.(?:key|value)\b/.test(file.text.slice(body.range[0], body.range[1]));
    try {
      this.eachSource = source;
      const base = this.body(body, file, range);
      if (!instances || instances.length === 0 || instances.length > 100 || !usesEach) return base;
      this.eachSource = undefined;
      const read = instances.map((instance) => {
        this.eachInstance = instance;
        return { key: instance.key, props: this.body(body, file, range) as IacValue };
      });
      return mergeInstances(base, read) as IacValue & { kind: 'object' };
    } finally {
      this.eachSource = undefined;
      this.eachInstance = undefined;
    }
  }

  /** A block's body as an object: attributes by name, nested blocks as objects (repeated ones as an array). */
  body(body: Body, file: ModuleFile, range: Range): IacValue & { kind: 'object' } {
    const entries: IacEntry[] = [];
    const blocks = new Map<string, { keyRange: Range; values: IacValue[] }>();
    for (const item of body.items) {
      if (item.type === 'Attribute') {
        entries.push({ key: item.name, keyRange: item.nameRange, value: this.evaluate(item.expr, file) });
        continue;
      }
      const { key, value } = this.nestedBlock(item, file);
      const existing = blocks.get(key);
      if (existing) {
        existing.values.push(value);
        continue;
      }
      const group = { keyRange: item.type === 'Block' && item.blockType === 'dynamic' ? item.labels[0]?.range ?? item.typeRange : item.typeRange, values: [value] };
      blocks.set(key, group);
      entries.push({ key, keyRange: group.keyRange, value });
    }
    for (const e of entries) {
      const group = blocks.get(e.key);
      if (group && group.values.length > 1) {
        const first = group.values[0]!;
        const last = group.values[group.values.length - 1]!;
        e.value = { kind: 'array', items: group.values, file: file.path, range: [first.range[0], last.range[1]] };
      }
    }
    return { kind: 'object', entries, file: file.path, range };
  }

  private nestedBlock(block: Block, file: ModuleFile): { key: string; value: IacValue } {
    if (block.blockType === 'dynamic' && block.labels[0]) {
      // The blocks a `dynamic` generates depend on its for_each: the rules must not assume their content.
      const forEach = block.body.items.find((i) => i.type === 'Attribute' && i.name === 'for_each');
      const source = forEach?.type === 'Attribute' ? ` from for_each = ${textOf(file, forEach.expr.range)}` : '';
      return {
        key: block.labels[0].value,
        value: {
          kind: 'unresolved',
          text: textOf(file, block.range),
          reason: `"${block.labels[0].value}" blocks are generated by a dynamic block${source}`,
          file: file.path,
          range: block.range,
        },
      };
    }
    const bodyStart = block.body.range[0];
    return { key: block.blockType, value: this.body(block.body, file, [Math.max(block.typeRange[0], bodyStart - 1), block.range[1]]) };
  }

  /**
   * A JSON document written as a string or heredoc (`policy = <<EOF {...} EOF`), read as the
   * structure it encodes. Interpolations that cannot be resolved become unresolved/reference
   * values inside the document; the rest of it stays readable.
   */
  jsonDocument(expr: Expr, file: ModuleFile): IacValue | undefined {
    if (expr.type !== 'Template' || (expr.parts.length === 1 && expr.parts[0]!.type === 'Interpolation' && !expr.heredoc)) return undefined;
    const holes: IacValue[] = [];
    let json = '';
    for (const part of expr.parts) {
      if (part.type === 'Text') json += part.value;
      else if (part.type === 'Interpolation') {
        const value = this.inString(part.expr, file);
        if (value.kind === 'literal' && value.value !== null) json += JSON.stringify(String(value.value)).slice(1, -1);
        else {
          holes.push(value);
          // an escaped NUL cannot occur in real policy text, so it marks the hole unambiguously
          json += `\\u0000${holes.length - 1}\\u0000`;
        }
      } else return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const range = expr.range;
    const toValue = (v: unknown): IacValue => {
      if (Array.isArray(v)) return { kind: 'array', items: v.map(toValue), file: file.path, range };
      if (typeof v === 'object' && v !== null) {
        return { kind: 'object', entries: Object.entries(v).map(([key, inner]) => ({ key, keyRange: range, value: toValue(inner) })), file: file.path, range };
      }
      if (typeof v === 'string' && v.includes('\u0000')) {
        const whole = /^\u0000(\d+)\u0000$/.exec(v);
        if (whole) return holes[Number(whole[1])]!;
        const reasons = [...v.matchAll(/\u0000(\d+)\u0000/g)].map((m) => unresolvedReason(holes[Number(m[1])]));
        return { kind: 'unresolved', text: v.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `\${${holeText(holes[Number(i)]!)}}`), reason: reasons[0]!, file: file.path, range };
      }
      return { kind: 'literal', value: v as string | number | boolean | null, file: file.path, range };
    };
    return toValue(parsed);
  }

  private object(expr: Expr & { type: 'Object' }, file: ModuleFile): IacValue {
    const entries: IacEntry[] = [];
    for (const item of expr.items) {
      let key: string;
      const k = item.key.type === 'Parens' ? item.key.expr : item.key;
      if (k.type === 'Literal') key = String(k.value);
      else {
        const value = this.evaluate(k, file);
        key = value.kind === 'literal' ? String(value.value) : textOf(file, item.key.range);
      }
      entries.push({ key, keyRange: item.key.range, value: this.evaluate(item.value, file) });
    }
    return { kind: 'object', entries, file: file.path, range: expr.range };
  }

  private template(expr: Expr & { type: 'Template' }, file: ModuleFile): IacValue {
    const [only] = expr.parts;
    if (expr.parts.length === 1 && only?.type === 'Interpolation' && !expr.heredoc) {
      // "${x}" is x itself, whatever its type
      return resite(this.evaluate(only.expr, file), file.path, expr.range);
    }
    const rendered = this.render(expr.parts, file);
    if (rendered.reason === undefined) return lit(rendered.text, file, expr.range);
    // The text of what is unknown reads like CloudFormation's Sub — /aws/lambda/${var.name}-api —
    // with what is known filled in, so names built the same way compare equal across resources.
    const text = expr.heredoc ? textOf(file, expr.range) : rendered.text;
    return { kind: 'unresolved', text, reason: rendered.reason, file: file.path, range: expr.range };
  }

  /** The template's text: literal where every part is known (reason undefined), else Sub-style with ${…} for the unknown parts. */
  private render(parts: TemplatePart[], file: ModuleFile): { text: string; reason?: string } {
    let text = '';
    let reason: string | undefined;
    for (const part of parts) {
      switch (part.type) {
        case 'Text':
          text += part.value;
          break;
        case 'Interpolation': {
          const value = this.inString(part.expr, file);
          if (value.kind === 'literal' && value.value !== null) text += String(value.value);
          else {
            reason ??= unresolvedReason(value);
            text += subText(value, file, part.expr.range);
          }
          break;
        }
        case 'If': {
          const cond = this.evaluate(part.cond, file);
          if (cond.kind === 'literal' && typeof cond.value === 'boolean') {
            const chosen = this.render(cond.value ? part.then : part.else ?? [], file);
            text += chosen.text;
            reason ??= chosen.reason;
          } else {
            reason ??= unresolvedReason(cond);
            text += textOf(file, part.range);
          }
          break;
        }
        case 'For':
          reason ??= 'a %{ for } template directive';
          text += textOf(file, part.range);
          break;
      }
    }
    return { text, reason };
  }

  /**
   * A value interpolated into a string: here a resource's attribute is worth its literal
   * argument (the function_name inside a log group name), since only the text matters.
   */
  private inString(expr: Expr, file: ModuleFile): IacValue {
    const value = this.evaluate(expr, file);
    if (value.kind !== 'reference' || !value.attribute || value.target.startsWith('module.') || value.target.startsWith('data.')) return value;
    const declared = this.scope.resources.get(value.target);
    if (!declared) return value;
    const argument = declared.node.body.items.find((i) => i.type === 'Attribute' && i.name === value.attribute);
    if (argument?.type !== 'Attribute') return value;
    const resolved = this.guard(`resource:${value.target}.${value.attribute}`, expr, file, () => this.evaluate(argument.expr, declared.file));
    // not a literal either: keep naming the resource (${aws_lambda_function.api.function_name})
    return resolved.kind === 'literal' ? resolved : value;
  }

  private traversal(expr: Expr, file: ModuleFile): IacValue {
    const flat = flatten(expr);
    if (!flat) return this.unresolved(expr, file, 'an expression datagate does not evaluate');
    const { root, steps } = flat;
    const name = (i: number) => {
      const step = steps[i];
      return step?.kind === 'attr' ? step.name : undefined;
    };
    switch (root) {
      case 'var': {
        const variable = name(0);
        if (!variable) break;
        const input = this.inputs?.get(variable);
        if (input) return this.navigate(resite(input, file.path, expr.range), steps.slice(1), expr, file);
        // terraform.tfvars only sets the root module's variables; a called module gets its caller's values
        const fromTfvars = this.inputs ? undefined : this.scope.tfvars.get(variable);
        const declared = this.scope.variables.get(variable);
        const source = fromTfvars ?? (declared?.default ? { file: declared.file, node: declared.default } : undefined);
        // a -var-file overrides terraform.tfvars and the default, so each var file is a possible value
        const alternatives = this.inputs ? [] : this.scope.varFiles.get(variable) ?? [];
        if (!source && alternatives.length === 0) {
          const reason = declared
            ? `variable "${variable}" has no default: its value comes from outside the module (-var, a tfvars file, the calling module)`
            : `variable "${variable}" is not declared in this module`;
          return this.unresolved(expr, file, reason);
        }
        const candidates = [...(source ? [{ ...source, label: fromTfvars ? basename(source.file.path) : 'the default' }] : []), ...alternatives.map((a) => ({ ...a, label: basename(a.file.path) }))];
        const values = candidates.map((c) => ({ label: c.label, value: this.guard(`var:${variable}`, expr, file, () => this.evaluate(c.node, c.file)) }));
        const [first] = values;
        if (values.slice(1).some((v) => !sameValue(v.value, first!.value))) {
          // prod.tfvars and dev.tfvars (or the default) disagree: which applies depends on -var-file
          const shown = values.map((v) => `${v.label}: ${shortText(v.value)}`);
          return this.unresolved(expr, file, `variable "${variable}" depends on the var file (${shown.join(', ')})`);
        }
        return this.navigate(resite(first!.value, file.path, expr.range), steps.slice(1), expr, file);
      }
      case 'local': {
        const local = name(0);
        const declared = local ? this.scope.locals.get(local) : undefined;
        if (!local) break;
        if (!declared) return this.unresolved(expr, file, `local.${local} is not declared in this module`);
        const value = this.guard(`local:${local}`, expr, file, () => this.evaluate(declared.node, declared.file));
        return this.navigate(resite(value, file.path, expr.range), steps.slice(1), expr, file);
      }
      case 'data': {
        const type = name(0);
        const label = name(1);
        if (!type || !label) break;
        const attribute = attributePath(steps.slice(2));
        const declared = this.scope.data.get(`${type}.${label}`);
        if (declared && type === 'aws_iam_policy_document' && (attribute === 'json' || attribute === 'minified_json')) {
          return this.guard(`data:${type}.${label}`, expr, file, () => policyDocumentOf(declared.node, declared.file, this));
        }
        return { kind: 'reference', target: `data.${type}.${label}`, attribute, text: textOf(file, expr.range), file: file.path, range: expr.range };
      }
      case 'module': {
        const module = name(0);
        if (!module) break;
        return { kind: 'reference', target: `module.${module}`, attribute: attributePath(steps.slice(1)), text: textOf(file, expr.range), file: file.path, range: expr.range };
      }
      case 'each':
        if (this.eachInstance && name(0) === 'key') return lit(this.eachInstance.key, file, expr.range);
        if (this.eachInstance && name(0) === 'value') return this.navigate(resite(this.eachInstance.value, file.path, expr.range), steps.slice(1), expr, file);
        // for_each = aws_s3_bucket.this: each.value is one of those buckets, so each.value.id points at them
        if (name(0) === 'value' && this.eachSource?.kind === 'reference') {
          const source = this.eachSource;
          return { kind: 'reference', target: source.target, attribute: attributePath(steps.slice(1)), text: textOf(file, expr.range), file: file.path, range: expr.range };
        }
        return this.unresolved(expr, file, `${root}.${name(0) ?? ''} differs for each instance of the resource`);
      case 'count':
        return this.unresolved(expr, file, `${root}.${name(0) ?? ''} differs for each instance of the resource`);
      case 'self':
      case 'path':
      case 'terraform':
        return this.unresolved(expr, file, `${root}.${name(0) ?? ''} is only known when Terraform runs`);
      default: {
        const label = name(0);
        if (label && /^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root)) {
          return { kind: 'reference', target: `${root}.${label}`, attribute: attributePath(steps.slice(1)), text: textOf(file, expr.range), file: file.path, range: expr.range };
        }
      }
    }
    return this.unresolved(expr, file, `${textOf(file, expr.range)} is not a value datagate can resolve`);
  }

  private navigate(value: IacValue, steps: Step[], expr: Expr, file: ModuleFile): IacValue {
    let current = value;
    for (const step of steps) {
      let key: string | number | undefined;
      if (step.kind === 'attr') key = step.name;
      else {
        const k = this.evaluate(step.key, file);
        if (k.kind === 'literal' && (typeof k.value === 'string' || typeof k.value === 'number')) key = k.value;
      }
      if (key === undefined) return this.unresolved(expr, file, 'an index datagate cannot evaluate');
      if (current.kind === 'object') {
        const found = current.entries.find((e) => e.key === String(key));
        if (!found) return this.unresolved(expr, file, `no "${key}" in the value of ${textOf(file, expr.range)}`);
        current = found.value;
      } else if (current.kind === 'array' && typeof key === 'number') {
        const item = current.items[key];
        if (!item) return this.unresolved(expr, file, `index ${key} is out of range`);
        current = item;
      } else if (current.kind === 'unresolved') {
        return current;
      } else {
        return this.unresolved(expr, file, `cannot look up "${key}" in ${textOf(file, expr.range)}`);
      }
    }
    return resite(current, file.path, expr.range);
  }

  private call(expr: Expr & { type: 'Call' }, file: ModuleFile): IacValue {
    const args = () => expr.args.map((a) => this.evaluate(a, file));
    const fail = (reason: string) => this.unresolved(expr, file, reason);
    switch (expr.name) {
      case 'jsonencode': {
        // The rules read a JSON document (a bucket policy) as the structure it encodes.
        const [value] = args();
        return value ? resite(value, file.path, expr.range, false) : fail('jsonencode() without an argument');
      }
      case 'merge': {
        const values = args();
        const entries: IacEntry[] = [];
        for (const v of values) {
          if (v.kind === 'literal' && v.value === null) continue;
          if (v.kind !== 'object') return fail(`merge() of ${unresolvedReason(v)}`);
          for (const e of v.entries) {
            const i = entries.findIndex((x) => x.key === e.key);
            if (i >= 0) entries[i] = e;
            else entries.push(e);
          }
        }
        return { kind: 'object', entries, file: file.path, range: expr.range };
      }
      case 'concat': {
        const items: IacValue[] = [];
        for (const v of args()) {
          if (v.kind !== 'array') return fail(`concat() of ${unresolvedReason(v)}`);
          items.push(...v.items);
        }
        return { kind: 'array', items, file: file.path, range: expr.range };
      }
      case 'tolist':
      case 'toset':
      case 'tomap': {
        const [value] = args();
        return value ? resite(value, file.path, expr.range, false) : fail(`${expr.name}() without an argument`);
      }
      case 'tostring':
      case 'tonumber':
      case 'tobool': {
        const [value] = args();
        if (value?.kind !== 'literal' || value.value === null) return fail(unresolvedReason(value));
        const converted = convert(expr.name, value.value);
        return converted === undefined ? fail(`${expr.name}(${JSON.stringify(value.value)}) is not valid`) : lit(converted, file, expr.range);
      }
      case 'lower':
      case 'upper':
      case 'trimspace': {
        const [value] = args();
        if (value?.kind !== 'literal' || typeof value.value !== 'string') return fail(unresolvedReason(value));
        const s = value.value;
        return lit(expr.name === 'lower' ? s.toLowerCase() : expr.name === 'upper' ? s.toUpperCase() : s.trim(), file, expr.range);
      }
      case 'min':
      case 'max': {
        const values = args();
        const numbers = values.map((v) => (v.kind === 'literal' && typeof v.value === 'number' ? v.value : undefined));
        if (numbers.some((n) => n === undefined) || numbers.length === 0) return fail(`${expr.name}() of values datagate cannot evaluate`);
        return lit(expr.name === 'min' ? Math.min(...(numbers as number[])) : Math.max(...(numbers as number[])), file, expr.range);
      }
      case 'coalesce': {
        for (const v of args()) {
          if (v.kind !== 'literal') return fail(`coalesce() of ${unresolvedReason(v)}`);
          if (v.value !== null && v.value !== '') return resite(v, file.path, expr.range);
        }
        return fail('coalesce() of only empty values');
      }
      case 'lookup': {
        const [map, key, fallback] = args();
        if (map?.kind !== 'object' || key?.kind !== 'literal') return fail(`lookup() in ${unresolvedReason(map?.kind === 'object' ? key : map)}`);
        const found = map.entries.find((e) => e.key === String(key.value));
        if (found) return resite(found.value, file.path, expr.range);
        return fallback ? resite(fallback, file.path, expr.range) : fail(`lookup() of a missing key "${String(key.value)}"`);
      }
      case 'try': {
        for (const v of args()) if (v.kind !== 'unresolved') return resite(v, file.path, expr.range);
        return fail('try() of values datagate cannot evaluate');
      }
      case 'format': {
        const [pattern, ...rest] = args();
        if (pattern?.kind !== 'literal' || typeof pattern.value !== 'string') return fail(unresolvedReason(pattern));
        let i = 0;
        let failed: IacValue | undefined;
        const out = pattern.value.replace(/%%|%[sdv]/g, (m) => {
          if (m === '%%') return '%';
          const v = rest[i++];
          if (v?.kind !== 'literal' || v.value === null) {
            failed ??= v;
            return '';
          }
          return String(v.value);
        });
        return failed || i > rest.length ? fail(`format() of ${unresolvedReason(failed)}`) : lit(out, file, expr.range);
      }
      default:
        return fail(`the result of ${expr.name}()`);
    }
  }

  private conditional(expr: Expr & { type: 'Conditional' }, file: ModuleFile): IacValue {
    const cond = this.evaluate(expr.cond, file);
    if (cond.kind === 'literal' && typeof cond.value === 'boolean') {
      return resite(this.evaluate(cond.value ? expr.then : expr.else, file), file.path, expr.range);
    }
    const then = this.evaluate(expr.then, file);
    const otherwise = this.evaluate(expr.else, file);
    if (then.kind === 'literal' && otherwise.kind === 'literal' && then.value === otherwise.value) return lit(then.value, file, expr.range);
    return this.unresolved(expr, file, `it depends on ${textOf(file, expr.cond.range)} (${unresolvedReason(cond)})`);
  }

  private binary(expr: Expr & { type: 'Binary' }, file: ModuleFile): IacValue {
    const left = this.evaluate(expr.left, file);
    const right = this.evaluate(expr.right, file);
    if (left.kind !== 'literal' || right.kind !== 'literal') {
      // `false && x` and `true || x` are known without x
      if (expr.op === '&&' && ((left.kind === 'literal' && left.value === false) || (right.kind === 'literal' && right.value === false))) return lit(false, file, expr.range);
      if (expr.op === '||' && ((left.kind === 'literal' && left.value === true) || (right.kind === 'literal' && right.value === true))) return lit(true, file, expr.range);
      return this.unresolved(expr, file, unresolvedReason(left.kind !== 'literal' ? left : right));
    }
    const a = left.value;
    const b = right.value;
    const num = typeof a === 'number' && typeof b === 'number';
    let result: string | number | boolean | null | undefined;
    switch (expr.op) {
      case '==':
        result = a === b;
        break;
      case '!=':
        result = a !== b;
        break;
      case '&&':
        result = typeof a === 'boolean' && typeof b === 'boolean' ? a && b : undefined;
        break;
      case '||':
        result = typeof a === 'boolean' && typeof b === 'boolean' ? a || b : undefined;
        break;
      case '<':
        result = num ? a < b : undefined;
        break;
      case '>':
        result = num ? a > b : undefined;
        break;
      case '<=':
        result = num ? a <= b : undefined;
        break;
      case '>=':
        result = num ? a >= b : undefined;
        break;
      case '+':
        result = num ? a + b : undefined;
        break;
      case '-':
        result = num ? a - b : undefined;
        break;
      case '*':
        result = num ? a * b : undefined;
        break;
      case '/':
        result = num && b !== 0 ? a / b : undefined;
        break;
      case '%':
        result = num && b !== 0 ? a % b : undefined;
        break;
    }
    return result === undefined ? this.unresolved(expr, file, `${expr.op} of incompatible values`) : lit(result, file, expr.range);
  }

  private guard(key: string, expr: Expr, file: ModuleFile, run: () => IacValue): IacValue {
    if (this.active.has(key)) return this.unresolved(expr, file, `${key.replace(':', '.')} refers to itself`);
    this.active.add(key);
    try {
      return run();
    } finally {
      this.active.delete(key);
    }
  }

  private unresolved(expr: Expr, file: ModuleFile, reason: string): IacValue {
    return { kind: 'unresolved', text: textOf(file, expr.range), reason, file: file.path, range: expr.range };
  }
}

function shortText(value: IacValue): string {
  if (value.kind === 'literal') return JSON.stringify(value.value);
  if (value.kind === 'reference' || value.kind === 'unresolved') return value.text;
  return value.kind === 'object' ? 'an object' : 'a list';
}

/** Whether two values say the same for the rules: equal literals, any two references, equal structures. */
export function sameValue(a: IacValue, b: IacValue): boolean {
  if (a.kind === 'literal' && b.kind === 'literal') return a.value === b.value;
  // a key or resource reference: "something set" either way
  if (a.kind === 'reference' && b.kind === 'reference') return true;
  if (a.kind === 'object' && b.kind === 'object') {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every((e) => {
        const other = b.entries.find((x) => x.key === e.key);
        return other !== undefined && sameValue(e.value, other.value);
      })
    );
  }
  if (a.kind === 'array' && b.kind === 'array') return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!));
  return false;
}

/** How an unknown value reads inside a Sub-style name: ${var.name}, ${aws_s3_bucket.x.id}, or a template's own text. */
function subText(value: IacValue, file: ModuleFile, range: Range): string {
  if (value.kind === 'unresolved' && value.text.includes('${')) return value.text;
  // a reference by its address, without instance keys: ${aws_lambda_function.fn.function_name} for fn[each.key]
  if (value.kind === 'reference') return `\${${value.target}${value.attribute ? `.${value.attribute}` : ''}}`;
  if (value.kind === 'unresolved') return `\${${value.text}}`;
  return `\${${textOf(file, range)}}`;
}

function holeText(value: IacValue): string {
  return value.kind === 'reference' || value.kind === 'unresolved' ? value.text : '…';
}

interface EachInstance {
  key: string;
  value: IacValue;
}

/** The instances of a for_each over a literal map (key → value) or set (each element is both). */
function literalInstances(source: IacValue | undefined): EachInstance[] | undefined {
  if (source?.kind === 'object') return source.entries.map((e) => ({ key: e.key, value: e.value }));
  if (source?.kind === 'array' && source.items.every((i) => i.kind === 'literal' && i.value !== null)) {
    return source.items.map((i) => ({ key: String((i as IacValue & { kind: 'literal' }).value), value: i }));
  }
  return undefined;
}

/**
 * The base reading (each.* unresolved) with what the instances agree on filled in: an unresolved
 * leaf becomes the instances' common literal, or says how they differ.
 */
function mergeInstances(base: IacValue, instances: Array<{ key: string; props: IacValue | undefined }>): IacValue {
  if (base.kind === 'object') {
    return {
      ...base,
      entries: base.entries.map((e) => ({
        ...e,
        value: mergeInstances(e.value, instances.map((i) => ({ key: i.key, props: i.props?.kind === 'object' ? i.props.entries.find((x) => x.key === e.key)?.value : undefined }))),
      })),
    };
  }
  if (base.kind === 'array') {
    return { ...base, items: base.items.map((item, n) => mergeInstances(item, instances.map((i) => ({ key: i.key, props: i.props?.kind === 'array' ? i.props.items[n] : undefined })))) };
  }
  if (base.kind !== 'unresolved') return base;
  const values = instances.map((i) => i.props);
  if (values.some((v) => v?.kind !== 'literal')) return base;
  const literals = values as Array<IacValue & { kind: 'literal' }>;
  if (literals.every((v) => v.value === literals[0]!.value)) return { kind: 'literal', value: literals[0]!.value, file: base.file, range: base.range };
  const shown = instances.map((i, n) => `${i.key}: ${JSON.stringify(literals[n]!.value)}`).join(', ');
  return { ...base, reason: `it differs between the for_each instances (${shown})` };
}

type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Expr };

function flatten(expr: Expr): { root: string; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let current = expr;
  for (;;) {
    if (current.type === 'GetAttr') {
      steps.unshift({ kind: 'attr', name: current.name });
      current = current.object;
    } else if (current.type === 'Index') {
      steps.unshift({ kind: 'index', key: current.key });
      current = current.object;
    } else if (current.type === 'Variable') {
      return { root: current.name, steps };
    } else return undefined;
  }
}

/** `id`, `arn`, `tags.Name` — the attribute part of a reference, without instance indexes. */
function attributePath(steps: Step[]): string | undefined {
  const names = steps.filter((s): s is Step & { kind: 'attr' } => s.kind === 'attr').map((s) => s.name);
  return names.length > 0 ? names.join('.') : undefined;
}

function referenceTarget(source: Expr): string | undefined {
  const flat = flatten(source);
  if (!flat) return undefined;
  const [first, second] = flat.steps;
  if (first?.kind !== 'attr') return undefined;
  if (flat.root === 'data' || flat.root === 'module') return second?.kind === 'attr' || flat.root === 'module' ? `${flat.root}.${first.name}${flat.root === 'data' && second?.kind === 'attr' ? `.${second.name}` : ''}` : undefined;
  return /_/.test(flat.root) ? `${flat.root}.${first.name}` : undefined;
}

function splatAttribute(each: Expr): string | undefined {
  const names: string[] = [];
  let current = each;
  while (current.type === 'GetAttr' || current.type === 'Index') {
    if (current.type === 'GetAttr') names.unshift(current.name);
    current = current.object;
  }
  return names.length > 0 ? names.join('.') : undefined;
}

function convert(fn: string, value: string | number | boolean): string | number | boolean | undefined {
  if (fn === 'tostring') return String(value);
  if (fn === 'tonumber') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) && String(value).trim() !== '' ? n : undefined;
  }
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function lit(value: string | number | boolean | null, file: ModuleFile, range: Range): IacValue {
  return { kind: 'literal', value, file: file.path, range };
}

export function textOf(file: ModuleFile, range: Range): string {
  return file.text.slice(range[0], range[1]);
}

/** Why a value is not a literal, for an unverifiable finding's message. */
export function unresolvedReason(value: IacValue | undefined): string {
  if (!value) return 'a missing value';
  switch (value.kind) {
    case 'unresolved':
      return value.reason;
    case 'reference':
      return `${value.text}, which is only known when Terraform applies the plan`;
    case 'literal':
      return `the ${value.value === null ? 'null' : typeof value.value} ${JSON.stringify(value.value)}`;
    default:
      return `${value.kind === 'object' ? 'an object' : 'a list'}`;
  }
}

/**
 * The same value, placed at another site: a resolved variable points at the expression that uses
 * it. With `deep` false only the outer value moves (jsonencode keeps the document's own ranges).
 */
export function resite(value: IacValue, file: string, range: Range, deep = true): IacValue {
  if (!deep) return { ...value, file, range };
  if (value.file === file && value.range[0] >= range[0] && value.range[1] <= range[1]) return { ...value, file, range };
  switch (value.kind) {
    case 'object':
      return { ...value, file, range, entries: value.entries.map((e) => ({ key: e.key, keyRange: range, value: resite(e.value, file, range) })) };
    case 'array':
      return { ...value, file, range, items: value.items.map((i) => resite(i, file, range)) };
    default:
      return { ...value, file, range };
  }
}
