import {
  GraphQLError,
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import type { Range } from '../types.js';
import type { DataModel, LevelMark, ModelField } from './model.js';

const BUILTIN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface GraphqlRead {
  models: DataModel[];
  /** The file does not parse: reported as a parse error, never silently skipped. */
  error?: { message: string; range: Range };
}

/**
 * The object types of a GraphQL SDL file as data models. A field or type is classified by
 * `@classification(level: RESTRICTED)` (an enum value or a string). Root operation types,
 * inputs, interfaces and enums are not models; a field whose type is another object type of the
 * schema is a relation.
 */
export function readGraphqlModels(text: string, file: string, schema?: GraphqlNames): GraphqlRead {
  let doc: DocumentNode;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof GraphQLError) {
      const at = error.positions?.[0] ?? 0;
      return { models: [], error: { message: `Cannot parse GraphQL file: ${error.message}`, range: [at, Math.min(text.length, at + 1)] } };
    }
    throw error;
  }
  const names = namesOf(doc);
  const objectTypes = new Set([...names.objectTypes, ...(schema?.objectTypes ?? [])]);
  const enums = new Set([...names.enums, ...(schema?.enums ?? [])]);
  const roots = new Set([...names.roots, ...(schema?.roots ?? [])]);
  const models: DataModel[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (roots.has(def.name.value)) continue;
    const start = def.loc?.start ?? 0;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const fields = (def.fields ?? []).map((f) => field(f, text, objectTypes, enums));
    models.push({
      name: def.name.value,
      file,
      range: [def.name.loc?.start ?? start, def.name.loc?.end ?? start],
      syntax: 'graphql-sdl',
      defaultMark: directiveMark(def.directives),
      insertAt: def.name.loc?.end ?? start,
      indent: text.slice(lineStart, start),
      fields,
    });
  }
  return { models };
}

/** The type names a schema declares, by kind (a schema may be split over several files). */
export interface GraphqlNames {
  objectTypes: Set<string>;
  enums: Set<string>;
  roots: Set<string>;
}

/** Names declared in one SDL text (empty when it does not parse). */
export function graphqlNames(text: string): GraphqlNames {
  try {
    return namesOf(parse(text));
  } catch {
    return { objectTypes: new Set(), enums: new Set(), roots: new Set() };
  }
}

function namesOf(doc: DocumentNode): GraphqlNames {
  const objectTypes = new Set<string>();
  const enums = new Set<string>();
  const roots = new Set(ROOT_TYPES);
  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
        objectTypes.add(def.name.value);
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        enums.add(def.name.value);
        break;
      case Kind.SCHEMA_DEFINITION:
      case Kind.SCHEMA_EXTENSION:
        for (const op of def.operationTypes ?? []) roots.add(op.type.name.value);
        break;
      default:
        break;
    }
  }
  return { objectTypes, enums, roots };
}

function field(f: FieldDefinitionNode, text: string, objectTypes: Set<string>, enums: Set<string>): ModelField {
  const start = f.loc?.start ?? 0;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const named = namedType(f.type);
  const out: ModelField = {
    name: f.name.value,
    range: [f.name.loc?.start ?? start, f.name.loc?.end ?? start],
    // A directive goes after the field's type and its existing directives.
    insertAt: f.loc?.end ?? start,
    indent: text.slice(lineStart, start),
    mark: directiveMark(f.directives),
    typeText: text.slice(f.type.loc?.start ?? 0, f.type.loc?.end ?? 0),
  };
  if (out.mark) {
    // `--fix` leaves `# proposed by datagate, review` after the directive.
    const end = f.loc?.end ?? start;
    const lineEnd = text.indexOf('\n', end);
    if (/#.*proposed by datagate/i.test(text.slice(end, lineEnd < 0 ? text.length : lineEnd))) out.mark.pendingReview = true;
  }
  // A name declared nowhere in the scanned schema is a library scalar (DateTime, EmailAddress): a value.
  if (objectTypes.has(named) && !BUILTIN_SCALARS.has(named)) out.relationTo = named;
  if (named === 'Boolean' || enums.has(named)) out.enumerated = true;
  return out;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function directiveMark(directives: readonly ConstDirectiveNode[] | undefined): LevelMark | undefined {
  const d = directives?.find((x) => x.name.value === 'classification');
  if (!d) return undefined;
  const arg = d.arguments?.find((a) => a.name.value === 'level') ?? d.arguments?.[0];
  const value = arg?.value;
  if (value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) && value.loc) {
    const quoted = value.kind === Kind.STRING ? 1 : 0;
    return { raw: value.value, range: [value.loc.start + quoted, value.loc.end - quoted], pendingReview: false };
  }
  return { raw: '', range: [d.loc?.start ?? 0, d.loc?.end ?? 0], pendingReview: false };
}
