import ts from 'typescript';
import type { Detection, Range, Suggestion, TsFileContext } from '../types.js';
import { findAssignments } from './assignments.js';
import { secretEngineFor, type SecretEngine } from './engine.js';
import { nameWords } from './names.js';
import { formatDetection, genericDetection, mergeDetections } from './report.js';
import { introducesExample } from './placeholders.js';
import { isNonValueLiteral, literalAt, literalSite } from './ts-sites.js';

/**
 * no-hardcoded-secrets for TypeScript/JavaScript, shared by the ESLint rule and the scanner:
 * provider formats anywhere in the text (literals, templates, comments), and secret-named
 * literals (variables, properties, class fields, default parameters, JSX attributes, headers,
 * CDK environment blocks and SSM parameters) that look random enough.
 */
export function detectHardcodedSecrets(context: TsFileContext): Detection[] {
  const engine = secretEngineFor(context.policy);
  const sourceFile = context.sourceFile;
  const text = sourceFile.text;
  const { comments, literals } = collect(sourceFile);

  const formats = engine.findFormats(text).map((hit) => {
    const literal = literalAt(sourceFile, hit.secretRange[0]);
    const site = literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) ? literalSite(literal) : undefined;
    const name = site && engine.generic?.kindOf(site.name) ? site.name : undefined;
    return formatDetection(hit, literal ? envSuggestion(sourceFile, literal, name, hit.format.env) : undefined);
  });
  const generic = engine.generic ? genericInTs(sourceFile, engine, comments, literals) : [];
  return mergeDetections(formats, generic).filter((d) => !isDocumentedExample(text, comments, d.range));
}

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/** Comments and candidate string literals, in one walk of the tree. */
function collect(sourceFile: ts.SourceFile): { comments: ts.CommentRange[]; literals: Literal[] } {
  const text = sourceFile.text;
  const comments: ts.CommentRange[] = [];
  const literals: Literal[] = [];
  const positions = new Set<number>();
  const starts = new Set<number>();
  const commentsAt = (pos: number) => {
    if (positions.has(pos)) return;
    positions.add(pos);
    for (const c of ts.getLeadingCommentRanges(text, pos) ?? []) {
      if (starts.has(c.pos)) continue;
      starts.add(c.pos);
      comments.push(c);
    }
  };
  const visit = (node: ts.Node): void => {
    commentsAt(node.pos);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (node.text.length >= 6 && !isNonValueLiteral(node)) literals.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  commentsAt(sourceFile.endOfFileToken.pos);
  return { comments, literals };
}

function genericInTs(sourceFile: ts.SourceFile, engine: SecretEngine, comments: ts.CommentRange[], literals: Literal[]): Detection[] {
  const judge = engine.generic!;
  const text = sourceFile.text;
  const out: Detection[] = [];
  for (const c of comments) {
    // Commented-out code: `// const apiKey = '…'`.
    const comment = text.slice(c.pos, c.end);
    for (const a of findAssignments(comment, true)) {
      const hit = judge.judge(a.name, a.value);
      if (!hit) continue;
      const start = c.pos + a.start + hit.offset;
      out.push(genericDetection(hit.kind, a.name, hit.secret, [start, start + hit.secret.length], 'code'));
    }
  }
  for (const literal of literals) {
    const site = literalSite(literal, engine.knowledge.secretArguments);
    if (!site) continue;
    const hit = site.kind ? judge.judgeAs(site.kind, literal.text) : judge.judge(site.name, literal.text);
    if (!hit) continue;
    const range = secretRange(sourceFile, literal, hit.secret, hit.offset);
    const suggestion = envSuggestion(sourceFile, literal, site.kind ? undefined : site.name, site.env);
    out.push(genericDetection(hit.kind, site.name, hit.secret, range, site.context, suggestion));
  }
  return out;
}

/**
 * A value inside a comment that introduces it as an example ("A token looks like this:",
 * "e.g.", "for example") documents a format; it is not a credential.
 */
function isDocumentedExample(text: string, comments: ts.CommentRange[], range: Range): boolean {
  const comment = comments.find((c) => c.pos <= range[0] && range[1] <= c.end);
  return comment !== undefined && introducesExample(text.slice(Math.max(comment.pos, range[0] - 300), range[0]));
}


/** The secret's offsets in the file (escapes in the literal fall back to the whole literal). */
function secretRange(sourceFile: ts.SourceFile, literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, secret: string, offset: number): Range {
  const start = literal.getStart(sourceFile) + 1;
  const raw = sourceFile.text.slice(start, literal.end - 1);
  if (raw === literal.text) return [start + offset, start + offset + secret.length];
  const at = raw.indexOf(secret);
  return at >= 0 ? [start + at, start + at + secret.length] : [start, literal.end - 1];
}

/** `dbPassword` → DB_PASSWORD; `/prod/stripe/secret-key` → PROD_STRIPE_SECRET_KEY. */
export function envNameFor(name: string): string | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const env = words.join('_').toUpperCase();
  return /^[A-Z_]/.test(env) ? env : `SECRET_${env}`;
}

/** Replace the literal with `process.env.NAME` (in braces inside a JSX attribute). */
function envSuggestion(sourceFile: ts.SourceFile, literal: ts.Node, name: string | undefined, formatEnv: string | undefined): Suggestion[] | undefined {
  if (!ts.isStringLiteral(literal) && !ts.isNoSubstitutionTemplateLiteral(literal)) return undefined;
  const parent = literal.parent;
  if (isNonValueLiteral(literal) || ts.isEnumMember(parent)) return undefined;
  // A literal used as a property key is not a value to replace.
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === literal) return undefined;
  // `process.env.X ?? 'literal'`: the fix is to drop the hard-coded fallback.
  if (ts.isBinaryExpression(parent) && parent.right === literal && isEnvRead(parent.left)) {
    const envText = parent.left.getText(sourceFile);
    return [{ message: `Remove the hard-coded fallback and read ${envText} only`, edits: [{ range: [parent.left.end, literal.end], text: '' }] }];
  }
  const env = (name && envNameFor(name)) ?? formatEnv ?? 'SECRET';
  const replacement = ts.isJsxAttribute(parent) ? `{process.env.${env}}` : `process.env.${env}`;
  return [{ message: `Read it from process.env.${env}`, edits: [{ range: [literal.getStart(sourceFile), literal.end], text: replacement }] }];
}

/** `process.env.NAME` or `process.env['NAME']` (possibly with `!`). */
function isEnvRead(node: ts.Expression): boolean {
  const inner = ts.isNonNullExpression(node) ? node.expression : node;
  if (!ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return false;
  const target = inner.expression;
  return ts.isPropertyAccessExpression(target) && target.name.text === 'env' && ts.isIdentifier(target.expression) && target.expression.text === 'process';
}
