import ts from 'typescript';
import type { Policy } from '../../policy/types.js';
import { importsDataModelModule, isDataModelFile } from './data-model-files.js';
import type { DataModel, LevelMark, ModelField, ModelSyntax } from './model.js';
import { decoratorName, decoratorsOf, readMarks } from './ts-marks.js';

/** Class decorators that make a class a data model wherever it is, and the syntax they mean. */
const MODEL_DECORATORS: Readonly<Record<string, ModelSyntax>> = {
  Entity: 'typeorm',
  ViewEntity: 'typeorm',
  ChildEntity: 'typeorm',
  Schema: 'mongoose',
  ObjectType: 'type-graphql',
};

/** Property decorators that declare a relation to another model (TypeORM, MikroORM). */
const RELATION_DECORATORS = new Set(['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany', 'RelationId', 'ManyToOneRelation']);

/** Generic wrappers whose type argument is the value's real type. */
const WRAPPERS = new Set(['Array', 'ReadonlyArray', 'Promise', 'Relation', 'Ref', 'Reference', 'Lazy', 'Collection', 'Partial', 'Readonly', 'Required', 'Maybe', 'Nullable', 'Optional']);

const GENERATED = /@generated\b|\bDO NOT EDIT\b|\b(?:auto-?generated|automatically generated)\b/i;

/** Fields that are protocol metadata, not data (GraphQL's `__typename`). */
const META_FIELDS = new Set(['__typename']);

export interface TsReadContext {
  /** Absolute path of the file. */
  fileName: string;
  policy: Policy;
  checker?: ts.TypeChecker;
  /**
   * Names of models declared in the project's other files (the scanner knows them; the editor
   * without type information does not): an imported type with one of these names is a relation.
   */
  projectModels?: ReadonlySet<string>;
}

interface FileFacts {
  sourceFile: ts.SourceFile;
  context: TsReadContext;
  inModelFile: boolean;
  /** Local names bound to zod (`z`, or whatever `import { z as zod }` says). */
  zod: Set<string>;
  /** Names of declarations in this file that are models (filled before fields are read). */
  localModels: Set<string>;
  /** Type names imported from data-model modules. */
  importedModels: Set<string>;
  /** Enums declared in this file. */
  enums: Set<string>;
  /** Type parameters of the declaration being read (`Page<T>`: a `T` field holds some other model). */
  typeParams: Set<string>;
}

/**
 * The data models a TypeScript file declares: interfaces, object type aliases, classes with
 * properties and zod `z.object` schemas in a `dataModels` file; anywhere, a type tagged
 * `@dataModel` or a class decorated `@Entity`/`@Schema`/`@ObjectType`. Functions, enums and
 * unions of literals are not models.
 */
export function readTsModels(sourceFile: ts.SourceFile, context: TsReadContext): DataModel[] {
  // Generated code (GraphQL codegen, ORM clients) is classified at its source: the schema.
  if (GENERATED.test(sourceFile.text.slice(0, 600))) return [];
  const facts: FileFacts = {
    sourceFile,
    context,
    inModelFile: isDataModelFile(context.fileName, context.policy),
    zod: new Set(['z']),
    localModels: new Set(),
    importedModels: new Set(),
    enums: new Set(),
    typeParams: new Set(),
  };
  collectImports(facts);
  const candidates: Array<() => DataModel[]> = [];
  const visit = (statements: readonly ts.Statement[]) => {
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
        visit(statement.body.statements);
        continue;
      }
      if (ts.isEnumDeclaration(statement)) {
        facts.enums.add(statement.name.text);
        continue;
      }
      const reader = candidateReader(statement, facts);
      if (reader) {
        facts.localModels.add(reader.name);
        const params = new Set(typeParametersOf(statement));
        candidates.push(() => {
          facts.typeParams = params;
          return reader.read();
        });
      }
    }
  };
  visit(sourceFile.statements);
  return candidates.flatMap((read) => read());
}

interface Candidate {
  name: string;
  read: () => DataModel[];
}

