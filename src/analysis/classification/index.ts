/**
 * Classification: reading data models in every syntax the contract lists, checking their
 * fields' levels, and telling other rules how sensitive a model-typed value is.
 */
import type { Detection, TsFileContext } from '../types.js';
import { checkModels } from './check.js';
import { readTsModels } from './read-ts.js';

export type { DataModel, ModelField, ModelSyntax, LevelMark } from './model.js';
export { modelSensitivity, propertyLevel, type ModelSensitivity } from './sensitivity.js';
export { readTsModels } from './read-ts.js';
export { checkModels, proposedLevel } from './check.js';
export { fieldLevel, modelDefault, type FieldLevel } from './resolve.js';
export { isDataModelFile } from './data-model-files.js';
export { isSensitiveLevel, sensitiveFloor, topLevel, resolveLevel } from './levels.js';

/** require-classification over one TypeScript file: the detector the ESLint rule and the scanner share. */
export function detectClassification(context: TsFileContext, projectModels?: ReadonlySet<string>): Detection[] {
  const models = readTsModels(context.sourceFile, { fileName: context.fileName, policy: context.policy, checker: context.checker, projectModels });
  return checkModels(models, context.policy, context.sourceFile.text);
}
