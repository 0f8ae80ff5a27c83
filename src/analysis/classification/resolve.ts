import type { Policy } from '../../policy/types.js';
import { resolveLevel } from './levels.js';
import type { DataModel, LevelMark, ModelField } from './model.js';

/** How a field got its level. */
export type LevelSource = 'declared' | 'inherited';

/** A field's effective classification, as the policy reads it. */
export type FieldLevel =
  | { state: 'classified'; level: string; source: LevelSource; mark: LevelMark }
  /** The field's own tag names no configured level. */
  | { state: 'unknown'; mark: LevelMark; source: LevelSource }
  | { state: 'unclassified' }
  /** A relation: the target model's fields carry the classification. */
  | { state: 'relation'; to: string };

/** The default a model gives its untagged fields (its own tag, else its parent field's). */
export function modelDefault(model: DataModel): LevelMark | undefined {
  return model.defaultMark ?? model.parentDefault;
}

export function fieldLevel(model: DataModel, field: ModelField, policy: Policy): FieldLevel {
  if (field.relationTo && !field.mark) return { state: 'relation', to: field.relationTo };
  if (field.mark) {
    const level = resolveLevel(field.mark.raw, policy);
    return level ? { state: 'classified', level, source: 'declared', mark: field.mark } : { state: 'unknown', mark: field.mark, source: 'declared' };
  }
  const fallback = modelDefault(model);
  if (fallback) {
    const level = resolveLevel(fallback.raw, policy);
    return level ? { state: 'classified', level, source: 'inherited', mark: fallback } : { state: 'unknown', mark: fallback, source: 'inherited' };
  }
  return { state: 'unclassified' };
}
