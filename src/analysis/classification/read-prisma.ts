import type { DataModel, LevelMark, ModelField } from './model.js';

/** Prisma's scalar types: anything else a field names is an enum, a composite type or a model. */
const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);
const TAG = /@classification\b[ \t]*(?:[:=][ \t]*)?([A-Za-z][\w-]*)?/;
const REVIEW = /proposed by datagate/i;

interface Line {
  text: string;
  start: number;
}

/**
 * The `model`, `view` and composite `type` blocks of a Prisma schema as data models, read line
 * by line (the schema language is line-oriented). A field or model is classified by a doc
 * comment `/// @classification restricted` on the lines above it (or at the end of a field's
 * line). A field whose type is another model or composite type is a relation; enums are values.
 */
export function readPrismaModels(text: string, file: string): DataModel[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ text: text.slice(start, end).replace(/\r$/, ''), start });
    if (nl < 0) break;
    start = nl + 1;
  }
  const blockNames = new Map<string, 'model' | 'enum' | 'type'>();
  for (const l of lines) {
    const m = /^\s*(model|view|type|enum)\s+(\w+)\s*\{/.exec(l.text);
    if (m) blockNames.set(m[2]!, m[1] === 'enum' ? 'enum' : m[1] === 'type' ? 'type' : 'model');
  }
  const models: DataModel[] = [];
  let current: DataModel | undefined;
  let docs: Array<{ line: Line }> = [];
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed.startsWith('///')) {
      docs.push({ line });
      continue;
    }
    const open = /^(\s*)(model|view|type|enum)\s+(\w+)\s*\{/.exec(line.text);
    if (open) {
      if (open[2] !== 'enum') {
        const nameStart = line.start + line.text.indexOf(open[3]!, open[1]!.length + open[2]!.length);
        current = {
          name: open[3]!,
          file,
          range: [nameStart, nameStart + open[3]!.length],
          syntax: 'prisma',
          defaultMark: markIn(docs.map((d) => d.line)),
          insertAt: line.start,
          indent: open[1]!,
          fields: [],
        };
        models.push(current);
      } else {
        current = undefined;
      }
      docs = [];
      continue;
    }
    if (trimmed.startsWith('}')) {
      current = undefined;
      docs = [];
      continue;
    }
    if (!current || trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('@@')) {
      if (trimmed !== '') docs = trimmed.startsWith('//') ? docs : [];
      continue;
    }
    const f = /^(\s*)(\w+)\s+(\w+(?:\([^)]*\))?)(\[\])?(\?)?/.exec(line.text);
    if (!f) {
      docs = [];
      continue;
    }
    const [, indent, name, type] = f;
    const nameStart = line.start + indent!.length;
    const trailing = trailingDoc(line);
    const field: ModelField = {
      name: name!,
      range: [nameStart, nameStart + name!.length],
      insertAt: line.start,
      indent: indent!,
      mark: markIn([...docs.map((d) => d.line), ...(trailing ? [trailing] : [])]),
      typeText: `${type}${f[4] ?? ''}${f[5] ?? ''}`,
    };
    const kind = blockNames.get(type!);
    if (kind === 'model' || kind === 'type' || (/@relation\b/.test(line.text) && !SCALARS.has(type!))) field.relationTo = type!;
    if (type === 'Boolean' || kind === 'enum') field.enumerated = true;
    current.fields.push(field);
    docs = [];
  }
  return models;
}

function trailingDoc(line: Line): Line | undefined {
  const at = line.text.indexOf('///');
  return at > 0 ? { text: line.text.slice(at), start: line.start + at } : undefined;
}

/** The last `@classification` among doc-comment lines. */
function markIn(lines: Line[]): LevelMark | undefined {
  let mark: LevelMark | undefined;
  for (const l of lines) {
    const m = TAG.exec(l.text);
    if (!m) continue;
    const level = m[1] ?? '';
    const at = l.start + m.index + (level ? m[0].length - level.length : 0);
    mark = { raw: level, range: [at, at + (level ? level.length : '@classification'.length)], pendingReview: REVIEW.test(l.text) };
  }
  return mark;
}
