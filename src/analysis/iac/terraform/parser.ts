import type { Range } from '../../types.js';
import type { Block, Body, BodyItem, Expr, HclFile, HclParseError, Label, ObjectItem, TemplatePart } from './ast.js';
import { tokenize, type Token } from './tokens.js';

/**
 * A recursive-descent parser for HCL2 native syntax (the language of .tf, .tfvars and .hcl
 * files), after hclsyntax/spec.md. It recovers at the next line of the enclosing body after an
 * error, so one typo yields one error and the rest of the file is still read.
 */
export function parseHcl(text: string): HclFile {
  const { tokens, errors: lexErrors } = tokenize(text);
  const parser = new Parser(tokens);
  const body = parser.parseBody();
  const errors = [...lexErrors, ...parser.errors].sort((a, b) => a.range[0] - b.range[0]);
  // Lexer errors are often echoed by the parser at the same spot: keep the first per offset.
  const seen = new Set<number>();
  return { body, errors: errors.filter((e) => (seen.has(e.range[0]) ? false : (seen.add(e.range[0]), true))) };
}

class ParseFailure extends Error {}

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  readonly errors: HclParseError[] = [];
  private pos = 0;
  /** Whether line breaks are insignificant here: true inside (), [], ${} and for-expressions. */
  private newlineModes: boolean[] = [false];

  constructor(private readonly tokens: Token[]) {}

  // ---- token access -------------------------------------------------------------------------

  private get ignoreNewlines(): boolean {
    return this.newlineModes[this.newlineModes.length - 1]!;
  }

  private peek(offset = 0): Token {
    let i = this.pos;
    let seen = 0;
    for (;;) {
      while (this.ignoreNewlines && this.tokens[i]!.type === 'newline') i++;
      if (seen === offset) return this.tokens[i]!;
      if (this.tokens[i]!.type === 'eof') return this.tokens[i]!;
      i++;
      seen++;
    }
  }

  private next(): Token {
    while (this.ignoreNewlines && this.tokens[this.pos]!.type === 'newline') this.pos++;
    const token = this.tokens[this.pos]!;
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.text === text;
  }

  private expectPunct(text: string, what: string): Token {
    const t = this.peek();
    if (t.type === 'punct' && t.text === text) return this.next();
    return this.fail(`Expected ${what} but found ${describe(t)}`, t);
  }

  private fail(message: string, token: Token): never {
    this.errors.push({ message, range: token.type === 'eof' ? [token.range[0], token.range[0]] : token.range });
    throw new ParseFailure(message);
  }

  private withNewlines<T>(ignore: boolean, run: () => T): T {
    this.newlineModes.push(ignore);
    try {
      return run();
    } finally {
      this.newlineModes.pop();
    }
  }

  private skipNewlines(): void {
    while (this.tokens[this.pos]!.type === 'newline') this.pos++;
  }

  /** After an error: skip to the start of the next line at this nesting depth. */
  private recover(): void {
    let depth = 0;
    while (this.tokens[this.pos]!.type !== 'eof') {
      const t = this.tokens[this.pos]!;
      if (t.type === 'punct' && (t.text === '{' || t.text === '[' || t.text === '(')) depth++;
      else if (t.type === 'interp' || t.type === 'control') depth++;
      else if ((t.type === 'punct' && (t.text === '}' || t.text === ']' || t.text === ')')) || t.type === 'templateend') {
        if (depth === 0) return;
        depth--;
      } else if (t.type === 'newline' && depth === 0) return;
      this.pos++;
    }
  }

  // ---- bodies -------------------------------------------------------------------------------

  /** A body: the whole file (no `opener`) or the inside of a block's braces (`opener` is its `{`). */
  parseBody(opener?: { brace: Token; blockType: string }): Body {
    const topLevel = !opener;
    const items: BodyItem[] = [];
    const start = this.tokens[this.pos]!.range[0];
    this.newlineModes.push(false);
    try {
      for (;;) {
        this.skipNewlines();
        const t = this.tokens[this.pos]!;
        if (t.type === 'eof') {
          // like Terraform, point at the block that is never closed, not at the end of the file
          if (opener) this.errors.push({ message: `Unclosed block: no "}" closes this "${opener.blockType}" block before the end of the file`, range: opener.brace.range });
          break;
        }
        if (!topLevel && t.type === 'punct' && t.text === '}') break;
        if (topLevel && t.type === 'punct' && t.text === '}') {
          this.errors.push({ message: 'Unexpected "}": no block is open here', range: t.range });
          this.pos++;
          continue;
        }
        try {
          items.push(this.parseBodyItem());
        } catch (error) {
          if (!(error instanceof ParseFailure)) throw error;
          this.recover();
          const after = this.tokens[this.pos]!;
          // an unexpected closing bracket of an expression would loop forever: step over it
          if (after.type === 'templateend' || (after.type === 'punct' && (after.text === ']' || after.text === ')'))) this.pos++;
        }
      }
    } finally {
      this.newlineModes.pop();
    }
    const end = this.tokens[this.pos]!.range[0];
    return { items, range: [start, end] };
  }

  private parseBodyItem(): BodyItem {
    const name = this.next();
    if (name.type !== 'ident') this.fail(`Expected an attribute or block name but found ${describe(name)}`, name);
    const after = this.peek();
    if (after.type === 'punct' && after.text === '=') {
      this.next();
      const expr = this.parseExpression();
      this.endOfLine('the attribute');
      return { type: 'Attribute', name: name.text, nameRange: name.range, expr, range: [name.range[0], expr.range[1]] };
    }
    return this.parseBlock(name);
  }

  private parseBlock(typeToken: Token): Block {
    const labels: Label[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'ident') {
        this.next();
        labels.push({ value: t.text, range: t.range });
      } else if (t.type === 'oquote') {
        const label = this.parseTemplate();
        const literal = templateLiteral(label);
        if (literal === undefined) this.fail('Block labels must be plain strings, without ${} interpolation', t);
        labels.push({ value: literal, range: label.range });
      } else break;
    }
    const open = this.peek();
    if (!(open.type === 'punct' && open.text === '{')) {
      this.fail(
        labels.length === 0 && open.type !== 'newline'
          ? `Expected "=" or "{" after "${typeToken.text}" but found ${describe(open)}`
          : `Expected "{" to open the "${typeToken.text}" block but found ${describe(open)}`,
        open,
      );
    }
    const brace = this.next();
    const body = this.parseBody({ brace, blockType: typeToken.text });
    const close = this.tokens[this.pos]!;
    if (close.type === 'punct' && close.text === '}') this.pos++;
    this.endOfLine('the block');
    return { type: 'Block', blockType: typeToken.text, typeRange: typeToken.range, labels, body, range: [typeToken.range[0], close.range[1]] };
  }

  /** An attribute or block ends at a line break (or the end of the file, or its body's `}`). */
  private endOfLine(what: string): void {
    const t = this.tokens[this.pos]!;
    if (t.type === 'newline') {
      this.pos++;
      return;
    }
    if (t.type === 'eof' || (t.type === 'punct' && t.text === '}')) return;
    this.fail(`Expected a line break after ${what} but found ${describe(t)}`, t);
  }

  // ---- expressions --------------------------------------------------------------------------

  parseExpression(): Expr {
    const cond = this.parseBinary(1);
    if (!this.isPunct('?')) return cond;
    this.next();
    const then = this.parseExpression();
    this.expectPunct(':', '":" of the conditional');
    const otherwise = this.parseExpression();
    return { type: 'Conditional', cond, then, else: otherwise, range: [cond.range[0], otherwise.range[1]] };
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      const precedence = t.type === 'punct' ? BINARY_PRECEDENCE[t.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.next();
      const right = this.parseBinary(precedence + 1);
      left = { type: 'Binary', op: t.text, left, right, range: [left.range[0], right.range[1]] };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.type === 'punct' && (t.text === '!' || t.text === '-')) {
      this.next();
      const operand = this.parseUnary();
      return { type: 'Unary', op: t.text, operand, range: [t.range[0], operand.range[1]] };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** Attribute access, indexing and splats after a primary expression. */
  private parsePostfix(initial: Expr): Expr {
    let expr = initial;
    for (;;) {
      // a line break ends the traversal even inside brackets? No: only significant newlines stop it.
      const t = this.peek();
      if (t.type === 'punct' && t.text === '.') {
        this.next();
        const name = this.next();
        if (name.type === 'ident') {
          expr = { type: 'GetAttr', object: expr, name: name.text, nameRange: name.range, range: [expr.range[0], name.range[1]] };
        } else if (name.type === 'number' && /^\d+$/.test(name.text)) {
          // legacy index syntax: list.0
          const key: Expr = { type: 'Literal', value: Number(name.text), range: name.range };
          expr = { type: 'Index', object: expr, key, range: [expr.range[0], name.range[1]] };
        } else if (name.type === 'punct' && name.text === '*') {
          expr = this.parseSplatRest(expr, false, name.range[1]);
        } else {
          this.fail(`Expected an attribute name after "." but found ${describe(name)}`, name);
        }
        continue;
      }
      if (t.type === 'punct' && t.text === '[') {
        if (this.isPunct('*', 1) && this.isPunct(']', 2)) {
          this.next();
          this.next();
          const close = this.next();
          expr = this.parseSplatRest(expr, true, close.range[1]);
          continue;
        }
        this.next();
        const key = this.withNewlines(true, () => this.parseExpression());
        const close = this.withNewlines(true, () => this.expectPunct(']', '"]" to close the index'));
        expr = { type: 'Index', object: expr, key, range: [expr.range[0], close.range[1]] };
        continue;
      }
      return expr;
    }
  }

  /** The traversal after `[*]` (full splat: attributes and indexes) or `.*` (attribute-only splat). */
  private parseSplatRest(source: Expr, full: boolean, starEnd: number): Expr {
    let each: Expr = { type: 'SplatItem', range: [starEnd, starEnd] };
    for (;;) {
      const t = this.peek();
      if (t.type === 'punct' && t.text === '.' && this.peek(1).type === 'ident') {
        this.next();
        const name = this.next();
        each = { type: 'GetAttr', object: each, name: name.text, nameRange: name.range, range: [starEnd, name.range[1]] };
        continue;
      }
      if (full && t.type === 'punct' && t.text === '[' && !this.isPunct('*', 1)) {
        this.next();
        const key = this.withNewlines(true, () => this.parseExpression());
        const close = this.withNewlines(true, () => this.expectPunct(']', '"]" to close the index'));
        each = { type: 'Index', object: each, key, range: [starEnd, close.range[1]] };
        continue;
      }
      break;
    }
    return { type: 'Splat', source, each, range: [source.range[0], Math.max(starEnd, each.range[1])] };
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return { type: 'Literal', value: Number(t.text), range: t.range };
      case 'ident': {
        this.next();
        if (t.text === 'true' || t.text === 'false') return { type: 'Literal', value: t.text === 'true', range: t.range };
        if (t.text === 'null') return { type: 'Literal', value: null, range: t.range };
        if (this.isPunct('::') || this.isPunct('(')) return this.parseCall(t);
        return { type: 'Variable', name: t.text, range: t.range };
      }
      case 'oquote':
      case 'oheredoc':
        return this.parseTemplate();
      case 'punct':
        if (t.text === '(') {
          this.next();
          return this.withNewlines(true, () => {
            const expr = this.parseExpression();
            const close = this.expectPunct(')', '")" to close the parenthesis');
            return { type: 'Parens', expr, range: [t.range[0], close.range[1]] } as Expr;
          });
        }
        if (t.text === '[') return this.parseTuple();
        if (t.text === '{') return this.parseObject();
        break;
      default:
        break;
    }
    return this.fail(`Expected an expression but found ${describe(t)}`, t);
  }

  private parseCall(nameToken: Token): Expr {
    let name = nameToken.text;
    let nameEnd = nameToken.range[1];
    while (this.isPunct('::')) {
      // provider-defined functions: provider::aws::arn_parse(...)
      this.next();
      const part = this.next();
      if (part.type !== 'ident') this.fail(`Expected a function name after "::" but found ${describe(part)}`, part);
      name += `::${part.text}`;
      nameEnd = part.range[1];
    }
    this.expectPunct('(', `"(" to call ${name}`);
    return this.withNewlines(true, () => {
      const args: Expr[] = [];
      let expandFinal = false;
      while (!this.isPunct(')')) {
        args.push(this.parseExpression());
        if (this.isPunct('...')) {
          this.next();
          expandFinal = true;
          break;
        }
        if (!this.isPunct(',')) break;
        this.next();
      }
      const close = this.expectPunct(')', `"," or ")" in the arguments of ${name}`);
      return { type: 'Call', name, nameRange: [nameToken.range[0], nameEnd], args, expandFinal, range: [nameToken.range[0], close.range[1]] } as Expr;
    });
  }

  private parseTuple(): Expr {
    const open = this.next();
    return this.withNewlines(true, () => {
      if (this.peek().type === 'ident' && this.peek().text === 'for' && !this.isPunct('=', 1) && !this.isPunct('.', 1)) {
        return this.parseFor(open, false);
      }
      const items: Expr[] = [];
      while (!this.isPunct(']')) {
        items.push(this.parseExpression());
        if (!this.isPunct(',')) break;
        this.next();
      }
      const close = this.expectPunct(']', '"," or "]" in the list');
      return { type: 'Tuple', items, range: [open.range[0], close.range[1]] } as Expr;
    });
  }

  private parseObject(): Expr {
    const open = this.next();
    const first = this.peekAcrossNewlines();
    if (first.type === 'ident' && first.text === 'for' && !this.isPunctAcrossNewlines('=', 1) && !this.isPunctAcrossNewlines(':', 1)) {
      return this.withNewlines(true, () => this.parseFor(open, true));
    }
    return this.withNewlines(false, () => {
      const items: ObjectItem[] = [];
      for (;;) {
        this.skipNewlines();
        if (this.isPunct('}')) break;
        const key = this.withNewlines(true, () => this.parseObjectKey());
        const sep = this.peek();
        if (!(sep.type === 'punct' && (sep.text === '=' || sep.text === ':'))) {
          this.fail(`Expected "=" after the object key but found ${describe(sep)}`, sep);
        }
        this.next();
        const value = this.parseExpression();
        items.push({ key, value, range: [key.range[0], value.range[1]] });
        const after = this.peek();
        if (after.type === 'punct' && after.text === ',') {
          this.next();
          continue;
        }
        if (after.type === 'newline') continue;
        if (after.type === 'punct' && after.text === '}') break;
        this.fail(`Expected "," a line break or "}" after the object item but found ${describe(after)}`, after);
      }
      const close = this.next();
      return { type: 'Object', items, range: [open.range[0], close.range[1]] } as Expr;
    });
  }

  /** Object keys: a bare name is the string itself (not a variable), anything else an expression. */
  private parseObjectKey(): Expr {
    const t = this.peek();
    if (t.type === 'ident' && (this.isPunct('=', 1) || this.isPunct(':', 1))) {
      this.next();
      return { type: 'Literal', value: t.text, range: t.range };
    }
    return this.parseExpression();
  }

  private peekAcrossNewlines(offset = 0): Token {
    return this.withNewlines(true, () => this.peek(offset));
  }

  private isPunctAcrossNewlines(text: string, offset: number): boolean {
    return this.withNewlines(true, () => this.isPunct(text, offset));
  }

  private parseFor(open: Token, object: boolean): Expr {
    this.next(); // for
    const first = this.next();
    if (first.type !== 'ident') this.fail(`Expected a variable name after "for" but found ${describe(first)}`, first);
    let keyVar: string | undefined;
    let valueVar = first.text;
    if (this.isPunct(',')) {
      this.next();
      const second = this.next();
      if (second.type !== 'ident') this.fail(`Expected a second variable name but found ${describe(second)}`, second);
      keyVar = first.text;
      valueVar = second.text;
    }
    const inToken = this.next();
    if (!(inToken.type === 'ident' && inToken.text === 'in')) this.fail(`Expected "in" but found ${describe(inToken)}`, inToken);
    const collection = this.parseExpression();
    this.expectPunct(':', '":" after the for-expression collection');
    let key: Expr | undefined;
    let value = this.parseExpression();
    if (object) {
      this.expectPunct('=>', '"=>" in the object for-expression');
      key = value;
      value = this.parseExpression();
    }
    let grouping = false;
    if (object && this.isPunct('...')) {
      this.next();
      grouping = true;
    }
    let cond: Expr | undefined;
    if (this.peek().type === 'ident' && this.peek().text === 'if') {
      this.next();
      cond = this.parseExpression();
    }
    const close = this.expectPunct(object ? '}' : ']', object ? '"}" to close the for-expression' : '"]" to close the for-expression');
    return { type: 'For', keyVar, valueVar, collection, key, value, cond, grouping, range: [open.range[0], close.range[1]] };
  }

  // ---- templates ----------------------------------------------------------------------------

  /** A quoted string or heredoc, from its opener to its closer. */
  private parseTemplate(): Expr & { type: 'Template' } {
    const open = this.next();
    const heredoc = open.type === 'oheredoc' ? { marker: /[\p{L}_][\p{L}\p{N}_-]*/u.exec(open.text)![0], indented: open.indented === true } : undefined;
    const closer = heredoc ? 'cheredoc' : 'cquote';
    return this.withNewlines(false, () => {
      const { parts, end } = this.parseTemplateParts([closer]);
      let endOffset = end?.range[1] ?? this.tokens[this.pos]!.range[0];
      if (end?.type === closer) this.pos++;
      else if (heredoc || !end) endOffset = this.tokens[this.pos]!.range[0];
      return { type: 'Template', parts: heredoc?.indented ? dedent(parts) : parts, heredoc, range: [open.range[0], endOffset] } as Expr & { type: 'Template' };
    });
  }

  /**
   * Template parts until one of `stops` (a closing quote/marker, or a directive keyword such as
   * `else`/`endif`). Returns the stopping token without consuming it.
   */
  private parseTemplateParts(stops: string[]): { parts: TemplatePart[]; end?: Token } {
    const parts: TemplatePart[] = [];
    for (;;) {
      const t = this.tokens[this.pos]!;
      if (t.type === 'stringlit') {
        this.pos++;
        parts.push({ type: 'Text', value: t.text, range: t.range });
        continue;
      }
      if (t.type === 'interp') {
        this.pos++;
        const expr = this.withNewlines(true, () => this.parseExpression());
        const close = this.withNewlines(true, () => this.next());
        if (close.type !== 'templateend') this.fail(`Expected "}" to close the interpolation but found ${describe(close)}`, close);
        parts.push({ type: 'Interpolation', expr, range: [t.range[0], close.range[1]] });
        continue;
      }
      if (t.type === 'control') {
        const keyword = this.withNewlines(true, () => this.peek(1));
        if (keyword.type === 'ident' && stops.includes(keyword.text)) return { parts, end: keyword };
        parts.push(this.parseDirective());
        continue;
      }
      if (t.type === 'cquote' || t.type === 'cheredoc') return { parts, end: stops.includes(t.type) ? t : undefined };
      // the lexer already reported an unterminated template
      return { parts, end: undefined };
    }
  }

  private parseDirective(): TemplatePart {
    const open = this.next(); // %{
    const keyword = this.withNewlines(true, () => this.next());
    const closeDirective = () => {
      const close = this.withNewlines(true, () => this.next());
      if (close.type !== 'templateend') this.fail(`Expected "}" to close the template directive but found ${describe(close)}`, close);
      return close;
    };
    if (keyword.type === 'ident' && keyword.text === 'if') {
      const cond = this.withNewlines(true, () => this.parseExpression());
      closeDirective();
      const thenPart = this.parseTemplateParts(['else', 'endif']);
      let elsePart: TemplatePart[] | undefined;
      let end = thenPart.end;
      if (end?.type === 'ident' && end.text === 'else') {
        this.pos = this.tokens.indexOf(end) + 1;
        closeDirective();
        const e = this.parseTemplateParts(['endif']);
        elsePart = e.parts;
        end = e.end;
      }
      if (!(end?.type === 'ident' && end.text === 'endif')) this.fail('Expected %{ endif } to close the %{ if } directive', end ?? this.tokens[this.pos]!);
      this.pos = this.tokens.indexOf(end) + 1;
      const close = closeDirective();
      return { type: 'If', cond, then: thenPart.parts, else: elsePart, range: [open.range[0], close.range[1]] };
    }
    if (keyword.type === 'ident' && keyword.text === 'for') {
      const header = this.withNewlines(true, () => {
        const first = this.next();
        let keyVar: string | undefined;
        let valueVar = first.text;
        if (this.isPunct(',')) {
          this.next();
          keyVar = first.text;
          valueVar = this.next().text;
        }
        const inToken = this.next();
        if (!(inToken.type === 'ident' && inToken.text === 'in')) this.fail(`Expected "in" but found ${describe(inToken)}`, inToken);
        return { keyVar, valueVar, collection: this.parseExpression() };
      });
      closeDirective();
      const body = this.parseTemplateParts(['endfor']);
      if (!body.end) this.fail('Expected %{ endfor } to close the %{ for } directive', this.tokens[this.pos]!);
      this.pos = this.tokens.indexOf(body.end) + 1;
      const close = closeDirective();
      return { type: 'For', ...header, body: body.parts, range: [open.range[0], close.range[1]] };
    }
    return this.fail(`Unknown template directive ${describe(keyword)}: expected if or for`, keyword);
  }
}

