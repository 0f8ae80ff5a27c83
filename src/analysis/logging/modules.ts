import ts from 'typescript';
import { skipOuter, type Declaration } from './scope.js';

/** Where an imported binding comes from: `import { createLogger } from 'winston'` → winston / createLogger. */
export interface ModuleRef {
  module: string;
  /** `default`, `*` (namespace or whole `require()`), or the exported name. */
  imported: string;
}

/** A module specifier that names a package (not `./x`, `../x`, `/x`, nor a tsconfig path alias like `@/x`, `~/x`, `src/x`). */
export function isPackageSpecifier(spec: string): boolean {
  return !/^(?:\.|\/|@\/|~\/|#)/.test(spec);
}

function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = skipOuter(expr);
  const inner = ts.isAwaitExpression(e) ? skipOuter(e.expression) : e;
  if (
    ts.isCallExpression(inner) &&
    (inner.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(inner.expression) && inner.expression.text === 'require')) &&
    inner.arguments.length === 1 &&
    ts.isStringLiteralLike(inner.arguments[0]!)
  ) {
    return inner.arguments[0].text;
  }
  return undefined;
}

/** The module a declaration imports, if it is an import or a `require()`. */
export function moduleRefOf(decl: Declaration): ModuleRef | undefined {
  if (ts.isImportClause(decl)) return specOf(decl.parent) ? { module: specOf(decl.parent)!, imported: 'default' } : undefined;
  if (ts.isNamespaceImport(decl)) return specOf(decl.parent.parent) ? { module: specOf(decl.parent.parent)!, imported: '*' } : undefined;
  if (ts.isImportSpecifier(decl)) {
    const spec = specOf(decl.parent.parent.parent);
    return spec ? { module: spec, imported: (decl.propertyName ?? decl.name).text } : undefined;
  }
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    if (ts.isExternalModuleReference(ref) && ts.isStringLiteralLike(ref.expression)) return { module: ref.expression.text, imported: '*' };
    return undefined;
  }
  if (ts.isVariableDeclaration(decl)) {
    const module = requiredModule(decl.initializer);
    return module ? { module, imported: '*' } : undefined;
  }
  if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent)) {
    const module = requiredModule(decl.parent.parent.initializer);
    const key = decl.propertyName ?? decl.name;
    if (module && ts.isIdentifier(key)) return { module, imported: key.text };
  }
  return undefined;
}

function specOf(node: ts.ImportDeclaration | ts.JSDocImportTag): string | undefined {
  return ts.isStringLiteralLike(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
}

/** `@scope/pkg/sub/path` → `@scope/pkg`, `pino/file` → `pino`. */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
