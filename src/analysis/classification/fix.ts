import type { Policy } from '../../policy/types.js';
import type { TextEdit } from '../types.js';
import { proposedLevel } from './check.js';
import type { DataModel } from './model.js';
import { fieldLevel } from './resolve.js';
import { addTagEdit } from './tag-edits.js';

export interface ProposedTag {
  model: string;
  field: string;
  level: string;
  /** Offset of the field's name (for reporting the line). */
  at: number;
  edit: TextEdit;
}

/**
 * Tags for every unclassified field of `models` (one file's), at the level datagate proposes,
 * each marked for review. Fields with an unknown or too-low level are left alone: those need a
 * person's decision, not a default.
 */
export function proposeTags(models: readonly DataModel[], policy: Policy, text: string): ProposedTag[] {
  const out: ProposedTag[] = [];
  for (const model of models) {
    for (const field of model.fields) {
      if (fieldLevel(model, field, policy).state !== 'unclassified') continue;
      const { level } = proposedLevel(model, field, policy);
      out.push({ model: model.name, field: field.name, level, at: field.range[0], edit: addTagEdit(model, field, level, text, true) });
    }
  }
  return out;
}

/** `text` with non-overlapping insertions/replacements applied (later offsets first). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range[0] - a.e.range[0] || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}
