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

export function modelsOfFile(file: ScannedFile, policy: Policy, schema?: GraphqlNames): FileModels {
  switch (file.kind) {
    case 'typescript':
      return { models: readTsModels(file.sourceFile, { fileName: file.path, policy }) };
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
 * require-classification in the scanner. TypeScript and Prisma files are checked one by one (the
 * ESLint rule runs the same detector on TypeScript); GraphQL files once the whole schema's type
 * names are known, so a field typed with an object type from another file is a relation.
 */
export const classificationLane: Lane = {
  id: 'classification',
  rules: ['require-classification'],
  checkFile(file, policy) {
    if (file.kind === 'typescript') {
      return detectClassification({ sourceFile: file.sourceFile, fileName: file.path, policy });
    }
    if (file.kind === 'prisma') return checkModels(readPrismaModels(file.text, file.path), policy, file.text);
    return [];
  },
  checkProgram(context) {
    const graphql = context.files.filter((f) => f.kind === 'graphql');
    if (graphql.length === 0) return [];
    const schema = schemaNames(graphql);
    const out: FileDetection[] = [];
    for (const file of graphql) {
      const { models, parseError } = modelsOfFile(file, context.policy, schema);
      if (parseError) out.push({ ...parseError, file: file.path });
      for (const d of checkModels(models, context.policy, file.text)) out.push({ ...d, file: file.path });
    }
    return out;
  },
};
