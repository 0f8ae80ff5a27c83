import { checkModels, fieldLevel, modelDefault, proposedLevel, resolveLevel } from '../analysis/classification/index.js';
import type { DataModel, ModelField, ModelSyntax } from '../analysis/classification/model.js';
import { classifyName } from '../analysis/sensitive-names.js';
import type { Policy } from '../policy/types.js';
import type { Finding } from '../report/finding.js';
import { resolve } from 'node:path';
import { loadPolicy } from '../policy/load.js';
import type { Lane } from './lane.js';
import { modelsOfFile, projectModelNames, schemaNames } from './lanes/classification.js';
import type { ScannedFile } from './scanned-file.js';
import { scan, type ScanResult } from './scan.js';

/** How a field got (or did not get) its level. */
export type InventorySource = 'declared' | 'inherited' | 'unclassified' | 'unknown-level' | 'relation';

/** A place the scan saw a value reach a log (a no-sensitive-logging finding). */
export interface LogSighting {
  file: string;
  line: number;
  message: string;
}

export interface InventoryField {
  name: string;
  line: number;
  /** The effective level (null when unclassified, unknown or a relation). */
  level: string | null;
  source: InventorySource;
  /** The type as written. */
  type: string;
  /** The level as written, when it is not a configured level. */
  written?: string;
  /** For a relation: the model it points at. */
  relationTo?: string;
  /** What personal data or credential the name denotes, per the taxonomy. */
  personalData?: string;
  /** The level datagate proposes, for an unclassified field. */
  proposed?: string;
  /** The tag was added by `datagate inventory --fix` and still waits for a person's review. */
  pendingReview?: boolean;
  /** Restricted fields: where the scan saw them reach logs. */
  loggedAt?: LogSighting[];
}

export interface InventoryModel {
  name: string;
  /** Relative to the scan's directory, `/`-separated. */
  file: string;
  line: number;
  syntax: ModelSyntax;
  /** The type-level default for untagged fields, when one is declared. */
  defaultLevel?: string;
  /** The highest level among its fields (null when none is classified). */
  highestLevel: string | null;
  fields: InventoryField[];
}

export interface InventoryEntryRef {
  model: string;
  field: string;
  file: string;
  line: number;
}

export interface Inventory {
  /** Configured levels, lowest to highest. */
  levels: string[];
  summary: {
    models: number;
    fields: number;
    /** Classified fields per level (declared or inherited), lowest level first. */
    byLevel: Record<string, number>;
    declared: number;
    inherited: number;
    unclassified: number;
    unknownLevel: number;
    relations: number;
    belowRequired: number;
    restrictedInLogs: number;
  };
  models: InventoryModel[];
  /** Fields that still need a level (the data review board's to-do list). */
  unclassified: Array<InventoryEntryRef & { proposed: string }>;
  /** Fields whose level is not a configured one. */
  unknownLevels: Array<InventoryEntryRef & { written: string }>;
  /** Personal data or credentials classified below the level the policy requires. */
  belowRequired: Array<InventoryEntryRef & { level: string; required: string }>;
  /** Fields at the highest level that the scan saw reach logs. */
  restrictedInLogs: Array<InventoryEntryRef & { loggedAt: LogSighting[] }>;
}

/**
 * The data inventory: every model and field of the scanned files with its level, where it was
 * declared and how (declared on the field or inherited from its type), and — for fields at the
 * highest level — where no-sensitive-logging saw them reach a log. `findings` are the scan's
 * findings for the same files (only no-sensitive-logging ones are read).
 */
export function buildInventory(files: readonly ScannedFile[], policy: Policy, findings: readonly Finding[] = []): Inventory {
  const schema = schemaNames(files);
  const projectModels = projectModelNames(files, policy);
  const top = policy.levels[policy.levels.length - 1];
  const sightings = logSightings(findings, policy.levels);
  const inv: Inventory = {
    levels: [...policy.levels],
    summary: {
      models: 0,
      fields: 0,
      byLevel: Object.fromEntries(policy.levels.map((l) => [l, 0])),
      declared: 0,
      inherited: 0,
      unclassified: 0,
      unknownLevel: 0,
      relations: 0,
      belowRequired: 0,
      restrictedInLogs: 0,
    },
    models: [],
    unclassified: [],
    unknownLevels: [],
    belowRequired: [],
    restrictedInLogs: [],
  };
  for (const file of [...files].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))) {
    const { models } = modelsOfFile(file, policy, schema, projectModels);
    if (models.length === 0) continue;
    const below = new Set(
      checkModels(models, policy, file.text)
        .filter((d) => d.fingerprintKey?.startsWith('below:'))
        .map((d) => d.fingerprintKey!.slice('below:'.length)),
    );
    for (const model of models) {
      const entry = inventoryModel(model, file, policy, below, sightings, top, inv);
      inv.models.push(entry);
    }
  }
  inv.summary.models = inv.models.length;
  return inv;
}