function candidateReader(statement: ts.Statement, facts: FileFacts): Candidate | undefined {
  const sf = facts.sourceFile;
  if (ts.isInterfaceDeclaration(statement)) {
    const marks = readMarks(statement, statement.name.getStart(sf), sf);
    if (!(facts.inModelFile || marks.dataModel)) return undefined;
    if (!statement.members.some(isDataProperty)) return undefined;
    const name = statement.name.text;
    return { name, read: () => modelFromMembers(name, statement.name, 'interface', statement.members, marks, facts) };
  }
  if (ts.isTypeAliasDeclaration(statement)) {
    const marks = readMarks(statement, statement.name.getStart(sf), sf);
    if (!(facts.inModelFile || marks.dataModel)) return undefined;
    const literals = objectLiteralParts(statement.type);
    if (literals.length === 0 || !literals.some((l) => l.members.some(isDataProperty))) return undefined;
    const name = statement.name.text;
    return { name, read: () => modelFromMembers(name, statement.name, 'type', literals.flatMap((l) => [...l.members]), marks, facts) };
  }
  if (ts.isClassDeclaration(statement) && statement.name) {
    const nameNode = statement.name;
    const marks = readMarks(statement, nameNode.getStart(sf), sf);
    const syntax = classSyntax(statement);
    if (!(facts.inModelFile || marks.dataModel || syntax !== 'class')) return undefined;
    const ormDecorated = syntax !== 'class';
    const members = classDataMembers(statement, ormDecorated);
    if (members.length === 0) return undefined;
    return { name: nameNode.text, read: () => [classModel(statement, nameNode, syntax, members, marks, facts)] };
  }
  if (ts.isVariableStatement(statement)) {
    const decl = statement.declarationList.declarations[0];
    if (!decl || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
    const marks = readMarks(statement, decl.name.getStart(sf), sf);
    if (!(facts.inModelFile || marks.dataModel)) return undefined;
    const shapes = zodShapes(decl.initializer, facts);
    if (shapes.length === 0) return undefined;
    const nameNode = decl.name;
    return { name: nameNode.text, read: () => zodModel(nameNode.text, nameNode, shapes, marks, facts) };
  }
  return undefined;
}

function typeParametersOf(statement: ts.Statement): string[] {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) {
    return (statement.typeParameters ?? []).map((p) => p.name.text);
  }
  return [];
}

function collectImports(facts: FileFacts): void {
  const { policy, fileName } = facts.context;
  for (const statement of facts.sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause) continue;
    const spec = statement.moduleSpecifier.text;
    const names: string[] = [];
    if (clause.name) names.push(clause.name.text);
    if (clause.namedBindings) {
      if (ts.isNamespaceImport(clause.namedBindings)) names.push(clause.namedBindings.name.text);
      else for (const el of clause.namedBindings.elements) names.push(el.name.text);
    }
    if (spec === 'zod' || spec.startsWith('zod/')) {
      for (const n of names) facts.zod.add(n);
    } else if (importsDataModelModule(spec, fileName, policy)) {
      for (const n of names) facts.importedModels.add(n);
    } else if (facts.context.projectModels) {
      for (const n of names) if (facts.context.projectModels.has(n)) facts.importedModels.add(n);
    }
  }
}

/** A member that holds data (not a method, index signature or function-typed property). */
function isDataProperty(member: ts.TypeElement): boolean {
  if (!ts.isPropertySignature(member)) return false;
  const name = propertyName(member.name);
  return name !== undefined && !META_FIELDS.has(name) && !(member.type && isFunctionType(member.type));
}

function isFunctionType(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return isFunctionType(type.type);
  return ts.isFunctionTypeNode(type) || ts.isConstructorTypeNode(type);
}

