import ts from 'typescript';

/**
 * Name lookup without a type checker: the declaration an identifier refers to, found by walking
 * out through the enclosing functions, blocks and the file, as the language scopes it. The CDK
 * reader works in the editor without type information, so this is its primary resolution; the
 * checker (when there is one) only follows imports into other files.
 */
export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportSpecifier
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration;

export function findDeclaration(name: string, from: ts.Node): Declaration | undefined {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      for (const p of node.parameters) {
        const hit = bindingNamed(p.name, name, p);
        if (hit) return hit;
      }
    }
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const hit = declaredIn(node.statements, name);
      if (hit) return hit;
    }
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) {
        const hit = bindingNamed(d.name, name, d);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

export function declaredIn(statements: readonly ts.Statement[], name: string): Declaration | undefined {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const hit = bindingNamed(d.name, name, d);
        if (hit) return hit;
      }
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name?.text === name) {
      // Overloads: the declaration with a body is the one that runs.
      if (ts.isFunctionDeclaration(s) && !s.body) continue;
      return s;
    } else if (ts.isImportDeclaration(s) && s.importClause) {
      const clause = s.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const spec = bindings.elements.find((e) => e.name.text === name);
        if (spec) return spec;
      }
    } else if (ts.isImportEqualsDeclaration(s) && s.name.text === name) {
      return s;
    }
  }
  return undefined;
}

function bindingNamed(
  nameNode: ts.BindingName,
  name: string,
  owner: ts.VariableDeclaration | ts.ParameterDeclaration,
): ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement | undefined {
  if (ts.isIdentifier(nameNode)) return nameNode.text === name ? owner : undefined;
  for (const element of nameNode.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const inner = bindingNamed(element.name, name, owner);
      if (inner) return inner === owner ? element : inner;
    }
  }
  return undefined;
}

/** The module specifier an import declaration node belongs to. */
export function moduleSpecifierOf(decl: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport | ts.ImportEqualsDeclaration): string | undefined {
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    return ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? ref.expression.text : undefined;
  }
  let node: ts.Node = decl;
  while (!ts.isImportDeclaration(node)) node = node.parent;
  return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
}

/** The exported declaration named `name` in a file, following `export { a as b }` and re-exports. */
export function findExport(
  sf: ts.SourceFile,
  name: string,
  load: (specifier: string, fromFile: string) => ts.SourceFile | undefined,
  seen = new Set<string>(),
): Declaration | ts.Expression | undefined {
  const key = `${sf.fileName}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  for (const s of sf.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported) {
      const isDefault = ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isDefault && name === 'default' && (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s))) return s;
      const hit = declaredIn([s], name);
      if (hit && !ts.isImportDeclaration(s)) return hit;
    }
    if (ts.isExportAssignment(s) && !s.isExportEquals && name === 'default') return s.expression;
    if (ts.isExportDeclaration(s)) {
      const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      if (!s.exportClause) {
        if (!from) continue;
        const target = load(from, sf.fileName);
        const hit = target && findExport(target, name, load, seen);
        if (hit) return hit;
        continue;
      }
      if (ts.isNamedExports(s.exportClause)) {
        for (const spec of s.exportClause.elements) {
          if (spec.name.text !== name) continue;
          const local = (spec.propertyName ?? spec.name).getText(sf);
          if (from) {
            const target = load(from, sf.fileName);
            return target && findExport(target, local, load, seen);
          }
          return declaredIn(sf.statements, local);
        }
      }
    }
  }
  return undefined;
}

/** Whether `name` (a `let`/`var`) is assigned again anywhere in its file: then its initializer is not its value. */
export function isReassigned(decl: ts.VariableDeclaration | ts.BindingElement): boolean {
  const list = ts.isVariableDeclaration(decl) ? decl.parent : undefined;
  if (list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return false;
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  const sf = decl.getSourceFile();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) && node.left.text === name) found = true;
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand) && node.operand.text === name) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
