import ts from 'typescript';

/**
 * Lexical name resolution within one file, without a type checker: which declaration an
 * identifier refers to (a variable, parameter, destructured binding, function, class or import),
 * and which values are later assigned to it. Enough for taint tracking in the editor when no
 * type information is available; the scanner adds the checker only to cross module boundaries.
 */
export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.EnumDeclaration
  | ts.FunctionExpression;

export interface ScopeIndex {
  resolve(id: ts.Identifier): Declaration | undefined;
  /** Expressions assigned to a declared variable after its declaration (`x = …`, `x += …`). */
  assignments(decl: ts.Node): readonly ts.Expression[];
  /** Expressions assigned to `this.<name>` inside a class (constructor and methods). */
  memberAssignments(cls: ts.ClassLikeDeclaration, name: string): readonly ts.Expression[];
}

const indexes = new WeakMap<ts.SourceFile, ScopeIndex>();

function isScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isCatchClause(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isFunctionLike(node) ||
    ts.isClassLike(node)
  );
}

function scopeOf(node: ts.Node): ts.Node {
  let n = node.parent;
  while (n && !isScope(n)) n = n.parent;
  return n ?? node.getSourceFile();
}

export function scopeIndex(sourceFile: ts.SourceFile): ScopeIndex {
  const hit = indexes.get(sourceFile);
  if (hit) return hit;
  const scopes = new Map<ts.Node, Map<string, Declaration>>();
  const declare = (scope: ts.Node, name: string, decl: Declaration) => {
    let map = scopes.get(scope);
    if (!map) scopes.set(scope, (map = new Map()));
    if (!map.has(name)) map.set(name, decl);
  };
  const declareBinding = (scope: ts.Node, name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration) => {
    if (ts.isIdentifier(name)) {
      declare(scope, name.text, decl);
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (ts.isIdentifier(element.name)) declare(scope, element.name.text, element);
      else declareBinding(scope, element.name, decl);
    }
  };
  const assigned = new Map<ts.Node, ts.Expression[]>();
  const memberAssigned = new Map<ts.Node, Map<string, ts.Expression[]>>();
  const pendingAssignments: ts.BinaryExpression[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) declareBinding(scopeOf(node), node.name, node);
    else if (ts.isParameter(node) && node.parent && ts.isFunctionLike(node.parent)) declareBinding(node.parent, node.name, node);
    else if (ts.isFunctionDeclaration(node) && node.name) declare(scopeOf(node), node.name.text, node);
    else if (ts.isFunctionExpression(node) && node.name) declare(node, node.name.text, node);
    else if (ts.isClassDeclaration(node) && node.name) declare(scopeOf(node), node.name.text, node);
    else if (ts.isEnumDeclaration(node)) declare(scopeOf(node), node.name.text, node);
    else if (ts.isImportClause(node) && node.name) declare(sourceFile, node.name.text, node);
    else if (ts.isNamespaceImport(node)) declare(sourceFile, node.name.text, node);
    else if (ts.isImportSpecifier(node)) declare(sourceFile, node.name.text, node);
    else if (ts.isImportEqualsDeclaration(node)) declare(sourceFile, node.name.text, node);
    else if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) pendingAssignments.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);

  const resolve = (id: ts.Identifier): Declaration | undefined => {
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      const hitDecl = scopes.get(n)?.get(id.text);
      if (hitDecl) return hitDecl;
    }
    return undefined;
  };

  for (const a of pendingAssignments) {
    const left = skipOuter(a.left);
    if (ts.isIdentifier(left)) {
      const decl = resolve(left);
      if (!decl) continue;
      const list = assigned.get(decl);
      if (list) list.push(a.right);
      else assigned.set(decl, [a.right]);
    } else if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(a);
      if (!cls) continue;
      let members = memberAssigned.get(cls);
      if (!members) memberAssigned.set(cls, (members = new Map()));
      const list = members.get(left.name.text);
      if (list) list.push(a.right);
      else members.set(left.name.text, [a.right]);
    }
  }

  const index: ScopeIndex = {
    resolve,
    assignments: (decl) => assigned.get(decl) ?? [],
    memberAssignments: (cls, name) => memberAssigned.get(cls)?.get(name) ?? [],
  };
  indexes.set(sourceFile, index);
  return index;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.PlusEqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    // an arrow function keeps `this`; a function expression/declaration does not
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) && !ts.isClassLike(n.parent)) return undefined;
  }
  return undefined;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>` casts. */
export function skipOuter(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
    else return n;
  }
}