function inventoryModel(
  model: DataModel,
  file: ScannedFile,
  policy: Policy,
  below: Set<string>,
  sightings: Sightings,
  top: string | undefined,
  inv: Inventory,
): InventoryModel {
  const lineOf = (offset: number) => file.position(offset).line;
  const fallback = modelDefault(model);
  const defaultLevel = fallback ? resolveLevel(fallback.raw, policy) : undefined;
  const out: InventoryModel = {
    name: model.name,
    file: file.relPath,
    line: lineOf(model.range[0]),
    syntax: model.syntax,
    ...(defaultLevel ? { defaultLevel } : {}),
    highestLevel: null,
    fields: [],
  };
  if (model.defaultMark && !defaultLevel) {
    inv.unknownLevels.push({ model: model.name, field: '', file: file.relPath, line: lineOf(model.defaultMark.range[0]), written: model.defaultMark.raw });
    inv.summary.unknownLevel++;
  }
  let highest = -1;
  for (const field of model.fields) {
    const entry = inventoryField(model, field, file, policy, lineOf);
    const ref = { model: model.name, field: field.name, file: file.relPath, line: entry.line };
    switch (entry.source) {
      case 'relation':
        inv.summary.relations++;
        break;
      case 'unclassified':
        inv.summary.unclassified++;
        inv.unclassified.push({ ...ref, proposed: entry.proposed! });
        break;
      case 'unknown-level':
        if (field.mark) {
          inv.summary.unknownLevel++;
          inv.unknownLevels.push({ ...ref, written: entry.written ?? '' });
        }
        break;
      default: {
        inv.summary[entry.source]++;
        inv.summary.byLevel[entry.level!] = (inv.summary.byLevel[entry.level!] ?? 0) + 1;
        highest = Math.max(highest, policy.levels.indexOf(entry.level!));
        if (below.has(`${model.name}.${field.name}`)) {
          const required = resolveLevel(classifyName(field.name, policy)?.level ?? '', policy) ?? top ?? '';
          inv.belowRequired.push({ ...ref, level: entry.level!, required });
          inv.summary.belowRequired++;
        }
        if (entry.level === top) {
          const seen = sightings.find(model.name, field.name, entry.level);
          if (seen.length > 0) {
            entry.loggedAt = seen;
            inv.restrictedInLogs.push({ ...ref, loggedAt: seen });
            inv.summary.restrictedInLogs++;
          }
        }
      }
    }
    if (entry.source !== 'relation') inv.summary.fields++;
    out.fields.push(entry);
  }
  out.highestLevel = highest >= 0 ? policy.levels[highest]! : null;
  return out;
}

function inventoryField(model: DataModel, field: ModelField, file: ScannedFile, policy: Policy, lineOf: (o: number) => number): InventoryField {
  const state = fieldLevel(model, field, policy);
  const base = { name: field.name, line: lineOf(field.range[0]), type: field.typeText.replace(/\s+/g, ' ') };
  const named = field.enumerated ? undefined : classifyName(field.name, policy);
  const personal = named ? { personalData: named.label } : {};
  switch (state.state) {
    case 'relation':
      return { ...base, level: null, source: 'relation', relationTo: state.to };
    case 'unclassified':
      return { ...base, level: null, source: 'unclassified', ...personal, proposed: proposedLevel(model, field, policy).level };
    case 'unknown':
      return { ...base, level: null, source: 'unknown-level', written: state.mark.raw, ...personal };
    default: {
      const out: InventoryField = { ...base, level: state.level, source: state.source, ...personal };
      if (state.mark.pendingReview) out.pendingReview = true;
      if (field.relationTo) out.relationTo = field.relationTo;
      return out;
    }
  }
}

