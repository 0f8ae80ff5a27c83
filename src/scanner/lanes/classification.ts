import { checkModels, detectClassification, isDataModelFile, readTsModels } from '../../analysis/classification/index.js';
import type { DataModel } from '../../analysis/classification/model.js';
import { graphqlNames, readGraphqlModels, type GraphqlNames } from '../../analysis/classification/read-graphql.js';
import { readPrismaModels } from '../../analysis/classification/read-prisma.js';
import type { Detection, FileDetection } from '../../analysis/types.js';
import { PARSE_ERROR } from '../../policy/rules.js';
import type { Policy } from '../../policy/types.js';
import type { Lane } from '../lane.js';
import type { ScannedFile } from '../scanned-file.js';

/** The data models of one scanned file, in whatever syntax it is written. */
export interface FileModels {
  models: DataModel[];
  /** A GraphQL file that does not parse. */
  parseError?: Detection;
}

/** Names declared across every GraphQL file of a scan (types may live in other files). */
export function schemaNames(files: readonly ScannedFile[]): GraphqlNames {
  const names: GraphqlNames = { objectTypes: new Set(), enums: new Set(), roots: new Set() };
  for (const f of files) {
    if (f.kind !== 'graphql') continue;
    const own = graphqlNames(f.text);
    for (const key of ['objectTypes', 'enums', 'roots'] as const) for (const n of own[key]) names[key].add(n);
  }
  return names;
}

/**
 * Names of the TypeScript models declared anywhere in the scan, so that a field typed with a
 * model imported from a file outside the globs (an `@ObjectType` in `user.type.ts`, a Mongoose
 * `@Schema` in `user.schema.ts`) counts as a relation.
 */
export function projectModelNames(files: readonly ScannedFile[], policy: Policy): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    if (f.kind !== 'typescript' || f.text.length === 0) continue;
    for (const m of readTsModels(f.sourceFile, { fileName: f.path, policy })) if (!m.name.includes('.')) names.add(m.name);
  }
  return names;
}

export function modelsOfFile(file: ScannedFile, policy: Policy, schema?: GraphqlNames, projectModels?: ReadonlySet<string>): FileModels {
  switch (file.kind) {
    case 'typescript':
      return { models: readTsModels(file.sourceFile, { fileName: file.path, policy, projectModels }) };
    case 'prisma':
      // A Prisma `model` block is a data model wherever the schema lives (multi-file schemas too).
      return { models: readPrismaModels(file.text, file.path) };
    case 'graphql': {
      const read = readGraphqlModels(file.text, file.path, schema);
      const parseError: Detection | undefined = read.error
        ? { ruleId: PARSE_ERROR, kind: 'parse-error', message: read.error.message, range: read.error.range }
        : undefined;
      return { models: isDataModelFile(file.path, policy) ? read.models : [], parseError };
    }
    default:
      return { models: [] };
  }
}

/**
 * require-classification in the scanner. Prisma files are checked one by one; TypeScript files
 * (with the detector the ESLint rule runs) once the names of every model of the scan are known,
 * and GraphQL files once the whole schema's type names are: a field typed with a model declared
 * in another file is a relation.
 */
export const classificationLane: Lane = {
  id: 'classification',
  rules: ['require-classification'],
  checkFile(file, policy) {
    if (file.kind === 'prisma') return checkModels(readPrismaModels(file.text, file.path), policy, file.text);
    return [];
  },
  checkProgram(context) {
    const out: FileDetection[] = [];
    const tsFiles = context.tsFiles;
    if (tsFiles.length > 0) {
      const projectModels = projectModelNames(tsFiles, context.policy);
      for (const file of tsFiles) {
        let found: Detection[];
        try {
          found = detectClassification({ sourceFile: file.sourceFile, fileName: file.path, policy: context.policy }, projectModels);
        } catch (error) {
          // One file the readers cannot handle must not hide the others' findings.
          found = [{ ruleId: PARSE_ERROR, kind: 'parse-error', message: `The classification check could not analyse this file: ${(error as Error).message}`, range: [0, 0] }];
        }
        for (const d of found) out.push({ ...d, file: file.path });
      }
    }
    const graphql = context.files.filter((f) => f.kind === 'graphql');
    if (graphql.length === 0) return out;
    const schema = schemaNames(graphql);
    for (const file of graphql) {
      const { models, parseError } = modelsOfFile(file, context.policy, schema);
      if (parseError) out.push({ ...parseError, file: file.path });
      for (const d of checkModels(models, context.policy, file.text)) out.push({ ...d, file: file.path });
    }
    return out;
  },
};
