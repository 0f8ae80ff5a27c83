import { dirname } from 'node:path';
import type { Detection, FileDetection } from '../../types.js';
import type { IacResource, IacValue } from '../model.js';
import type { ScannedFile } from '../../../scanner/scanned-file.js';
import type { Block, HclFile } from './ast.js';
import type { Evaluator } from './evaluate.js';
import { inlineBucketPolicies, linkSplitResources, subStyleFunctionNames } from './link.js';
import { moduleEvaluators, type ModuleUnit } from './modules.js';
import { parseHcl } from './parser.js';
import { buildScope, isTerraformConfig, type ModuleFile } from './scope.js';

/**
 * Terraform .tf files → IacResource (format 'terraform', type 'aws_s3_bucket', id
 * 'aws_s3_bucket.data', props = the block body). A module is the set of .tf files of one
 * directory: a `var.x` used in s3.tf resolves from the default in variables.tf, and an
 * aws_s3_bucket_policy in one file references its bucket in another. Only `resource` blocks
 * become resources; `data`, `variable`, `locals` and `provider` blocks feed the evaluation.
 */

/** Attributes that hold a JSON document; a JSON string there is read as the document it encodes. */
const JSON_DOCUMENT_ATTRIBUTES = new Set(['policy', 'access_policies', 'assume_role_policy']);

const parsed = new WeakMap<ScannedFile, HclFile>();

function parseFile(file: ScannedFile): HclFile {
  let hcl = parsed.get(file);
  if (!hcl) parsed.set(file, (hcl = parseHcl(file.text)));
  return hcl;
}

/** True for the HCL files this reader reads: Terraform configuration and variable (.tfvars) files. */
export function isTerraformFile(file: ScannedFile): boolean {
  return file.kind === 'hcl' && (isTerraformConfig(file.path) || file.path.endsWith('.tfvars'));
}

/**
 * One file on its own: its resources, with `var.`/`local.` resolved only from declarations in
 * this same file, and its parse error. The scanner uses readTerraformModules, which sees the
 * whole directory; this is for single-file callers (tests, an editor).
 */
export function readTerraformResources(file: ScannedFile): { resources: IacResource[]; problems: Detection[] } {
  const { resources, problems } = readTerraformModules([file]);
  return { resources, problems: problems.map(({ file: _file, ...d }) => d) };
}

/**
 * Every HCL file of the scan, grouped into modules by directory: resources with references and
 * variables resolved across the module's files, and one parse-error detection per unparsable file.
 */
export function readTerraformModules(files: readonly ScannedFile[]): { resources: IacResource[]; problems: FileDetection[] } {
  const resources: IacResource[] = [];
  const problems: FileDetection[] = [];
  const byDir = new Map<string, ModuleFile[]>();
  for (const file of files) {
    if (file.kind !== 'hcl') continue;
    const hcl = parseFile(file);
    const problem = parseProblemOf(file, hcl);
    if (problem) problems.push(problem);
    if (!isTerraformFile(file)) continue;
    const dir = dirname(file.path);
    let group = byDir.get(dir);
    if (!group) byDir.set(dir, (group = []));
    group.push({ path: file.path, text: file.text, hcl });
  }
  const units: ModuleUnit[] = [...byDir].map(([dir, moduleFiles]) => ({ dir, files: moduleFiles, scope: buildScope(moduleFiles) }));
  const evaluators = moduleEvaluators(units);
  for (const unit of units) resources.push(...readModule(unit, evaluators.get(unit)!));
  return { resources, problems };
}

function parseProblemOf(file: ScannedFile, hcl: HclFile): FileDetection | undefined {
  const [first] = hcl.errors;
  if (!first) return undefined;
  const more = hcl.errors.length > 1 ? ` (and ${hcl.errors.length - 1} more)` : '';
  const range = first.range[1] > first.range[0] ? first.range : ([first.range[0], Math.min(first.range[0] + 1, file.text.length)] as const);
  return {
    ruleId: 'parse-error',
    kind: 'parse-error',
    file: file.path,
    range: range[1] > range[0] ? range : first.range,
    message: `Cannot parse Terraform file: ${first.message}${more}; its resources are not checked`,
  };
}

function readModule({ files, scope }: ModuleUnit, evaluator: Evaluator): IacResource[] {
  const defaultTags = literalTags(scope.defaultTags.map((t) => evaluator.evaluate(t.node, t.file)));
  const resources: IacResource[] = [];
  for (const file of files) {
    if (!isTerraformConfig(file.path)) continue;
    for (const item of file.hcl.body.items) {
      if (item.type !== 'Block' || item.blockType !== 'resource') continue;
      const [type, name] = item.labels;
      if (!type || !name) continue;
      // a block with a syntax error inside is not judged: what is missing may just be unparsed
      if (file.hcl.errors.some((e) => e.range[0] >= item.range[0] && e.range[0] <= item.range[1])) continue;
      const resource = readResource(item, type.value, name.value, file, evaluator, defaultTags);
      if (resource) resources.push(resource);
    }
  }
  linkSplitResources(resources);
  subStyleFunctionNames(resources);
  return [...resources, ...inlineBucketPolicies(resources)];
}

function readResource(
  block: Block,
  type: string,
  name: string,
  file: ModuleFile,
  evaluator: Evaluator,
  defaultTags: Record<string, string>,
): IacResource | undefined {
  const bodyRange = [block.body.range[0] - 1, block.range[1]] as const;
  const props = evaluator.resourceBody(block.body, file, bodyRange);
  if (declaresNoInstances(props)) return undefined;
  for (const e of props.entries) {
    if (!JSON_DOCUMENT_ATTRIBUTES.has(e.key)) continue;
    const attribute = block.body.items.find((i) => i.type === 'Attribute' && i.name === e.key);
    if (attribute?.type !== 'Attribute') continue;
    const document = evaluator.jsonDocument(attribute.expr, file);
    if (document) e.value = document;
  }
  const tags = { ...defaultTags, ...literalTags([props.entries.find((e) => e.key === 'tags')?.value]) };
  const last = block.labels[block.labels.length - 1]!;
  return {
    format: 'terraform',
    type,
    id: `${type}.${name}`,
    file: file.path,
    range: [block.range[0], last.range[1]],
    props,
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
  };
}

/** `count = 0` (or a for_each over nothing) creates no instance: there is nothing to judge. */
function declaresNoInstances(props: IacValue & { kind: 'object' }): boolean {
  const count = props.entries.find((e) => e.key === 'count')?.value;
  if (count?.kind === 'literal' && count.value === 0) return true;
  const forEach = props.entries.find((e) => e.key === 'for_each')?.value;
  if (forEach?.kind === 'array' && forEach.items.length === 0) return true;
  if (forEach?.kind === 'object' && forEach.entries.length === 0) return true;
  return false;
}

function literalTags(values: Array<IacValue | undefined>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const value of values) {
    if (value?.kind !== 'object') continue;
    for (const e of value.entries) {
      if (e.value.kind === 'literal' && e.value.value !== null) tags[e.key] = String(e.value.value);
    }
  }
  return tags;
}