interface Sightings {
  find(model: string, field: string, level: string): LogSighting[];
}

/**
 * Where no-sensitive-logging saw classified data reach a log. A finding's `data.model` and
 * `data.field`/`data.fields` are used when present; otherwise the model source's label in
 * `data.sourceLabel` is read: `Customer record with restricted fields email, phone`,
 * `Customer (restricted: email, phone)` or `restricted field email` (no model: matched by field
 * name and level).
 */
function logSightings(findings: readonly Finding[], levels: readonly string[]): Sightings {
  const byModelField = new Map<string, LogSighting[]>();
  const byLevelField = new Map<string, LogSighting[]>();
  const byModel = new Map<string, LogSighting[]>();
  const add = (map: Map<string, LogSighting[]>, key: string, s: LogSighting) => {
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.file === s.file && x.line === s.line)) list.push(s);
    map.set(key, list);
  };
  for (const f of findings) {
    if (f.ruleId !== 'no-sensitive-logging') continue;
    const sighting: LogSighting = { file: f.file, line: f.line, message: f.message };
    const data = f.data ?? {};
    const fieldList = typeof data.fields === 'string' ? data.fields : typeof data.field === 'string' ? data.field : undefined;
    if (typeof data.model === 'string' && fieldList) {
      for (const field of splitList(fieldList)) add(byModelField, `${data.model}\0${field}`, sighting);
      continue;
    }
    if (data.source !== undefined && data.source !== 'model') continue;
    const label = typeof data.sourceLabel === 'string' ? data.sourceLabel : '';
    const words = label.split(/[\s(),:]+/).filter(Boolean);
    const level = words.find((w) => levels.includes(w));
    const fieldsAt = label.search(/\b(?:fields?|:)\s/);
    if (!level || fieldsAt < 0) continue;
    const fields = splitList(label.slice(fieldsAt).replace(/^(?:fields?|:)\s*/, '').replace(/\)$/, ''));
    const model = words[0] && !levels.includes(words[0]) ? words[0] : undefined;
    // A whole record reached the log: every field of that model at the top level went with it.
    if (model) add(byModel, model, sighting);
    for (const path of fields) {
      // `referrer.email` of a Referral is the `email` field of the related model.
      const field = path.slice(path.lastIndexOf('.') + 1);
      if (!model || path.includes('.')) add(byLevelField, `${level}\0${field}`, sighting);
    }
  }
  return {
    find(model, field, level) {
      const exact = [...(byModelField.get(`${model}\0${field}`) ?? []), ...(byModel.get(model) ?? [])];
      const loose = byLevelField.get(`${level}\0${field}`) ?? [];
      const out = [...exact];
      for (const s of loose) if (!out.some((x) => x.file === s.file && x.line === s.line)) out.push(s);
      return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    },
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '' && x !== '…' && /^[\w.$-]+$/.test(x));
}

export interface InventoryScanOptions {
  cwd: string;
  paths?: string[];
  configPath?: string;
  policy?: Policy;
}

/**
 * Scans `paths` (no-sensitive-logging and require-classification only) and builds the inventory
 * from the files read, with the logging findings. Also returns the files, for `--fix`.
 */
export async function scanInventory(options: InventoryScanOptions): Promise<{ inventory: Inventory; files: ScannedFile[]; result: ScanResult; policy: Policy }> {
  const cwd = resolve(options.cwd);
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const policy = options.policy ?? loadPolicy({ configPath: options.configPath, searchFrom: resolve(cwd, paths[0]!) });
  const files: ScannedFile[] = [];
  const collector: Lane = {
    id: 'inventory-files',
    rules: ['require-classification'],
    checkFile(file) {
      files.push(file);
      return [];
    },
  };
  // The inventory lists models whatever the rule's configured severity.
  const scanPolicy: Policy =
    policy.rules['require-classification'] === 'off' ? { ...policy, rules: { ...policy.rules, 'require-classification': 'warning' } } : policy;
  const result = await scan({ cwd, paths, policy: scanPolicy, only: ['no-sensitive-logging', 'require-classification'], lanes: [collector] });
  return { inventory: buildInventory(files, policy, result.findings), files, result, policy };
}
