import { KnowledgeError, loadKnowledgeDir } from '../../../policy/knowledge.js';
import type { IacFormat } from '../model.js';
import { IAC_RULES, type AwsServiceFile, type Matcher, type Requirement } from './types.js';

const FORMATS: readonly IacFormat[] = ['cloudformation', 'cdk', 'terraform'];
const CHECKS = ['setting', 'days', 'secure-transport-policy', 'log-group'];

export interface LoadedRequirement extends Requirement {
  /** rules/aws/<file> it came from. */
  source: string;
}

let cached: LoadedRequirement[] | undefined;

/** Every requirement under rules/aws/, validated once per process. */
export function loadRequirements(): LoadedRequirement[] {
  if (cached) return cached;
  const all: LoadedRequirement[] = [];
  const ids = new Set<string>();
  for (const [file, contents] of loadKnowledgeDir('aws')) {
    for (const req of validateServiceFile(file, contents).requirements) {
      if (ids.has(req.id)) throw new KnowledgeError(`rules/${file}: duplicate requirement id '${req.id}'`);
      ids.add(req.id);
      all.push({ ...req, source: file });
    }
  }
  cached = all;
  return all;
}

/** The matchers of a requirement for one format (a format section may be one matcher or a list). */
export function matchersOf(req: Requirement, format: IacFormat): Matcher[] {
  const m = req[format];
  if (!m) return [];
  return Array.isArray(m) ? m : [m];
}

export function typesOf(m: { type: string | string[] }): string[] {
  return Array.isArray(m.type) ? m.type : [m.type];
}

function fail(file: string, where: string, problem: string): never {
  throw new KnowledgeError(`rules/${file}: ${where}: ${problem}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the structure the engine relies on; a broken data file stops the scan with its path. */
export function validateServiceFile(file: string, contents: unknown): AwsServiceFile {
  if (!isRecord(contents)) fail(file, 'file', 'expected a mapping with service and requirements');
  if (typeof contents.service !== 'string') fail(file, 'service', 'expected a string');
  if (!Array.isArray(contents.requirements)) fail(file, 'requirements', 'expected a list');
  contents.requirements.forEach((r: unknown, i: number) => {
    const where = `requirements[${i}]`;
    if (!isRecord(r)) fail(file, where, 'expected a mapping');
    for (const key of ['id', 'resource', 'what'] as const) if (typeof r[key] !== 'string') fail(file, `${where}.${key}`, 'expected a string');
    if (!IAC_RULES.includes(r.rule as never)) fail(file, `${where}.rule`, `expected one of ${IAC_RULES.join(', ')}`);
    const d = r.awsDefault;
    if (!isRecord(d) || typeof d.behaviour !== 'string' || typeof d.source !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(String(d.since)))
      fail(file, `${where}.awsDefault`, 'expected {behaviour, since: YYYY-MM-DD, source}');
    for (const format of FORMATS) {
      const section = r[format];
      if (section === undefined) continue;
      const list = Array.isArray(section) ? section : [section];
      list.forEach((m: unknown, j: number) => validateMatcher(file, `${where}.${format}${Array.isArray(section) ? `[${j}]` : ''}`, m));
    }
    if (!FORMATS.some((f) => r[f] !== undefined)) fail(file, where, 'needs at least one of cloudformation, cdk, terraform');
  });
  return contents as unknown as AwsServiceFile;
}

function validateMatcher(file: string, where: string, m: unknown): void {
  if (!isRecord(m)) fail(file, where, 'expected a mapping');
  const types = Array.isArray(m.type) ? m.type : [m.type];
  if (types.length === 0 || types.some((t) => typeof t !== 'string')) fail(file, `${where}.type`, 'expected a type or a list of types');
  const check = (m.check as string | undefined) ?? 'setting';
  if (!CHECKS.includes(check)) fail(file, `${where}.check`, `expected one of ${CHECKS.join(', ')}`);
  if ((check === 'setting' || check === 'days') && typeof m.path !== 'string') fail(file, `${where}.path`, 'expected a property path');
  if (check === 'secure-transport-policy' && (!isRecord(m.policy) || typeof m.policy.target !== 'string' || typeof m.policy.document !== 'string'))
    fail(file, `${where}.policy`, 'expected {type, target, document}');
  if (check === 'log-group' && (!isRecord(m.logGroup) || typeof m.logGroup.name !== 'string')) fail(file, `${where}.logGroup`, 'expected {type, name, ...}');
  if (m.unset !== undefined && !['on', 'off', 'never'].includes(String(m.unset)) && typeof m.unset !== 'number')
    fail(file, `${where}.unset`, 'expected on, off, never or a number of days');
  for (const key of ['on', 'off', 'never', 'disabled'] as const)
    if (m[key] !== undefined && !Array.isArray(m[key])) fail(file, `${where}.${key}`, 'expected a list of values');
  if (m.when !== undefined && (!Array.isArray(m.when) || m.when.some((c) => !isRecord(c) || typeof c.path !== 'string')))
    fail(file, `${where}.when`, 'expected a list of {path, in|notIn|absent|present}');
}
