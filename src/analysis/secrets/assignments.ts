/**
 * `name = value` / `name: value` pairs in plain text: lines of .env, .properties, .ini, .toml,
 * Terraform, shell and Dockerfiles, and commented-out code. Offsets are into the given text.
 */
export interface Assignment {
  name: string;
  value: string;
  /** Offset of value[0]. */
  start: number;
}

// name, optional closing quote of a quoted name, separator, then a quoted or bare value.
const ASSIGNMENT =
  /(?:^|[\s{,;(]|(?<=:))(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1\s*(?:=>|:=|=|:(?!\/\/))\s*(?:"([^"\n\\]*)"|'([^'\n\\]*)'|`([^`\n\\$]*)`|([^\s"'`,;#)}\]]+))/gm;

/**
 * Assignments in `text`. With `quotedOnly`, bare values are skipped (in code and Terraform a bare
 * value is an expression, not a literal).
 */
export function findAssignments(text: string, quotedOnly: boolean): Assignment[] {
  const out: Assignment[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const quoted = m[3] ?? m[4] ?? m[5];
    const value = quoted ?? m[6];
    if (value === undefined || (quotedOnly && quoted === undefined)) continue;
    const end = m.index + m[0].length;
    const start = quoted !== undefined ? end - value.length - 1 : end - value.length;
    out.push({ name: m[2]!, value, start });
  }
  return out;
}

const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<>\s]{1,600})<\/\1>/g;

/** `<password>…</password>` in XML settings (Maven settings.xml, NuGet.config, app configs). */
export function xmlElementAssignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  XML_ELEMENT.lastIndex = 0;
  for (let m = XML_ELEMENT.exec(text); m; m = XML_ELEMENT.exec(text)) {
    out.push({ name: m[1]!, value: m[2]!, start: m.index + m[1]!.length + 2 });
  }
  return out;
}

/** KEY=value lines of a dotenv file (with `export`, quotes and trailing comments). */
export function dotenvAssignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const raw = m[2]!;
    const valueOffset = m.index + m[0].length - raw.length;
    let value: string;
    let start: number;
    const quote = raw[0];
    if ((quote === '"' || quote === "'" || quote === '`') && raw.indexOf(quote, 1) > 0) {
      value = raw.slice(1, raw.indexOf(quote, 1));
      start = valueOffset + 1;
    } else {
      value = raw.replace(/[ \t]+#.*$/, '').trimEnd();
      start = valueOffset;
    }
    out.push({ name: m[1]!, value, start });
  }
  return out;
}
