import type { Range } from '../types.js';

/** Where a model was declared: the syntax the inventory reports it under. */
export type ModelSyntax =
  | 'interface'
  | 'type'
  | 'class'
  | 'zod'
  | 'typeorm'
  | 'mongoose'
  | 'type-graphql'
  | 'graphql-sdl'
  | 'prisma';

/** A level as written in a tag, decorator or directive, and where the level text sits. */
export interface LevelMark {
  /** The level as written (`restricted`, `RESTRICTED`, `restriced`, or '' when the tag has none). */
  raw: string;
  /** Offsets of the level text (or of the tag when it has no level). */
  range: Range;
  /** The tag says datagate proposed it and a person still has to review it. */
  pendingReview: boolean;
}

/** One field of a data model, as its reader saw it. */
export interface ModelField {
  name: string;
  /** Offsets of the field's name. */
  range: Range;
  /** Where a new tag for this field goes (start of its line, before decorators and comments' end). */
  insertAt: number;
  /** Indentation of the field's line, for inserted tags. */
  indent: string;
  /** The field shares its line with other code: a tag goes in front of it on that line. */
  inline?: boolean;
  /** The field's own classification, when it has one. */
  mark?: LevelMark;
  /** The field has a JSDoc block without a tag: a tag can be added to it at this offset. */
  docInsertAt?: number;
  /** The declared type as written (`string`, `String!`, `z.string().email()`). */
  typeText: string;
  /** The field points at another model (a relation): its own fields carry the classification. */
  relationTo?: string;
  /** The value can only be a flag or one of a fixed set of words: it cannot hold personal data. */
  enumerated?: boolean;
}

/** A data model: a declaration whose fields must be classified. */
export interface DataModel {
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** Offsets of the model's name. */
  range: Range;
  syntax: ModelSyntax;
  /** Type-level classification: the default for untagged fields. */
  defaultMark?: LevelMark;
  /** The model inherits its default from a parent field (nested object types). */
  parentDefault?: LevelMark;
  /** Where a type-level tag would go. */
  insertAt: number;
  indent: string;
  fields: ModelField[];
}
