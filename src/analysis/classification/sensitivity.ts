import ts from 'typescript';
import type { Policy } from '../../policy/types.js';
import { isSensitiveLevel, levelRank, resolveLevel } from './levels.js';
import type { LevelMark } from './model.js';
import { readMarks } from './ts-marks.js';

/** What a value of a model type carries: the model, its highest declared level, the fields at it. */
export interface ModelSensitivity {
  model: string;
  level: string;
  /** Fields at that level; a field reached through a relation is dotted (`referrer.email`). */
  fields: string[];
}

type Declared = { level: string } | undefined;

const propertyCache = new WeakMap<Policy, WeakMap<ts.Symbol, Declared | null>>();
const typeCache = new WeakMap<Policy, WeakMap<ts.Type, ModelSensitivity | null>>();

function cacheFor<K extends object, V>(store: WeakMap<Policy, WeakMap<K, V>>, policy: Policy): WeakMap<K, V> {
  let map = store.get(policy);
  if (!map) store.set(policy, (map = new WeakMap()));
  return map;
}

/**
 * A property's declared level (its own `@classification` tag or decorator) or inherited one
 * (the tag on its type, or on the field that holds its object type), when either names a
 * configured level. Works for interfaces, classes, type literals, zod `z.object` shapes and the
 * types derived from them (`z.infer`, `Pick`, `Partial`), whose properties keep their declarations.
 */
export function propertyLevel(symbol: ts.Symbol, checker: ts.TypeChecker, policy: Policy): string | undefined {
  const cache = cacheFor(propertyCache, policy);
  const hit = cache.get(symbol);
  if (hit !== undefined) return hit?.level;
  let found: Declared;
  for (const decl of symbol.declarations ?? []) {
    const mark = declarationMark(decl, 0, isRelation(symbol, decl, checker));
    const level = mark ? resolveLevel(mark.raw, policy) : undefined;
    if (level) {
      found = { level };
      break;
    }
  }
  cache.set(symbol, found ?? null);
  return found?.level;
}

/**
 * A property holding another user-declared object type (a relation, or a nested object): it does
 * not inherit its container's default, because the related type's own fields carry the levels.
 */
function isRelation(symbol: ts.Symbol, decl: ts.Node, checker: ts.TypeChecker): boolean {
  return unwrap(checker.getTypeOfSymbolAtLocation(symbol, decl), checker).some((t) => isUserType(t, checker) && checker.getPropertiesOfType(t).length > 0);
}

/** The mark that applies to a property declaration: its own, else its container's default. */
function declarationMark(decl: ts.Node, depth: number, relation = false): LevelMark | undefined {
  if (depth > 6) return undefined;
  const sf = decl.getSourceFile();
  if (!sf || sf.isDeclarationFile) return undefined;
  const name = (decl as { name?: ts.Node }).name;
  if (
    name &&
    (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isShorthandPropertyAssignment(decl) || ts.isParameter(decl))
  ) {
    const own = readMarks(decl, name.getStart(sf), sf).mark;
    if (own || relation) return own;
    return containerMark(decl.parent, sf, depth);
  }
  return undefined;
}

/** The type-level default of the declaration a property sits in. */
function containerMark(container: ts.Node, sf: ts.SourceFile, depth: number): LevelMark | undefined {
  let node: ts.Node = container;
  if (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) {
    return node.name ? readMarks(node, node.name.getStart(sf), sf).mark : undefined;
  }
  if (ts.isConstructorDeclaration(node)) return containerMark(node.parent, sf, depth);
  if (ts.isTypeLiteralNode(node)) {
    node = node.parent;
    while (ts.isParenthesizedTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isArrayTypeNode(node) || ts.isUnionTypeNode(node) || ts.isTypeReferenceNode(node)) node = node.parent;
    if (ts.isTypeAliasDeclaration(node)) return readMarks(node, node.name.getStart(sf), sf).mark;
    if (ts.isPropertySignature(node)) return declarationMark(node, depth + 1);
    return undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    // z.object({...}) (possibly .extend({...}), inside z.array(...), .optional(), …)
    node = node.parent;
    while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isParenthesizedExpression(node)) node = node.parent;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const statement = node.parent?.parent;
      if (statement && ts.isVariableStatement(statement)) return readMarks(statement, node.name.getStart(sf), sf).mark;
      return undefined;
    }
    if (ts.isPropertyAssignment(node)) return declarationMark(node, depth + 1);
  }
  return undefined;
}

