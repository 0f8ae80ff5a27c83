import { KnowledgeError, loadKnowledge } from '../../policy/knowledge.js';

/**
 * rules/tls/*.yaml, validated: which settings switch off certificate verification, and which
 * http:// hosts are local or identifiers. The code holds the matching; the lists are data.
 */
export interface TlsSample {
  file: string;
  text: string;
}

export interface VerificationCheck {
  id: string;
  kind: 'option' | 'env';
  names: string[];
  insecure: Array<string | number | boolean>;
  message: string;
  samples: { fail: TlsSample[]; pass: TlsSample[] };
}

export interface UrlKnowledge {
  localHosts: string[];
  localPatterns: RegExp[];
  localSuffixes: string[];
  documentationDomains: string[];
  identifierHosts: string[];
  /** Path endings that make a URL a system identifier (`.dtd`, `.xsd`). */
  identifierSuffixes: string[];
  ignoreKeys: string[];
  ignoreFiles: RegExp[];
  message: string;
  samples: { fail: TlsSample[]; pass: TlsSample[] };
}

export interface TlsKnowledge {
  checks: VerificationCheck[];
  urls: UrlKnowledge;
}

let cached: TlsKnowledge | undefined;

export function loadTlsKnowledge(): TlsKnowledge {
  cached ??= { checks: validateChecks(loadKnowledge('tls/verification.yaml')), urls: validateUrls(loadKnowledge('tls/urls.yaml')) };
  return cached;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(file: string, where: string, problem: string): never {
  throw new KnowledgeError(`rules/tls/${file}: ${where}: ${problem}`);
}

function strings(file: string, where: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(file, where, 'expected a list of strings');
  return v as string[];
}

function samples(file: string, where: string, v: unknown): { fail: TlsSample[]; pass: TlsSample[] } {
  if (!isRecord(v)) fail(file, where, 'expected {fail, pass}');
  const list = (key: 'fail' | 'pass') => {
    const items = v[key];
    if (!Array.isArray(items) || items.length === 0) fail(file, `${where}.${key}`, 'expected at least one sample');
    return items.map((s: unknown, i: number) => {
      if (!isRecord(s) || typeof s.file !== 'string' || typeof s.text !== 'string') fail(file, `${where}.${key}[${i}]`, 'expected {file, text}');
      return { file: s.file, text: s.text };
    });
  };
  return { fail: list('fail'), pass: list('pass') };
}

function validateChecks(doc: unknown): VerificationCheck[] {
  const file = 'verification.yaml';
  if (!isRecord(doc) || !Array.isArray(doc.checks)) fail(file, 'checks', 'expected a list');
  return doc.checks.map((c: unknown, i: number) => {
    const where = `checks[${i}]`;
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.message !== 'string') fail(file, where, 'expected {id, kind, names, insecure, message, samples}');
    if (c.kind !== 'option' && c.kind !== 'env') fail(file, `${where}.kind`, 'expected option or env');
    if (!Array.isArray(c.insecure) || c.insecure.length === 0) fail(file, `${where}.insecure`, 'expected a list of values');
    return {
      id: c.id,
      kind: c.kind,
      names: strings(file, `${where}.names`, c.names),
      insecure: c.insecure as Array<string | number | boolean>,
      message: c.message,
      samples: samples(file, `${where}.samples`, c.samples),
    };
  });
}

function validateUrls(doc: unknown): UrlKnowledge {
  const file = 'urls.yaml';
  if (!isRecord(doc) || typeof doc.message !== 'string') fail(file, 'file', 'expected a mapping with message');
  const regexes = (key: string) =>
    strings(file, key, doc[key]).map((p) => {
      try {
        return new RegExp(p);
      } catch (error) {
        return fail(file, key, (error as Error).message);
      }
    });
  return {
    localHosts: strings(file, 'localHosts', doc.localHosts).map((h) => h.toLowerCase()),
    localPatterns: regexes('localPatterns'),
    localSuffixes: strings(file, 'localSuffixes', doc.localSuffixes).map((h) => h.toLowerCase()),
    documentationDomains: strings(file, 'documentationDomains', doc.documentationDomains).map((h) => h.toLowerCase()),
    identifierHosts: strings(file, 'identifierHosts', doc.identifierHosts).map((h) => h.toLowerCase()),
    identifierSuffixes: strings(file, 'identifierSuffixes', doc.identifierSuffixes).map((x) => x.toLowerCase()),
    ignoreKeys: strings(file, 'ignoreKeys', doc.ignoreKeys),
    ignoreFiles: regexes('ignoreFiles'),
    message: doc.message,
    samples: samples(file, 'samples', doc.samples),
  };
}

/** Whether a scalar is one of a check's insecure values (booleans and numbers as written in YAML, JSON or code). */
export function isInsecureValue(check: VerificationCheck, value: string | number | boolean | null): boolean {
  if (value === null) return false;
  return check.insecure.some((v) => String(v).toLowerCase() === String(value).trim().toLowerCase());
}

export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
