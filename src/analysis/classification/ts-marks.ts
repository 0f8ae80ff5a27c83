import ts from 'typescript';
import type { LevelMark } from './model.js';

/** Decorators that carry a field's (or a class's) level as their argument. */
const LEVEL_DECORATORS = new Set(['Classification', 'Classified']);

const TAG = /@classification\b[ \t]*(?:[:=][ \t]*)?\{?[ \t]*([A-Za-z][\w-]*)?/gi;
const REVIEW = /proposed by datagate/i;

/** What the comments and decorators in front of a declaration say about its classification. */
export interface TsMarks {
  mark?: LevelMark;
  /** The declaration carries `@dataModel` in its JSDoc. */
  dataModel: boolean;
  /** A JSDoc block without a classification tag, where a tag can be added. */
  docInsertAt?: number;
  /** Where a new tag goes: the start of the declaration's line, or the declaration itself when it shares its line. */
  insertAt: number;
  indent: string;
  /** The declaration shares its line with other code: a tag is inserted in front of it, on that line. */
  inline?: boolean;
}

/**
 * Reads the JSDoc blocks between the end of the previous token and `nameStart` (so JSDoc above
 * decorators, between decorators and on the declaration all count), and any
 * `@Classification(...)`/`@Classified(...)` decorator. The tag nearest the name wins.
 */
export function readMarks(node: ts.Node, nameStart: number, sourceFile: ts.SourceFile): TsMarks {
  const text = sourceFile.text;
  const from = node.getFullStart();
  const region = text.slice(from, nameStart);
  let mark: LevelMark | undefined;
  let dataModel = false;
  let lastDoc: { start: number; end: number } | undefined;
  let lastDocTagged = false;
  for (const block of region.matchAll(DOC_BLOCK)) {
    const start = from + block.index;
    const body = block[0];
    if (isTrailingComment(text, start, start + body.length, nameStart)) continue;
    lastDoc = { start, end: start + body.length };
    lastDocTagged = false;
    if (/@dataModel\b/i.test(body)) dataModel = true;
    const found = tagIn(body, start);
    if (found) {
      lastDocTagged = true;
      mark = found;
    }
  }
  // `email: string; /** @classification restricted */` — a doc after the declaration, on its line.
  if (!mark) {
    const end = node.getEnd();
    const lineEnd = text.indexOf('\n', end);
    const rest = /^[ \t;,]*(\/\*\*(?!\/)[\s\S]*?\*\/)[ \t]*\r?$/.exec(text.slice(end, lineEnd < 0 ? text.length : lineEnd));
    if (rest) mark = tagIn(rest[1]!, end + rest[0].length - rest[1]!.length);
  }
  const decorated = decoratorMark(node);
  if (decorated) mark = decorated;
  const firstTokenStart = node.getStart(sourceFile, true);
  const lineStart = text.lastIndexOf('\n', firstTokenStart - 1) + 1;
  const before = text.slice(lineStart, firstTokenStart);
  const docInsertAt = lastDoc && !lastDocTagged ? lastDoc.end - 2 : undefined;
  if (before.trim() !== '') return { mark, dataModel, docInsertAt, insertAt: firstTokenStart, indent: '', inline: true };
  return { mark, dataModel, docInsertAt, insertAt: lineStart, indent: before };
}

const DOC_BLOCK = /\/\*\*(?!\/)[\s\S]*?\*\//g;

/** The last `@classification` tag of a JSDoc block starting at offset `start`. */
function tagIn(body: string, start: number): LevelMark | undefined {
  let mark: LevelMark | undefined;
  for (const tag of body.matchAll(TAG)) {
    const level = tag[1] ?? '';
    const levelStart = level ? start + tag.index + tag[0].length - level.length : start + tag.index;
    const levelEnd = level ? levelStart + level.length : levelStart + '@classification'.length;
    mark = { raw: level, range: [levelStart, levelEnd], pendingReview: REVIEW.test(body) };
  }
  return mark;
}

/**
 * A block that ends a line of other code (`id: string; /** … *\/` then a line break) documents
 * that code, not the declaration after it.
 */
function isTrailingComment(text: string, start: number, end: number, nameStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start).trim();
  if (before === '' || /[{(]$/.test(before)) return false;
  return text.slice(end, nameStart).includes('\n');
}

/** Name of a decorator (`@Entity()`, `@orm.Entity`, `@Column`) → `Entity`, `Entity`, `Column`. */
export function decoratorName(decorator: ts.Decorator): string | undefined {
  let expr: ts.Expression = decorator.expression;
  if (ts.isCallExpression(expr)) expr = expr.expression;
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

export function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}

function decoratorMark(node: ts.Node): LevelMark | undefined {
  for (const decorator of decoratorsOf(node)) {
    const name = decoratorName(decorator);
    if (!name || !LEVEL_DECORATORS.has(name)) continue;
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) return { raw: '', range: [decorator.getStart(), decorator.getEnd()], pendingReview: false };
    const arg = call.arguments[0];
    return levelFromExpression(arg) ?? { raw: '', range: [decorator.getStart(), decorator.getEnd()], pendingReview: false };
  }
  return undefined;
}

/** `'restricted'`, `Level.Restricted`, `RESTRICTED`, `{ level: 'restricted' }` → the level text. */
function levelFromExpression(expr: ts.Expression | undefined): LevelMark | undefined {
  if (!expr) return undefined;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    return { raw: expr.text, range: [expr.getStart() + 1, expr.getEnd() - 1], pendingReview: false };
  }
  if (ts.isPropertyAccessExpression(expr)) return { raw: expr.name.text, range: [expr.name.getStart(), expr.name.getEnd()], pendingReview: false };
  if (ts.isIdentifier(expr)) return { raw: expr.text, range: [expr.getStart(), expr.getEnd()], pendingReview: false };
  if (ts.isObjectLiteralExpression(expr)) {
    for (const p of expr.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === 'level') return levelFromExpression(p.initializer);
    }
  }
  return undefined;
}