/**
 * For a value typed as a declared data model (or an array, promise, or `| undefined` of one):
 * the highest declared level among its fields and the fields at that level, when that level is
 * sensitive (at or above the policy's second-highest level). Fields of related models count
 * through their relation (`referral.referrer.email`), two levels deep.
 */
export function modelSensitivity(type: ts.Type, checker: ts.TypeChecker, policy: Policy): ModelSensitivity | undefined {
  const cache = cacheFor(typeCache, policy);
  const hit = cache.get(type);
  if (hit !== undefined) return hit ?? undefined;
  cache.set(type, null); // cycle guard while computing
  const result = compute(type, checker, policy, 0, new Set());
  cache.set(type, result ?? null);
  return result;
}

function compute(type: ts.Type, checker: ts.TypeChecker, policy: Policy, depth: number, seen: Set<ts.Type>): ModelSensitivity | undefined {
  const inner = unwrap(type, checker);
  if (inner.length === 0) return undefined;
  let best: ModelSensitivity | undefined;
  for (const t of inner) {
    const found = ownSensitivity(t, checker, policy, depth, seen);
    if (!found) continue;
    if (!best || levelRank(found.level, policy) > levelRank(best.level, policy)) best = found;
    else if (found.level === best.level) best = { ...best, fields: [...new Set([...best.fields, ...found.fields])] };
  }
  return best;
}

/** The object types a value of `type` holds: arrays, promises, unions and nullables are looked through. */
function unwrap(type: ts.Type, checker: ts.TypeChecker): ts.Type[] {
  if (type.isUnion()) return type.types.flatMap((t) => unwrap(t, checker));
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.Never | ts.TypeFlags.Unknown | ts.TypeFlags.Any | ts.TypeFlags.Void | ts.TypeFlags.Null | ts.TypeFlags.Undefined)) return [];
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    return checker.getTypeArguments(type as ts.TypeReference).flatMap((t) => unwrap(t, checker));
  }
  const symbolName = type.getSymbol()?.getName();
  if (symbolName === 'Promise' || symbolName === 'PromiseLike') {
    const awaited = checker.getAwaitedType(type);
    return awaited && awaited !== type ? unwrap(awaited, checker) : [];
  }
  if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return [];
  return [type];
}

/**
 * A type declared in the project (not a library type like Date, Map or express's Request), or
 * derived from one (`Partial<User>`, `Pick<User, …>`): only those can carry declared levels.
 */
function isUserType(type: ts.Type, checker: ts.TypeChecker): boolean {
  const own = type.getSymbol();
  const decls = [...(type.aliasSymbol?.declarations ?? []), ...(own?.declarations ?? [])];
  if (decls.length === 0 || decls.some((d) => !d.getSourceFile().isDeclarationFile)) return true;
  if (own && own.getName() !== '__type') return false;
  // A library mapped or generic type over the project's types: judged by its properties.
  return checker
    .getPropertiesOfType(type)
    .slice(0, 64)
    .some((p) => (p.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile));
}

function ownSensitivity(type: ts.Type, checker: ts.TypeChecker, policy: Policy, depth: number, seen: Set<ts.Type>): ModelSensitivity | undefined {
  if (seen.has(type) || !isUserType(type, checker)) return undefined;
  seen.add(type);
  try {
    let level: string | undefined;
    let fields: string[] = [];
    const consider = (l: string, field: string) => {
      const rank = levelRank(l, policy);
      if (level === undefined || rank > levelRank(level, policy)) {
        level = l;
        fields = [field];
      } else if (l === level) fields.push(field);
    };
    for (const prop of checker.getPropertiesOfType(type)) {
      const own = propertyLevel(prop, checker, policy);
      if (own) {
        consider(own, prop.getName());
        continue;
      }
      if (depth >= 2) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl) continue;
      const related = compute(checker.getTypeOfSymbolAtLocation(prop, decl), checker, policy, depth + 1, seen);
      if (related) for (const f of related.fields) consider(related.level, `${prop.getName()}.${f}`);
    }
    if (level === undefined || !isSensitiveLevel(level, policy)) return undefined;
    return { model: modelName(type, checker), level, fields };
  } finally {
    seen.delete(type);
  }
}

function modelName(type: ts.Type, checker: ts.TypeChecker): string {
  const alias = type.aliasSymbol?.getName();
  if (alias) return alias;
  const name = type.getSymbol()?.getName();
  if (name && name !== '__type' && name !== '__object') return name;
  return checker.typeToString(type);
}
