import { describe, expect, it } from 'vitest';
import type { Attribute, Block, Body, Expr, TemplatePart } from '../../../../src/analysis/iac/terraform/ast.js';
import { traversalOf } from '../../../../src/analysis/iac/terraform/ast.js';
import { parseHcl } from '../../../../src/analysis/iac/terraform/parser.js';
import type { Range } from '../../../../src/analysis/types.js';

/** The source text a range covers: asserting it pins the exact offsets. */
const at = (text: string, range: Range) => text.slice(range[0], range[1]);

function parseOk(text: string): Body {
  const { body, errors } = parseHcl(text);
  expect(errors).toEqual([]);
  return body;
}

function attr(body: Body, name: string): Attribute {
  const found = body.items.find((i): i is Attribute => i.type === 'Attribute' && i.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

function block(body: Body, type: string, index = 0): Block {
  const found = body.items.filter((i): i is Block => i.type === 'Block' && i.blockType === type)[index];
  if (!found) throw new Error(`no block ${type}`);
  return found;
}

function expr<T extends Expr['type']>(e: Expr, type: T): Expr & { type: T } {
  expect(e.type).toBe(type);
  return e as Expr & { type: T };
}

describe('parseHcl: bodies', () => {
  const text = [
    '# Clicki Referrals data bucket',
    'resource "aws_s3_bucket" "referral_exports" {',
    '  bucket        = "clicki-referral-exports" // name is global',
    '  force_destroy = false',
    '',
    '  lifecycle { prevent_destroy = true }',
    '  /* two',
    '     lines */',
    '  tags = {',
    '    Team = "referrals"',
    '  }',
    '}',
    '',
    'terraform {',
    '  required_version = ">= 1.5"',
    '}',
  ].join('\n');
  const body = parseOk(text);

  it('reads blocks with their labels and exact ranges', () => {
    const resource = block(body, 'resource');
    expect(resource.labels.map((l) => l.value)).toEqual(['aws_s3_bucket', 'referral_exports']);
    expect(resource.labels.map((l) => at(text, l.range))).toEqual(['"aws_s3_bucket"', '"referral_exports"']);
    expect(at(text, resource.typeRange)).toBe('resource');
    expect(at(text, resource.range).startsWith('resource "aws_s3_bucket"')).toBe(true);
    expect(at(text, resource.range).endsWith('  }\n}')).toBe(true);
    expect(block(body, 'terraform').labels).toEqual([]);
  });

  it('reads attributes with their name and value ranges, ignoring comments', () => {
    const resource = block(body, 'resource');
    const bucket = attr(resource.body, 'bucket');
    expect(at(text, bucket.nameRange)).toBe('bucket');
    expect(at(text, bucket.expr.range)).toBe('"clicki-referral-exports"');
    expect(at(text, bucket.range)).toBe('bucket        = "clicki-referral-exports"');
    expect(expr(attr(resource.body, 'force_destroy').expr, 'Literal').value).toBe(false);
    expect(resource.body.items.map((i) => (i.type === 'Attribute' ? i.name : i.blockType))).toEqual(['bucket', 'force_destroy', 'lifecycle', 'tags']);
  });

  it('reads one-line blocks', () => {
    const lifecycle = block(block(body, 'resource').body, 'lifecycle');
    expect(at(text, lifecycle.range)).toBe('lifecycle { prevent_destroy = true }');
    expect(expr(attr(lifecycle.body, 'prevent_destroy').expr, 'Literal').value).toBe(true);
  });
});

describe('parseHcl: expressions', () => {
  it('reads numbers, booleans, null and unary minus', () => {
    const text = 'a = 14\nb = 1.5e3\nc = true\nd = null\ne = -7\n';
    const body = parseOk(text);
    expect(expr(attr(body, 'a').expr, 'Literal').value).toBe(14);
    expect(expr(attr(body, 'b').expr, 'Literal').value).toBe(1500);
    expect(expr(attr(body, 'c').expr, 'Literal').value).toBe(true);
    expect(expr(attr(body, 'd').expr, 'Literal').value).toBe(null);
    const e = expr(attr(body, 'e').expr, 'Unary');
    expect([e.op, at(text, e.range)]).toEqual(['-', '-7']);
  });

  it('reads string templates with ${} interpolation, escapes and $${ literals', () => {
    const text = 'name = "/aws/lambda/${aws_lambda_function.api.function_name}-\\"x\\"-$${keep}"\n';
    const t = expr(attr(parseOk(text), 'name').expr, 'Template');
    expect(t.parts.map((p) => p.type)).toEqual(['Text', 'Interpolation', 'Text']);
    const [first, interp, last] = t.parts as [TemplatePart & { type: 'Text' }, TemplatePart & { type: 'Interpolation' }, TemplatePart & { type: 'Text' }];
    expect(first.value).toBe('/aws/lambda/');
    expect(at(text, interp.range)).toBe('${aws_lambda_function.api.function_name}');
    expect(traversalOf(interp.expr)).toEqual(['aws_lambda_function', 'api', 'function_name']);
    expect(at(text, interp.expr.range)).toBe('aws_lambda_function.api.function_name');
    expect(last.value).toBe('-"x"-${keep}');
    expect(at(text, t.range)).toBe(text.slice(7, -1));
  });

  it('reads nested templates inside interpolations', () => {
    const text = 'a = "${var.on ? "${var.name}-on" : "off"}!"\n';
    const t = expr(attr(parseOk(text), 'a').expr, 'Template');
    const cond = expr((t.parts[0] as TemplatePart & { type: 'Interpolation' }).expr, 'Conditional');
    expect(at(text, cond.then.range)).toBe('"${var.name}-on"');
    expect(at(text, cond.else.range)).toBe('"off"');
    expect((t.parts[1] as TemplatePart & { type: 'Text' }).value).toBe('!');
  });

  it('reads heredocs, with interpolation, ending at the closing marker', () => {
    const text = ['policy = <<POLICY', '{', '  "Resource": "${aws_s3_bucket.data.arn}/*"', '}', 'POLICY', 'next = 1', ''].join('\n');
    const body = parseOk(text);
    const t = expr(attr(body, 'policy').expr, 'Template');
    expect(t.heredoc).toEqual({ marker: 'POLICY', indented: false });
    expect(at(text, t.range)).toBe(text.slice(text.indexOf('<<POLICY'), text.indexOf('\nnext')));
    expect(t.parts.map((p) => (p.type === 'Text' ? p.value : at(text, p.range)))).toEqual(['{\n  "Resource": "', '${aws_s3_bucket.data.arn}', '/*"\n}\n']);
    expect(expr(attr(body, 'next').expr, 'Literal').value).toBe(1);
  });

  it('strips common indentation from <<- heredocs and accepts an indented marker', () => {
    const text = ['resource "x" "y" {', '  script = <<-EOT', '    #!/bin/sh', '      echo ${var.name}', '    EOT', '}', ''].join('\n');
    const t = expr(attr(block(parseOk(text), 'resource').body, 'script').expr, 'Template');
    expect(t.heredoc).toEqual({ marker: 'EOT', indented: true });
    expect(t.parts.map((p) => (p.type === 'Text' ? p.value : '<interp>'))).toEqual(['#!/bin/sh\n  echo ', '<interp>', '\n']);
  });

  it('reads nested objects and lists with commas, line breaks, colons and trailing commas', () => {
    const text = [
      'settings = {',
      '  name: "api",',
      '  "quoted key" = [1, 2,',
      '    3,',
      '  ]',
      '  (var.key) = { inner = [] }',
      '}',
      '',
    ].join('\n');
    const o = expr(attr(parseOk(text), 'settings').expr, 'Object');
    expect(o.items.map((i) => at(text, i.key.range))).toEqual(['name', '"quoted key"', '(var.key)']);
    expect(expr(o.items[0]!.key, 'Literal').value).toBe('name');
    const list = expr(o.items[1]!.value, 'Tuple');
    expect(list.items.map((i) => at(text, i.range))).toEqual(['1', '2', '3']);
    expect(at(text, list.range)).toBe('[1, 2,\n    3,\n  ]');
    const inner = expr(o.items[2]!.value, 'Object');
    expect(expr(inner.items[0]!.value, 'Tuple').items).toEqual([]);
  });

  it('reads for expressions (list and object, with if and grouping)', () => {
    const text = [
      'names = [for s in var.services : upper(s) if s != ""]',
      'by_id = {',
      '  for k, v in local.tables : k => v.arn...',
      '}',
      '',
    ].join('\n');
    const body = parseOk(text);
    const list = expr(attr(body, 'names').expr, 'For');
    expect([list.keyVar, list.valueVar, list.key, list.grouping]).toEqual([undefined, 's', undefined, false]);
    expect(at(text, list.collection.range)).toBe('var.services');
    expect(at(text, list.value.range)).toBe('upper(s)');
    expect(at(text, list.cond!.range)).toBe('s != ""');
    const obj = expr(attr(body, 'by_id').expr, 'For');
    expect([obj.keyVar, obj.valueVar, obj.grouping]).toEqual(['k', 'v', true]);
    expect(at(text, obj.key!.range)).toBe('k');
    expect(at(text, obj.value.range)).toBe('v.arn');
    expect(at(text, obj.range)).toBe(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
  });

  it('reads conditionals and operators with HCL precedence', () => {
    const text = 'days = var.env == "prod" && !var.sandbox ? 30 : 7 + 2 * 3\n';
    const c = expr(attr(parseOk(text), 'days').expr, 'Conditional');
    const and = expr(c.cond, 'Binary');
    expect(and.op).toBe('&&');
    expect(at(text, and.left.range)).toBe('var.env == "prod"');
    expect(expr(and.right, 'Unary').op).toBe('!');
    const plus = expr(c.else, 'Binary');
    expect(plus.op).toBe('+');
    expect(at(text, plus.right.range)).toBe('2 * 3');
  });

  it('reads function calls, argument expansion, provider functions and multi-line arguments', () => {
    const text = [
      'tags = merge(',
      '  local.common_tags,',
      '  { Name = "exports" },',
      ')',
      'm = max(var.days...)',
      'arn = provider::aws::arn_parse(var.arn)',
      '',
    ].join('\n');
    const body = parseOk(text);
    const merge = expr(attr(body, 'tags').expr, 'Call');
    expect(merge.name).toBe('merge');
    expect(merge.args.map((a) => at(text, a.range))).toEqual(['local.common_tags', '{ Name = "exports" }']);
    expect(at(text, merge.range)).toBe(text.slice(7, text.indexOf(')') + 1));
    expect(expr(attr(body, 'm').expr, 'Call').expandFinal).toBe(true);
    const provider = expr(attr(body, 'arn').expr, 'Call');
    expect([provider.name, at(text, provider.nameRange)]).toEqual(['provider::aws::arn_parse', 'provider::aws::arn_parse']);
  });

  it('reads traversals: attributes, indexes, legacy indexes and splats', () => {
    const text = 'a = aws_s3_bucket.data[0].id\nb = aws_instance.web[*].id\nc = aws_instance.web.*.id\nd = var.list.0\n';
    const body = parseOk(text);
    expect(traversalOf(attr(body, 'a').expr)).toEqual(['aws_s3_bucket', 'data', '[0]', 'id']);
    const full = expr(attr(body, 'b').expr, 'Splat');
    expect(at(text, full.range)).toBe('aws_instance.web[*].id');
    expect(traversalOf(full)).toEqual(['aws_instance', 'web', '[*]', 'id']);
    expect(traversalOf(attr(body, 'c').expr)).toEqual(['aws_instance', 'web', '[*]', 'id']);
    expect(traversalOf(attr(body, 'd').expr)).toEqual(['var', 'list', '[0]']);
  });

  it('reads template directives', () => {
    const text = 'a = "%{ if var.tls }https%{ else }http%{ endif }://%{ for h in var.hosts }${h},%{ endfor }"\n';
    const t = expr(attr(parseOk(text), 'a').expr, 'Template');
    expect(t.parts.map((p) => p.type)).toEqual(['If', 'Text', 'For']);
    const ifPart = t.parts[0] as TemplatePart & { type: 'If' };
    expect(at(text, ifPart.range)).toBe('%{ if var.tls }https%{ else }http%{ endif }');
    expect(ifPart.then).toMatchObject([{ type: 'Text', value: 'https' }]);
    expect(ifPart.else).toMatchObject([{ type: 'Text', value: 'http' }]);
  });

  it('reads strip markers in interpolations and directives', () => {
    const text = 'a = <<-EOT\n  %{ for s in var.list ~}\n  ${~ s ~}\n  %{ endfor ~}\n  EOT\nb = 1\n';
    const body = parseOk(text);
    const t = expr(attr(body, 'a').expr, 'Template');
    const loop = t.parts.find((p): p is TemplatePart & { type: 'For' } => p.type === 'For')!;
    expect(at(text, loop.collection.range)).toBe('var.list');
    const inner = loop.body.find((p): p is TemplatePart & { type: 'Interpolation' } => p.type === 'Interpolation')!;
    expect(at(text, inner.range)).toBe('${~ s ~}');
    expect(expr(attr(body, 'b').expr, 'Literal').value).toBe(1);
  });

  it('reads dynamic blocks as blocks with a label', () => {
    const text = ['dynamic "rule" {', '  for_each = var.rules', '  content {', '    id = rule.value.id', '  }', '}', ''].join('\n');
    const dyn = block(parseOk(text), 'dynamic');
    expect(dyn.labels.map((l) => l.value)).toEqual(['rule']);
    expect(at(text, attr(block(dyn.body, 'content').body, 'id').expr.range)).toBe('rule.value.id');
  });
});

describe('parseHcl: errors with positions', () => {
  const firstError = (text: string) => {
    const { errors } = parseHcl(text);
    expect(errors.length).toBeGreaterThan(0);
    return { message: errors[0]!.message, text: at(text, errors[0]!.range), offset: errors[0]!.range[0] };
  };

  it('reports an unclosed block at the end of the file', () => {
    const text = 'resource "aws_s3_bucket" "a" {\n  bucket = "x"\n';
    expect(firstError(text)).toEqual({ message: 'Unclosed block: no "}" closes this "resource" block before the end of the file', text: '{', offset: 29 });
  });

  it('reports an unterminated string at the line break', () => {
    const text = 'a = "unterminated\nb = 1\n';
    expect(firstError(text)).toEqual({ message: 'Unterminated string: a quoted string cannot span lines (use a heredoc)', text: '\n', offset: 17 });
  });

  it('reports a missing value', () => {
    const text = 'resource "aws_sqs_queue" "q" {\n  name =\n}\n';
    expect(firstError(text)).toEqual({ message: 'Expected an expression but found a line break', text: '\n', offset: 39 });
  });

  it('reports two attributes on one line', () => {
    const text = 'a = 1 b = 2\n';
    expect(firstError(text)).toEqual({ message: 'Expected a line break after the attribute but found "b"', text: 'b', offset: 6 });
  });

  it('reports an invalid character', () => {
    const text = 'a = 1\nb = @x\n';
    expect(firstError(text)).toMatchObject({ message: 'Invalid character "@"', text: '@', offset: 10 });
  });

  it('reports an unterminated heredoc', () => {
    const text = 'a = <<EOF\nnever closed\n';
    expect(firstError(text).message).toBe('Unterminated heredoc: missing closing marker EOF');
  });

  it('reports a stray closing brace', () => {
    const text = 'a = 1\n}\nb = 2\n';
    expect(firstError(text)).toEqual({ message: 'Unexpected "}": no block is open here', text: '}', offset: 6 });
  });

  it('reports a block label with interpolation', () => {
    const text = 'resource "aws_s3_bucket" "${var.name}" {\n}\n';
    expect(firstError(text)).toMatchObject({ message: 'Block labels must be plain strings, without ${} interpolation', offset: 25 });
  });

  it('recovers after an error and reads the rest of the file', () => {
    const text = 'a = [1, 2 3]\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n';
    const { body, errors } = parseHcl(text);
    expect(errors.map((e) => [e.message, at(text, e.range)])).toEqual([['Expected "," or "]" in the list but found the number 3', '3']]);
    expect(attr(block(body, 'resource').body, 'name').expr.type).toBe('Template');
  });
});