function propertyName(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** `{...}`, `{...} & {...}`, `Base & {...}`: the literal parts whose members are the fields. */
function objectLiteralParts(type: ts.TypeNode): ts.TypeLiteralNode[] {
  if (ts.isParenthesizedTypeNode(type)) return objectLiteralParts(type.type);
  if (ts.isTypeLiteralNode(type)) return [type];
  if (ts.isIntersectionTypeNode(type)) return type.types.flatMap(objectLiteralParts);
  return [];
}

function classSyntax(node: ts.ClassDeclaration): ModelSyntax {
  for (const d of decoratorsOf(node)) {
    const name = decoratorName(d);
    if (name && MODEL_DECORATORS[name]) return MODEL_DECORATORS[name]!;
  }
  return 'class';
}

type ClassMember = ts.PropertyDeclaration | ts.ParameterDeclaration;

function classDataMembers(node: ts.ClassDeclaration, ormDecorated: boolean): ClassMember[] {
  const out: ClassMember[] = [];
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member)) {
      const mods = ts.getCombinedModifierFlags(member);
      if (mods & ts.ModifierFlags.Static) continue;
      if (ts.isPrivateIdentifier(member.name) && !ormDecorated) continue;
      if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) && !ormDecorated && decoratorsOf(member).length === 0) continue;
      if (member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) continue;
      if (member.type && isFunctionType(member.type)) continue;
      if (propertyName(member.name) === undefined) continue;
      out.push(member);
    } else if (ts.isConstructorDeclaration(member)) {
      for (const p of member.parameters) {
        const mods = ts.getCombinedModifierFlags(p);
        const isProperty = mods & (ts.ModifierFlags.Public | ts.ModifierFlags.Readonly | ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
        if (!isProperty || mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (ts.isIdentifier(p.name)) out.push(p);
      }
    }
  }
  return out;
}

/** A model with its name, place, syntax and type-level default, before its fields are read. */
function emptyModel(
  name: string,
  nameNode: ts.Node,
  syntax: ModelSyntax,
  marks: ReturnType<typeof readMarks>,
  facts: FileFacts,
  parentDefault?: LevelMark,
): DataModel {
  return {
    name,
    file: facts.context.fileName,
    range: [nameNode.getStart(facts.sourceFile), nameNode.getEnd()],
    syntax,
    defaultMark: marks.mark,
    parentDefault,
    insertAt: marks.insertAt,
    indent: marks.indent,
    fields: [],
  };
}

function modelFromMembers(
  name: string,
  nameNode: ts.Node,
  syntax: ModelSyntax,
  members: readonly ts.TypeElement[],
  marks: ReturnType<typeof readMarks>,
  facts: FileFacts,
  parentDefault?: LevelMark,
): DataModel[] {
  const model = emptyModel(name, nameNode, syntax, marks, facts, parentDefault);
  const nested: DataModel[] = [];
  for (const member of members) {
    if (!isDataProperty(member)) continue;
    const prop = member as ts.PropertySignature;
    const fieldName = propertyName(prop.name)!;
    const field = baseField(prop, fieldName, prop.type, facts);
    const literal = prop.type ? nestedLiteral(prop.type) : undefined;
    if (literal && literal.members.some(isDataProperty)) {
      const childName = `${name}.${fieldName}`;
      field.relationTo = childName;
      const inherited = field.mark ?? model.defaultMark ?? parentDefault;
      const childMarks = { mark: undefined, dataModel: false, insertAt: field.insertAt, indent: field.indent };
      nested.push(...modelFromMembers(childName, prop.name, syntax, literal.members, childMarks, facts, inherited));
    }
    model.fields.push(field);
  }
  return [model, ...nested];
}

/** `{...}`, `{...}[]`, `Array<{...}>`, `{...} | null`: the object literal a field holds. */
function nestedLiteral(type: ts.TypeNode): ts.TypeLiteralNode | undefined {
  const inner = unwrapType(type);
  return inner && ts.isTypeLiteralNode(inner) ? inner : undefined;
}

/** Strips arrays, wrappers (`Promise<T>`, `Relation<T>`), parentheses and `| null | undefined`. */
function unwrapType(type: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isParenthesizedTypeNode(type)) return unwrapType(type.type);
  if (ts.isArrayTypeNode(type)) return unwrapType(type.elementType);
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return unwrapType(type.type);
  if (ts.isUnionTypeNode(type)) {
    const rest = type.types.filter((t) => !isNullish(t));
    return rest.length === 1 ? unwrapType(rest[0]!) : type;
  }
  if (ts.isTypeReferenceNode(type) && type.typeArguments?.length === 1 && WRAPPERS.has(lastName(type.typeName))) {
    return unwrapType(type.typeArguments[0]!);
  }
  return type;
}

