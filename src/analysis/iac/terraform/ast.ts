import type { Range } from '../../types.js';

/**
 * The HCL2 native-syntax tree: a file is a body of attributes and blocks; expressions follow
 * the hclsyntax spec. Every node keeps its [start, end) offsets in the file's text.
 */
export interface Body {
  items: BodyItem[];
  range: Range;
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  type: 'Attribute';
  name: string;
  nameRange: Range;
  expr: Expr;
  range: Range;
}

export interface Label {
  value: string;
  range: Range;
}

export interface Block {
  type: 'Block';
  blockType: string;
  typeRange: Range;
  labels: Label[];
  body: Body;
  /** From the block type to the closing brace. */
  range: Range;
}

export type TemplatePart =
  | { type: 'Text'; value: string; range: Range }
  | { type: 'Interpolation'; expr: Expr; range: Range }
  | { type: 'If'; cond: Expr; then: TemplatePart[]; else?: TemplatePart[]; range: Range }
  | { type: 'For'; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[]; range: Range };

export type Expr =
  | { type: 'Literal'; value: string | number | boolean | null; range: Range }
  | { type: 'Template'; parts: TemplatePart[]; heredoc?: { marker: string; indented: boolean }; range: Range }
  | { type: 'Tuple'; items: Expr[]; range: Range }
  | { type: 'Object'; items: ObjectItem[]; range: Range }
  /** The root of a traversal: `var`, `aws_s3_bucket`, `local`, `each`, a for-expression variable. */
  | { type: 'Variable'; name: string; range: Range }
  | { type: 'GetAttr'; object: Expr; name: string; nameRange: Range; range: Range }
  | { type: 'Index'; object: Expr; key: Expr; range: Range }
  /** `source[*].rest` or `source.*.rest`; `each` is `rest` applied to a SplatItem. */
  | { type: 'Splat'; source: Expr; each: Expr; range: Range }
  | { type: 'SplatItem'; range: Range }
  | { type: 'Call'; name: string; nameRange: Range; args: Expr[]; expandFinal: boolean; range: Range }
  | {
      type: 'For';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      /** Present for object-producing `{for ...: k => v}` expressions. */
      key?: Expr;
      value: Expr;
      cond?: Expr;
      grouping: boolean;
      range: Range;
    }
  | { type: 'Conditional'; cond: Expr; then: Expr; else: Expr; range: Range }
  | { type: 'Binary'; op: string; left: Expr; right: Expr; range: Range }
  | { type: 'Unary'; op: '!' | '-'; operand: Expr; range: Range }
  | { type: 'Parens'; expr: Expr; range: Range };

export interface ObjectItem {
  key: Expr;
  value: Expr;
  range: Range;
}

export interface HclParseError {
  message: string;
  range: Range;
}

export interface HclFile {
  body: Body;
  errors: HclParseError[];
}

/** `aws_s3_bucket.data.id` → ['aws_s3_bucket', 'data', 'id'] (index steps become '[n]' / '[*]'); undefined if not a plain traversal. */
export function traversalOf(expr: Expr): string[] | undefined {
  switch (expr.type) {
    case 'Variable':
      return [expr.name];
    case 'GetAttr': {
      const base = traversalOf(expr.object);
      return base && [...base, expr.name];
    }
    case 'Index': {
      const base = traversalOf(expr.object);
      const key = expr.key.type === 'Literal' ? `[${JSON.stringify(expr.key.value)}]` : '[?]';
      return base && [...base, key];
    }
    case 'Splat': {
      const base = traversalOf(expr.source);
      const rest = traversalOf(expr.each);
      return base && rest && [...base, '[*]', ...rest];
    }
    case 'SplatItem':
      return [];
    default:
      return undefined;
  }
}