/** The value of a template made of literal text only. */
export function templateLiteral(expr: Expr): string | undefined {
  if (expr.type !== 'Template') return undefined;
  let value = '';
  for (const part of expr.parts) {
    if (part.type !== 'Text') return undefined;
    value += part.value;
  }
  return value;
}

/** `<<-EOF` heredocs drop the indentation common to all their lines. */
function dedent(parts: TemplatePart[]): TemplatePart[] {
  const text = parts.map((p) => (p.type === 'Text' ? p.value : '\u0000')).join('');
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const indent = Math.min(...lines.map((l) => /^[ \t]*/.exec(l)![0].length));
  if (!Number.isFinite(indent) || indent === 0) return parts;
  let atLineStart = true;
  return parts.map((p) => {
    if (p.type !== 'Text') {
      atLineStart = false;
      return p;
    }
    const value = p.value
      .split('\n')
      .map((line, i) => {
        const strip = i > 0 || atLineStart;
        return strip ? line.replace(new RegExp(`^[ \\t]{0,${indent}}`), '') : line;
      })
      .join('\n');
    atLineStart = p.value.endsWith('\n');
    return { ...p, value };
  });
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the file';
    case 'newline':
      return 'a line break';
    case 'oquote':
      return 'a string';
    case 'oheredoc':
      return 'a heredoc';
    case 'ident':
      return `"${token.text}"`;
    case 'number':
      return `the number ${token.text}`;
    case 'templateend':
      return '"}"';
    default:
      return `"${token.text}"`;
  }
}

export type { Range };