function isNullish(t: ts.TypeNode): boolean {
  if (t.kind === ts.SyntaxKind.UndefinedKeyword || t.kind === ts.SyntaxKind.NullKeyword || t.kind === ts.SyntaxKind.VoidKeyword) return true;
  return ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword;
}

function lastName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

function baseField(node: ts.Node & { name: ts.PropertyName | ts.BindingName }, name: string, type: ts.TypeNode | undefined, facts: FileFacts): ModelField {
  const sf = facts.sourceFile;
  const marks = readMarks(node, node.name.getStart(sf), sf);
  const field: ModelField = {
    name,
    range: [node.name.getStart(sf), node.name.getEnd()],
    insertAt: marks.insertAt,
    indent: marks.indent,
    inline: marks.inline,
    mark: marks.mark,
    docInsertAt: marks.docInsertAt,
    typeText: type ? typeText(type, sf) : initializerType(node),
  };
  if (type) {
    const relation = relationTarget(type, facts);
    if (relation) field.relationTo = relation;
    if (isEnumeratedType(type, facts)) field.enumerated = true;
  }
  if (!field.relationTo && decoratorsOf(node).some((d) => RELATION_DECORATORS.has(decoratorName(d) ?? ''))) {
    field.relationTo = type ? typeNameOf(type) ?? 'relation' : 'relation';
  }
  if (!field.relationTo && mongooseRef(node)) field.relationTo = mongooseRef(node);
  return field;
}

/** The type as written, for reports: comments dropped, an inline object shortened to `{…}`. */
function typeText(type: ts.TypeNode, sf: ts.SourceFile): string {
  if (nestedLiteral(type)) return type.getText(sf).replace(/\{[\s\S]*\}/, '{…}');
  return withoutComments(type.getText(sf));
}

function zodTypeText(value: ts.Expression, sf: ts.SourceFile): string {
  return withoutComments(value.getText(sf)).replace(/\s+\./g, '.').replace(/(\.object|\.extend)\(\s*\{[\s\S]*\}\s*\)/, '$1({…})');
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
}

function initializerType(node: ts.Node): string {
  if (ts.isPropertyDeclaration(node) && node.initializer) {
    const init = node.initializer;
    if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) return 'string';
    if (ts.isNumericLiteral(init)) return 'number';
    if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
    if (ts.isNewExpression(init)) return init.expression.getText();
  }
  return 'unknown';
}

/**
 * A Mongoose reference or sub-document: `@Prop({ type: Types.ObjectId, ref: 'User' })`,
 * `@Prop({ type: [{ type: Types.ObjectId, ref: Owner.name }] })`, `@Prop({ type: AddressSchema })`.
 */
function mongooseRef(node: ts.Node): string | undefined {
  for (const d of decoratorsOf(node)) {
    if (decoratorName(d) !== 'Prop' || !ts.isCallExpression(d.expression)) continue;
    const arg = d.expression.arguments[0];
    if (!arg || !ts.isObjectLiteralExpression(arg)) continue;
    let found: string | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name)) {
        const v = n.initializer;
        if (n.name.text === 'ref') {
          if (ts.isStringLiteral(v)) found = v.text;
          else if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) found = v.getText().replace(/\.name$/, '');
          return;
        }
        if (n.name.text === 'type') {
          const inner = ts.isArrayLiteralExpression(v) && v.elements.length === 1 ? v.elements[0]! : v;
          if (ts.isIdentifier(inner) && /.Schema$/.test(inner.text)) {
            found = inner.text.replace(/Schema$/, '');
            return;
          }
          if (ts.isCallExpression(inner) && inner.expression.getText().endsWith('createForClass') && inner.arguments[0]) {
            found = inner.arguments[0].getText();
            return;
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(arg);
    if (found) return found;
  }
  return undefined;
}

