import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isSeq, isNode, type Document } from 'yaml';
import { packageRoot, rulesDir } from './package-root.js';
import { RULE_IDS, type RuleId } from './rules.js';
import type { DatagateConfig, Policy, RuleSetting } from './types.js';

export const CONFIG_FILE_NAMES = ['datagate.yml', 'datagate.yaml', '.datagate.yml', '.datagate.yaml'];
export const DEFAULT_PRESET = 'clicki';

/** A configuration the scan cannot trust: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}:${column ?? 1}` : ''}: ${reason}`);
    this.name = 'ConfigError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(config: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'datagate.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator(config) ? [] : [...(validator.errors ?? [])];
}

/** The nearest datagate.yml at or above `start` (a file or directory), or undefined. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `'${error.instancePath.slice(1).split('/').join('.')}'` : 'the config';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown key '${String(error.params.additionalProperty)}'`;
    case 'enum':
      return `${where} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** Line/column of the YAML node an ajv error points at (the offending key for unknown keys). */
function positionOf(doc: Document, counter: LineCounter, error: ErrorObject): { line: number; col: number } | undefined {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.get(segment, true);
    else if (isSeq(node)) node = node.get(Number(segment), true);
    else break;
  }
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const key = String(error.params.additionalProperty);
    const pair = node.items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === key);
    if (pair && isNode(pair.key)) node = pair.key;
  }
  if (isNode(node) && node.range) return counter.linePos(node.range[0]);
  return undefined;
}

/** Reads and validates one YAML config file (user file or preset). */
export function readConfigFile(file: string): DatagateConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = counter.linePos(first.pos[0]);
    throw new ConfigError(file, `invalid YAML: ${first.message.split('\n')[0]}`, pos.line, pos.col);
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(file, 'the config must be a mapping of keys to values');
  }
  const errors = validate(value);
  if (errors.length > 0) {
    const first = errors[0]!;
    const pos = positionOf(doc, counter, first);
    throw new ConfigError(file, describe(first), pos?.line, pos?.col);
  }
  const config = value as DatagateConfig;
  const { minDays, maxDays } = config.retention ?? {};
  if (minDays !== undefined && maxDays !== undefined && minDays > maxDays) {
    const pos = positionOf(doc, counter, { instancePath: '/retention/minDays' } as ErrorObject);
    throw new ConfigError(file, `'retention.minDays' (${minDays}) is greater than 'retention.maxDays' (${maxDays})`, pos?.line, pos?.col);
  }
  return config;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in `over` replace those in `base`. */
export function mergeConfig<T extends Record<string, unknown>>(base: T, over: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeConfig(out[key] as Record<string, unknown>, value) : value;
  }
  return out as T;
}

function presetChain(name: string, seen: string[] = []): { names: string[]; config: DatagateConfig } {
  if (seen.includes(name)) throw new ConfigError(join(rulesDir(), 'presets'), `preset cycle: ${[...seen, name].join(' -> ')}`);
  const file = join(rulesDir(), 'presets', `${name}.yaml`);
  if (!existsSync(file)) throw new ConfigError(file, `unknown preset '${name}'`);
  const own = readConfigFile(file);
  if (!own.extends) return { names: [name], config: own };
  const parent = presetChain(own.extends, [...seen, name]);
  const { extends: _ignored, ...rest } = own;
  const config = mergeConfig(parent.config as Record<string, unknown>, rest) as DatagateConfig;
  return { names: [...parent.names, name], config };
}

export interface LoadPolicyOptions {
  /** Explicit config file (--config). */
  configPath?: string;
  /** Where to start looking for datagate.yml when no explicit file is given. */
  searchFrom?: string;
  /** Use no config file at all (the default preset only). */
  noConfigFile?: boolean;
}

/** The effective policy: preset chain, then the user's datagate.yml. Throws ConfigError. */
export function loadPolicy(options: LoadPolicyOptions = {}): Policy {
  let configPath: string | undefined;
  if (options.configPath) {
    configPath = resolve(options.configPath);
    if (!existsSync(configPath)) throw new ConfigError(configPath, 'config file not found');
  } else if (!options.noConfigFile) {
    configPath = findConfig(options.searchFrom ?? process.cwd());
  }
  const user = configPath ? readConfigFile(configPath) : {};
  const chain = presetChain(user.extends ?? DEFAULT_PRESET);
  const { extends: _ignored, ...overrides } = user;
  const merged = mergeConfig(chain.config as Record<string, unknown>, overrides as Record<string, unknown>) as DatagateConfig;
  return resolvePolicy(merged, chain.names, configPath, options.searchFrom);
}

function resolvePolicy(c: DatagateConfig, presets: string[], configPath: string | undefined, searchFrom?: string): Policy {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, c.rules?.[id] ?? 'error'])) as Record<RuleId, RuleSetting>;
  return {
    presets,
    configPath,
    baseDir: configPath ? dirname(configPath) : resolve(searchFrom ?? process.cwd()),
    levels: c.levels ?? ['public', 'internal', 'confidential', 'restricted'],
    rules,
    ignore: c.ignore ?? [],
    dataModels: c.dataModels ?? [],
    retention: { minDays: c.retention?.minDays ?? 7, maxDays: c.retention?.maxDays ?? 30 },
    backup: { minDays: c.backup?.minDays ?? 7 },
    encryption: c.encryption ?? 'aws-defaults',
    exceptions: c.exceptions ?? [],
    secrets: c.secrets ?? {},
    logging: c.logging ?? {},
    classification: c.classification ?? {},
    iac: c.iac ?? {},
  };
}
