import type { Detection, Range } from '../types.js';
import { dotenvAssignments, findAssignments, xmlElementAssignments, type Assignment } from './assignments.js';
import { secretEngineFor, type SecretEngine } from './engine.js';
import { formatDetection, genericDetection, mergeDetections, type SiteContext } from './report.js';
import { introducesExample } from './placeholders.js';
import { namedValues, type StructNode } from './structured.js';
import type { Policy } from '../../policy/types.js';

/**
 * no-hardcoded-secrets for files that are not code: provider formats over the whole text, and the
 * name-based detector over whatever names the file gives its values.
 */

/** How a non-code file names its values. */
export type NamedSource =
  | { kind: 'dotenv' }
  | { kind: 'structured'; roots: StructNode[] }
  | { kind: 'assignments'; quotedOnly: boolean; hcl?: boolean }
  | { kind: 'prose' };

export function detectSecretsInText(text: string, policy: Policy, source: NamedSource): Detection[] {
  const engine = secretEngineFor(policy);
  const formats = engine.findFormats(text).map((hit) => formatDetection(hit));
  if (source.kind === 'prose') {
    // Docs: only provider formats, and not the ones the text introduces as an example.
    return formats.filter((d) => !introducesExample(text.slice(Math.max(0, d.range[0] - 300), d.range[0])));
  }
  if (!engine.generic) return formats;
  let generic: Detection[];
  switch (source.kind) {
    case 'dotenv':
      generic = fromAssignments(engine, dotenvAssignments(text), 'env-var');
      break;
    case 'assignments': {
      const found = [...findAssignments(text, source.quotedOnly), ...(text.includes('</') ? xmlElementAssignments(text) : [])];
      generic = fromAssignments(engine, source.hcl ? nameHclDefaults(text, found) : found, 'code');
      break;
    }
    case 'structured':
      generic = source.roots.flatMap((root) =>
        namedValues(root).flatMap((v) => judged(engine, v.name, v.value, v.start, v.context)),
      );
      break;
  }
  return mergeDetections(formats, generic);
}

function fromAssignments(engine: SecretEngine, assignments: Assignment[], context: SiteContext): Detection[] {
  return assignments.flatMap((a) => judged(engine, a.name, a.value, a.start, context));
}

function judged(engine: SecretEngine, name: string, value: string, start: number, context: SiteContext): Detection[] {
  const hit = engine.generic!.judge(name, value);
  if (!hit) return [];
  const at = start + hit.offset;
  const range: Range = [at, at + hit.secret.length];
  return [genericDetection(hit.kind, name, hit.secret, range, context)];
}

const HCL_BLOCK = /\b(?:variable|output)\s+"([^"]+)"\s*\{/g;

/** `variable "db_password" { default = "…" }`: the value is named by the block's label. */
function nameHclDefaults(text: string, assignments: Assignment[]): Assignment[] {
  const blocks: Array<{ at: number; label: string }> = [];
  HCL_BLOCK.lastIndex = 0;
  for (let m = HCL_BLOCK.exec(text); m; m = HCL_BLOCK.exec(text)) blocks.push({ at: m.index, label: m[1]! });
  if (blocks.length === 0) return assignments;
  return assignments.map((a) => {
    if (a.name !== 'default' && a.name !== 'value') return a;
    const block = blocks.filter((b) => b.at < a.start).pop();
    return block ? { ...a, name: block.label } : a;
  });
}
