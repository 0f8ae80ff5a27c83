import { KnowledgeError, loadKnowledge } from '../../policy/knowledge.js';
import type { Policy } from '../../policy/types.js';

/**
 * The logging lane's knowledge (rules/logging/*.yaml) plus the project's additions from
 * datagate.yml `logging:` — read once per policy. The engine holds no lists of its own.
 */

export type PartsRule = 'unless-safe' | 'sensitive-only';

export interface DataProperty {
  label: string;
  parts: PartsRule;
}

export interface DataMethod {
  label: string;
  argument?: PartsRule;
}

export interface LoggerKind {
  id: string;
  packages: string[];
  factories: string[];
  /** true: the default/namespace import is a logger; a string: that named import is. */
  instance?: boolean | string;
  callable?: boolean;
  methods: string[];
  types: string[];
  redact?: string;
}

export interface PackageSink {
  package: string;
  methods?: string[];
}

export interface SamplesFile<T> {
  samples?: { match?: T[]; noMatch?: T[] };
}

export interface SourcesFile extends SamplesFile<string> {
  routeMethods: string[];
  requestParams: string[];
  handlerNames: string[];
  requestTypes: string[];
  notRequestTypes: string[];
  dataProperties: Record<string, DataProperty>;
  objectProperties: string[];
  dataMethods: Record<string, DataMethod>;
  decorators: Record<string, string>;
  parsers: string[];
  safeFields: string[];
  safeFieldPatterns: string[];
  requestParts: { containers: string[]; freeText: string[]; samples: { match: string[]; noMatch: string[] } };
  resolvers: { rootTypes: string[]; argumentsIndex: number };
  environment: { objects: string[]; label: string };
  propagators: { functions: string[]; methods: string[]; argumentMethods: string[]; omitting: string[] };
}

export interface SinksFile extends SamplesFile<string> {
  consoleMethods: string[];
  childMethods: string[];
  requestLoggers: string[];
  instanceLoggers: Array<{ packages: string[]; property: string; logger: string }>;
  loggers: LoggerKind[];
}

export interface SanitizersFile extends SamplesFile<string> {
  functions: string[];
  packages: string[];
  calls: string[];
  safeFacts: { properties: string[]; calls: string[] };
  replaceMask: string;
  partialDisplay: { maxChars: number; functions: string[] };
}

export interface LoggerConfigFile extends SamplesFile<{ file: string; text: string }> {
  code: {
    morgan: { packages: string[]; bodyTokens: string[] };
    expressWinston: { packages: string[]; whitelistOptions: string[]; wholesale: string[] };
    powertools: { packages: string[]; options: string[] };
    serializers: { packages: string[]; option: string };
    environmentObjects: string[];
  };
  env: {
    wholesale: Record<string, Array<string | number | boolean>>;
    levelKeys: string[];
    levelParents: string[];
    debugValues: string[];
    debugNamespaces: string[];
  };
  production: { pathWords: string[]; stageKeys: string[]; nonProductionWords: string[] };
}

/** Everything the engine consults, as sets for lookups. */
export interface LoggingKnowledge {
  sources: SourcesFile;
  sinks: SinksFile;
  sanitizers: SanitizersFile;
  config: LoggerConfigFile;
  routeMethods: Set<string>;
  requestParams: Set<string>;
  handlerNames: Set<string>;
  requestTypes: Set<string>;
  safeFields: Set<string>;
  safeFieldPatterns: RegExp[];
  /** Request fields reported whatever their name says: containers and free text (lower case). */
  containerParts: Set<string>;
  freeTextParts: Set<string>;
  parsers: Set<string>;
  propagatorFunctions: Set<string>;
  propagatorMethods: Set<string>;
  argumentMethods: Set<string>;
  omitting: Set<string>;
  consoleMethods: Set<string>;
  childMethods: Set<string>;
  /** package → logger kinds it provides. */
  loggerPackages: Map<string, LoggerKind>;
  sanitizerWords: Set<string>;
  sanitizerNames: Set<string>;
  sanitizerPackages: Set<string>;
  sanitizerCalls: Set<string>;
  safeFactProperties: Set<string>;
  safeFactCalls: Set<string>;
  /** From datagate.yml. */
  extraSources: string[];
  extraSinkNames: Set<string>;
  packageSinks: PackageSink[];
  maskingHelper?: string;
}