function typeNameOf(type: ts.TypeNode): string | undefined {
  const inner = unwrapType(type);
  return inner && ts.isTypeReferenceNode(inner) ? lastName(inner.typeName) : undefined;
}

/** The model a field's type points at, when it is one (declared here, imported from a model file, or resolved). */
function relationTarget(type: ts.TypeNode, facts: FileFacts): string | undefined {
  const inner = unwrapType(type);
  if (!inner) return undefined;
  if (ts.isUnionTypeNode(inner)) {
    const names = inner.types.map((t) => relationTarget(t, facts));
    return names.every((n) => n !== undefined) ? names.join(' | ') : undefined;
  }
  if (!ts.isTypeReferenceNode(inner)) return undefined;
  const name = lastName(inner.typeName);
  if (facts.localModels.has(name) || facts.importedModels.has(name) || facts.typeParams.has(name)) return name;
  const checker = facts.context.checker;
  if (checker) {
    const symbol = checker.getSymbolAtLocation(inner.typeName);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const decl of target?.declarations ?? []) {
      if (isModelDeclaration(decl, facts.context.policy)) return name;
    }
  }
  return undefined;
}

/** A declaration datagate treats as a model on its own (for relation targets found by the checker). */
export function isModelDeclaration(decl: ts.Declaration, policy: Policy): boolean {
  if (!(ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl) || ts.isClassDeclaration(decl))) return false;
  const sf = decl.getSourceFile();
  if (ts.isClassDeclaration(decl) && classSyntax(decl) !== 'class') return true;
  if (ts.isTypeAliasDeclaration(decl) && objectLiteralParts(decl.type).length === 0) return false;
  if (isDataModelFile(sf.fileName, policy)) return true;
  const name = decl.name;
  return name ? readMarks(decl, name.getStart(sf), sf).dataModel : false;
}

/** `boolean`, `'a' | 'b'`, an enum: a value that cannot carry personal data or a secret. */
function isEnumeratedType(type: ts.TypeNode, facts: FileFacts): boolean {
  const inner = unwrapType(type);
  if (!inner) return false;
  if (inner.kind === ts.SyntaxKind.BooleanKeyword) return true;
  if (ts.isLiteralTypeNode(inner)) return true;
  if (ts.isUnionTypeNode(inner)) return inner.types.every((t) => isNullish(t) || ts.isLiteralTypeNode(t) || t.kind === ts.SyntaxKind.BooleanKeyword || isEnumRef(t, facts));
  return isEnumRef(inner, facts);
}

