import type { TextEdit } from '../types.js';
import type { DataModel, LevelMark, ModelField } from './model.js';

/** Marks a tag datagate wrote in bulk, so a reviewer (and the inventory) can tell it apart. */
export const REVIEW_NOTE = 'proposed by datagate, review';

/** The level written in the style of the mark it replaces (`RESTRICTED` in GraphQL, `restricted` elsewhere). */
export function levelText(level: string, model: DataModel, like?: LevelMark): string {
  if (model.syntax === 'graphql-sdl') return level.toUpperCase();
  if (like && like.raw.length > 0 && like.raw === like.raw.toUpperCase()) return level.toUpperCase();
  return level;
}

/**
 * The edit that gives an untagged field its classification, in its model's syntax: a JSDoc tag
 * (added to the field's existing JSDoc when it has one), a Prisma `///` line, or a GraphQL
 * directive. `text` is the file's text (to place the tag on multi-line JSDoc blocks).
 */
export function addTagEdit(model: DataModel, field: ModelField, level: string, text: string, review = false): TextEdit {
  const note = review ? ` -- ${REVIEW_NOTE}` : '';
  const shown = levelText(level, model);
  if (model.syntax === 'graphql-sdl') {
    const lineEnd = text.indexOf('\n', field.insertAt);
    const rest = text.slice(field.insertAt, lineEnd < 0 ? text.length : lineEnd);
    const comment = review && rest.trim() === '' ? ` # ${REVIEW_NOTE}` : '';
    return { range: [field.insertAt, field.insertAt], text: ` @classification(level: ${shown})${comment}` };
  }
  if (model.syntax === 'prisma') {
    return { range: [field.insertAt, field.insertAt], text: `${field.indent}/// @classification ${shown}${note}\n` };
  }
  if (field.docInsertAt !== undefined) {
    const lineStart = text.lastIndexOf('\n', field.docInsertAt - 1) + 1;
    const before = text.slice(lineStart, field.docInsertAt);
    if (before.trim() === '') return { range: [field.docInsertAt, field.docInsertAt], text: `* @classification ${shown}${note}\n${before}` };
    const at = field.docInsertAt;
    const pad = /\s/.test(text.slice(at - 1, at)) ? '' : ' ';
    return { range: [at, at], text: `${pad}@classification ${shown}${note} ` };
  }
  if (field.inline) return { range: [field.insertAt, field.insertAt], text: `/** @classification ${shown}${note} */ ` };
  return { range: [field.insertAt, field.insertAt], text: `${field.indent}/** @classification ${shown}${note} */\n` };
}

/** Replaces the level text of an existing tag, decorator or directive. */
export function replaceLevelEdit(model: DataModel, mark: LevelMark, level: string): TextEdit {
  return { range: mark.range, text: levelText(level, model, mark) };
}