function check(condition: unknown, file: string, what: string): asserts condition {
  if (!condition) throw new KnowledgeError(`rules/logging/${file}: ${what}`);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function readSources(): SourcesFile {
  const f = loadKnowledge('logging/sources.yaml') as SourcesFile;
  for (const key of ['routeMethods', 'requestParams', 'handlerNames', 'requestTypes', 'objectProperties', 'parsers', 'safeFields'] as const) {
    check(isStrings(f?.[key]), 'sources.yaml', `${key} must be a list of strings`);
  }
  check(f.dataProperties && typeof f.dataProperties === 'object', 'sources.yaml', 'dataProperties must be a map');
  for (const [k, v] of Object.entries(f.dataProperties)) {
    check(typeof v.label === 'string' && (v.parts === 'unless-safe' || v.parts === 'sensitive-only'), 'sources.yaml', `dataProperties.${k} needs label and parts`);
  }
  check(f.dataMethods && typeof f.dataMethods === 'object', 'sources.yaml', 'dataMethods must be a map');
  check(f.decorators && typeof f.decorators === 'object', 'sources.yaml', 'decorators must be a map');
  check(isStrings(f.resolvers?.rootTypes) && typeof f.resolvers.argumentsIndex === 'number', 'sources.yaml', 'resolvers needs rootTypes and argumentsIndex');
  check(isStrings(f.environment?.objects) && typeof f.environment.label === 'string', 'sources.yaml', 'environment needs objects and label');
  check(isStrings(f.safeFieldPatterns), 'sources.yaml', 'safeFieldPatterns must be a list of regular expressions');
  check(isStrings(f.requestParts?.containers) && isStrings(f.requestParts?.freeText) && isStrings(f.requestParts?.samples?.match) && isStrings(f.requestParts?.samples?.noMatch), 'sources.yaml', 'requestParts needs containers, freeText and samples {match, noMatch}');
  check(isStrings(f.propagators?.functions) && isStrings(f.propagators?.methods) && isStrings(f.propagators?.argumentMethods) && isStrings(f.propagators?.omitting), 'sources.yaml', 'propagators needs functions, methods, argumentMethods, omitting');
  f.notRequestTypes ??= [];
  return f;
}

function readSinks(): SinksFile {
  const f = loadKnowledge('logging/sinks.yaml') as SinksFile;
  for (const key of ['consoleMethods', 'childMethods', 'requestLoggers'] as const) check(isStrings(f?.[key]), 'sinks.yaml', `${key} must be a list of strings`);
  check(Array.isArray(f.loggers), 'sinks.yaml', 'loggers must be a list');
  f.instanceLoggers ??= [];
  for (const l of f.loggers) {
    check(typeof l.id === 'string' && isStrings(l.packages) && isStrings(l.methods), 'sinks.yaml', `logger ${String(l.id)} needs id, packages, methods`);
    l.factories ??= [];
    l.types ??= [];
  }
  return f;
}

function readSanitizers(): SanitizersFile {
  const f = loadKnowledge('logging/sanitizers.yaml') as SanitizersFile;
  for (const key of ['functions', 'packages', 'calls'] as const) check(isStrings(f?.[key]), 'sanitizers.yaml', `${key} must be a list of strings`);
  check(isStrings(f.safeFacts?.properties) && isStrings(f.safeFacts?.calls), 'sanitizers.yaml', 'safeFacts needs properties and calls');
  check(typeof f.replaceMask === 'string', 'sanitizers.yaml', 'replaceMask must be a string');
  check(typeof f.partialDisplay?.maxChars === 'number' && isStrings(f.partialDisplay.functions), 'sanitizers.yaml', 'partialDisplay needs maxChars and functions');
  return f;
}

function readLoggerConfig(): LoggerConfigFile {
  const f = loadKnowledge('logging/logger-config.yaml') as LoggerConfigFile;
  check(f?.code && f.env && f.production, 'logger-config.yaml', 'needs code, env and production');
  check(isStrings(f.env.levelKeys) && isStrings(f.env.debugValues) && isStrings(f.production.pathWords), 'logger-config.yaml', 'env/production lists');
  return f;
}

let shipped: Omit<LoggingKnowledge, 'extraSources' | 'extraSinkNames' | 'packageSinks' | 'maskingHelper'> | undefined;
const byPolicy = new WeakMap<Policy, LoggingKnowledge>();

function shippedKnowledge() {
  if (shipped) return shipped;
  const sources = readSources();
  const sinks = readSinks();
  const sanitizers = readSanitizers();
  const config = readLoggerConfig();
  const loggerPackages = new Map<string, LoggerKind>();
  for (const l of sinks.loggers) for (const p of l.packages) loggerPackages.set(p, l);
  shipped = {
    sources,
    sinks,
    sanitizers,
    config,
    routeMethods: new Set(sources.routeMethods),
    requestParams: new Set(sources.requestParams),
    handlerNames: new Set(sources.handlerNames),
    requestTypes: new Set(sources.requestTypes),
    safeFields: new Set(sources.safeFields.map((s) => s.toLowerCase())),
    safeFieldPatterns: sources.safeFieldPatterns.map((p) => new RegExp(p)),
    containerParts: new Set(sources.requestParts.containers.map((s) => s.toLowerCase())),
    freeTextParts: new Set(sources.requestParts.freeText.map((s) => s.toLowerCase())),
    parsers: new Set(sources.parsers),
    propagatorFunctions: new Set(sources.propagators.functions),
    propagatorMethods: new Set(sources.propagators.methods),
    argumentMethods: new Set(sources.propagators.argumentMethods),
    omitting: new Set(sources.propagators.omitting),
    consoleMethods: new Set(sinks.consoleMethods),
    childMethods: new Set(sinks.childMethods),
    loggerPackages,
    sanitizerWords: new Set(sanitizers.functions.map((s) => s.toLowerCase())),
    sanitizerNames: new Set<string>(),
    sanitizerPackages: new Set(sanitizers.packages),
    sanitizerCalls: new Set(sanitizers.calls),
    safeFactProperties: new Set(sanitizers.safeFacts.properties),
    safeFactCalls: new Set(sanitizers.safeFacts.calls),
  };
  return shipped;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The shipped knowledge with `policy.logging` (sources, sinks, sanitizers, maskingHelper) added. */
export function loggingKnowledge(policy: Policy): LoggingKnowledge {
  const hit = byPolicy.get(policy);
  if (hit) return hit;
  const base = shippedKnowledge();
  const section = policy.logging ?? {};
  const sinks = Array.isArray(section.sinks) ? (section.sinks as unknown[]) : [];
  const knowledge: LoggingKnowledge = {
    ...base,
    sanitizerNames: new Set(strings(section.sanitizers)),
    extraSources: strings(section.sources),
    extraSinkNames: new Set(sinks.filter((s): s is string => typeof s === 'string')),
    packageSinks: sinks.filter((s): s is PackageSink => typeof s === 'object' && s !== null && typeof (s as PackageSink).package === 'string'),
    maskingHelper: typeof section.maskingHelper === 'string' ? section.maskingHelper : undefined,
  };
  byPolicy.set(policy, knowledge);
  return knowledge;
}