function isEnumRef(type: ts.TypeNode, facts: FileFacts): boolean {
  if (!ts.isTypeReferenceNode(type)) return false;
  if (facts.enums.has(lastName(type.typeName))) return true;
  const checker = facts.context.checker;
  if (!checker) return false;
  const t = checker.getTypeFromTypeNode(type);
  if (t.flags & (ts.TypeFlags.EnumLike | ts.TypeFlags.BooleanLike)) return true;
  return t.isUnion() && t.types.every((u) => (u.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.EnumLiteral | ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0);
}

function classModel(
  node: ts.ClassDeclaration,
  nameNode: ts.Identifier,
  syntax: ModelSyntax,
  members: ClassMember[],
  marks: ReturnType<typeof readMarks>,
  facts: FileFacts,
): DataModel {
  const sf = facts.sourceFile;
  return {
    name: nameNode.text,
    file: facts.context.fileName,
    range: [nameNode.getStart(sf), nameNode.getEnd()],
    syntax,
    defaultMark: marks.mark,
    insertAt: marks.insertAt,
    indent: marks.indent,
    fields: members.map((m) => baseField(m, propertyName(m.name)!, m.type, facts)),
  };
}

// ---- zod ----

/** The object literals of a zod object schema: `z.object({...})`, chained `.extend({...})`, `.strict()`. */
function zodShapes(expr: ts.Expression, facts: FileFacts): ts.ObjectLiteralExpression[] {
  const shapes: ts.ObjectLiteralExpression[] = [];
  let cur: ts.Expression = expr;
  let sawZodObject = false;
  for (;;) {
    while (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isSatisfiesExpression(cur)) cur = cur.expression;
    if (!ts.isCallExpression(cur)) break;
    const callee = cur.expression;
    if (!ts.isPropertyAccessExpression(callee)) break;
    const method = callee.name.text;
    const arg = cur.arguments[0];
    if ((method === 'object' || method === 'strictObject' || method === 'looseObject') && ts.isIdentifier(callee.expression) && facts.zod.has(callee.expression.text)) {
      if (arg && ts.isObjectLiteralExpression(arg)) shapes.unshift(arg);
      sawZodObject = true;
      break;
    }
    if ((method === 'extend' || method === 'merge' || method === 'augment') && arg && ts.isObjectLiteralExpression(arg)) shapes.unshift(arg);
    cur = callee.expression;
    if (ts.isIdentifier(cur)) {
      // `BaseSchema.extend({...})`: a schema built on another model schema.
      if (shapes.length > 0 && (facts.localModels.has(cur.text) || facts.importedModels.has(cur.text))) sawZodObject = true;
      break;
    }
  }
  return sawZodObject ? shapes : [];
}

function zodModel(name: string, nameNode: ts.Node, shapes: ts.ObjectLiteralExpression[], marks: ReturnType<typeof readMarks>, facts: FileFacts, parentDefault?: LevelMark): DataModel[] {
  const sf = facts.sourceFile;
  const model = emptyModel(name, nameNode, 'zod', marks, facts, parentDefault);
  const nested: DataModel[] = [];
  for (const shape of shapes) {
    for (const prop of shape.properties) {
      if (!(ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop))) continue;
      const fieldName = propertyName(prop.name);
      if (fieldName === undefined) continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      const pm = readMarks(prop, prop.name.getStart(sf), sf);
      const field: ModelField = {
        name: fieldName,
        range: [prop.name.getStart(sf), prop.name.getEnd()],
        insertAt: pm.insertAt,
        indent: pm.indent,
        inline: pm.inline,
        mark: pm.mark,
        docInsertAt: pm.docInsertAt,
        typeText: zodTypeText(value, sf),
      };
      const inner = zodInner(value, facts);
      if (ts.isIdentifier(inner) && (facts.localModels.has(inner.text) || facts.importedModels.has(inner.text))) {
        field.relationTo = inner.text;
      } else if (ts.isCallExpression(inner)) {
        const method = ts.isPropertyAccessExpression(inner.expression) ? inner.expression.name.text : '';
        if (['boolean', 'enum', 'nativeEnum', 'literal'].includes(method)) field.enumerated = true;
        const childShapes = zodShapes(inner, facts);
        if (childShapes.length > 0) {
          const childName = `${name}.${fieldName}`;
          field.relationTo = childName;
          const childMarks = { mark: undefined, dataModel: false, insertAt: field.insertAt, indent: field.indent };
          nested.push(...zodModel(childName, prop.name, childShapes, childMarks, facts, field.mark ?? model.defaultMark ?? parentDefault));
        }
      }
      model.fields.push(field);
    }
  }
  return [model, ...nested];
}

/** `X.optional()`, `z.array(X)`, `X.nullable().default(…)`, `z.lazy(() => X)` → X. */
function zodInner(expr: ts.Expression, facts: FileFacts): ts.Expression {
  let cur = expr;
  for (;;) {
    if (!ts.isCallExpression(cur) || !ts.isPropertyAccessExpression(cur.expression)) return cur;
    const method = cur.expression.name.text;
    const target = cur.expression.expression;
    if (ts.isIdentifier(target) && facts.zod.has(target.text)) {
      const arg = cur.arguments[0];
      if ((method === 'array' || method === 'optional' || method === 'nullable') && arg) {
        cur = arg;
        continue;
      }
      if (method === 'lazy' && arg && (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && ts.isArrowFunction(arg) && !ts.isBlock(arg.body)) {
        cur = arg.body;
        continue;
      }
      return cur;
    }
    if (['optional', 'nullable', 'nullish', 'default', 'describe', 'array', 'readonly', 'catch', 'brand'].includes(method)) {
      cur = target;
      continue;
    }
    return cur;
  }
}
