import type { FileDetection, Range } from '../types.js';
import type { Policy } from '../../policy/types.js';
import type { IacResource, IacValue } from './model.js';
import { loadRequirements, matchersOf, typesOf, type LoadedRequirement } from './requirements/load.js';
import { conditionsHold, display, includesScalar, lookupAll, lookupOne, nameText, scalarOf, type Lookup } from './requirements/lookup.js';
import type { Matcher, MessageKey } from './requirements/types.js';

/**
 * The four IaC rules (require-encryption, require-tls, require-log-retention, require-backup)
 * over resources of any format. What each resource type needs is data (rules/aws/*.yaml); this
 * file only knows the four kinds of check a requirement can ask for:
 *   setting                  a property whose value turns a control on or off
 *   days                     a number of days compared with the policy's range or minimum
 *   secure-transport-policy  another resource (a bucket policy) that must deny plain HTTP
 *   log-group                a function's log group: its own, or the implicit one that never expires
 */
export function evaluateResources(resources: readonly IacResource[], policy: Policy): FileDetection[] {
  const index = new ResourceIndex(resources);
  const out: FileDetection[] = [];
  const byType = requirementsByType();
  for (const resource of resources) {
    for (const { req, matcher } of byType.get(typeKey(resource.format, resource.type)) ?? []) {
      if (policy.rules[req.rule] === 'off') continue;
      if (req.option && policy.iac[req.option] !== true) continue;
      if (!conditionsHold(resource.props, matcher.when)) continue;
      const ctx: CheckContext = { resource, req, matcher, policy, index };
      out.push(...runCheck(ctx));
    }
  }
  return dedupe(out);
}

const typeKey = (format: string, type: string) => `${format}\u0000${type}`;
let requirementIndex: Map<string, Array<{ req: LoadedRequirement; matcher: Matcher }>> | undefined;

/** The requirements' matchers by format and resource type, built once per process. */
function requirementsByType(): Map<string, Array<{ req: LoadedRequirement; matcher: Matcher }>> {
  if (requirementIndex) return requirementIndex;
  const map = new Map<string, Array<{ req: LoadedRequirement; matcher: Matcher }>>();
  for (const req of loadRequirements()) {
    for (const format of ['cloudformation', 'cdk', 'terraform'] as const) {
      for (const matcher of matchersOf(req, format)) {
        for (const type of typesOf(matcher)) {
          const key = typeKey(format, type);
          const list = map.get(key);
          if (list) list.push({ req, matcher });
          else map.set(key, [{ req, matcher }]);
        }
      }
    }
  }
  requirementIndex = map;
  return map;
}

/** One finding per requirement and place: a list whose elements all miss a property is one problem. */
function dedupe(found: FileDetection[]): FileDetection[] {
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.ruleId}\u0000${d.file}\u0000${d.range[0]}\u0000${d.range[1]}\u0000${String(d.data?.requirement)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface CheckContext {
  resource: IacResource;
  req: LoadedRequirement;
  matcher: Matcher;
  policy: Policy;
  index: ResourceIndex;
}

/** Resources by id and type, for the cross-resource links. */
class ResourceIndex {
  private readonly byId = new Map<string, IacResource>();
  constructor(readonly all: readonly IacResource[]) {
    for (const r of all) if (!this.byId.has(key(r.format, r.id))) this.byId.set(key(r.format, r.id), r);
  }
  get(format: string, id: string): IacResource | undefined {
    return this.byId.get(key(format, id));
  }
  ofTypes(format: string, types: readonly string[], file?: string): IacResource[] {
    // CloudFormation links stay inside one template; Terraform and CDK links cross files.
    return this.all.filter((r) => r.format === format && types.includes(r.type) && (format !== 'cloudformation' || !file || r.file === file));
  }
}
const key = (format: string, id: string) => `${format}\u0000${id}`;

function runCheck(ctx: CheckContext): FileDetection[] {
  switch (ctx.matcher.check ?? 'setting') {
    case 'setting':
      return checkSetting(ctx);
    case 'days':
      return checkDays(ctx, lookupAll(ctx.resource.props, ctx.matcher.path!, { optionalItems: ctx.matcher.optionalItems }));
    case 'secure-transport-policy':
      return checkSecureTransport(ctx);
    case 'log-group':
      return checkLogGroup(ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// setting

type SettingState = 'on' | 'off' | 'unverifiable';

interface SettingVerdict {
  state: SettingState;
  lookup: Lookup;
  /** The property was not written: the state is the format's or AWS's default. */
  unset: boolean;
}

function settingVerdict(m: Matcher, lookup: Lookup): SettingVerdict {
  if (lookup.state === 'unset') {
    const state = m.unset === 'on' ? 'on' : 'off';
    return { state, lookup, unset: true };
  }
  const v = lookup.value;
  if (v.kind === 'unresolved' && v.alternatives) {
    // A condition (Fn::If): decided when every branch gives the same verdict.
    const branches = v.alternatives.map((value) => settingVerdict(m, value ? { state: 'value', path: lookup.path, value } : { state: 'unset', path: lookup.path }));
    const state = branches.every((b) => b.state === branches[0]!.state) ? branches[0]!.state : 'unverifiable';
    return { state, lookup, unset: branches.every((b) => b.unset) };
  }
  if (v.kind === 'unresolved' || (v.kind === 'reference' && (m.on || m.off))) return { state: 'unverifiable', lookup, unset: false };
  const scalar = scalarOf(v);
  if (includesScalar(m.off, scalar)) return { state: 'off', lookup, unset: false };
  if (m.on) return { state: includesScalar(m.on, scalar) ? 'on' : 'off', lookup, unset: false };
  return { state: 'on', lookup, unset: false };
}

const RANK: Record<SettingState, number> = { on: 0, unverifiable: 1, off: 2 };

function combine(verdicts: SettingVerdict[], match: 'every' | 'any'): SettingVerdict[] {
  if (match === 'every') return verdicts;
  // `any`: one compliant element is enough; otherwise report the least bad.
  const best = [...verdicts].sort((a, b) => RANK[a.state] - RANK[b.state])[0]!;
  return [best];
}

function checkSetting(ctx: CheckContext): FileDetection[] {
  const { matcher: m, req, policy, resource } = ctx;
  const verdicts = combine(
    lookupAll(resource.props, m.path!, { optionalItems: m.optionalItems }).map((l) => settingVerdict(m, l)),
    m.match ?? 'every',
  );
  const out: FileDetection[] = [];
  for (const v of verdicts) {
    if (v.state === 'unverifiable') {
      out.push(unverifiable(ctx, v.lookup));
      continue;
    }
    if (v.state === 'off') {
      if (m.coveredBy && coveredByBackupPlan(ctx)) continue;
      out.push(v.unset ? violation(ctx, 'unset', unsetAt(ctx)) : violation(ctx, 'off', lookupAt(v.lookup, resource), { value: valueText(v.lookup) }));
      continue;
    }
    if (req.rule !== 'require-encryption' || policy.encryption !== 'explicit') continue;
    if (v.unset && !m.explicitDefault) {
      out.push(violation(ctx, 'undeclared', at(resource)));
      continue;
    }
    if (m.kmsKey && isRestricted(resource)) out.push(...checkCustomerKey(ctx));
  }
  return out;
}

function isRestricted(resource: IacResource): boolean {
  return Object.entries(resource.tags ?? {}).some(([k, v]) => k.toLowerCase() === 'dataclassification' && v.toLowerCase() === 'restricted');
}

/** A restricted store under `encryption: explicit` needs a customer-managed KMS key. */
function checkCustomerKey(ctx: CheckContext): FileDetection[] {
  const { matcher: m, resource } = ctx;
  const key = lookupOne(resource.props, m.kmsKey!);
  if (!key) return [violation(ctx, 'noCmk', at(resource), { reason: `${m.kmsKey} is not set` })];
  if (key.kind === 'unresolved') return [unverifiable(ctx, { state: 'value', path: m.kmsKey!, value: key })];
  const scalar = scalarOf(key);
  if (scalar !== undefined && (scalar.includes('alias/aws/') || includesScalar(m.awsManagedKeys, scalar)))
    return [violation(ctx, 'noCmk', at(key), { reason: `${m.kmsKey} is the AWS-managed key ${display(key)}` })];
  return [];
}

/** True when a backup selection picks this resource for a plan whose every rule keeps at least backup.minDays. */
function coveredByBackupPlan(ctx: CheckContext): boolean {
  const { resource, index, policy } = ctx;
  const spec = ctx.matcher.coveredBy!;
  const own = new RegExp(`\\$\\{\\s*${escapeRegExp(resource.id)}(?:[.}\\s])`);
  const selectsMe = (l: Lookup) =>
    l.state === 'value' &&
    ((l.value.kind === 'reference' && l.value.target === resource.id) || (l.value.kind === 'unresolved' && own.test(l.value.text)));
  return index.ofTypes(resource.format, typesOf({ type: spec.selection }), resource.file).some((selection) => {
    if (!lookupAll(selection.props, `${spec.resources}.*`).some(selectsMe)) return false;
    const planRef = lookupOne(selection.props, spec.plan);
    const plan = planRef?.kind === 'reference' ? index.get(resource.format, planRef.target) : undefined;
    if (!plan) return false;
    return lookupAll(plan.props, spec.retention).every((l) => {
      if (l.state === 'unset') return true;
      const days = l.value.kind === 'literal' ? Number(l.value.value) : Number.NaN;
      return Number.isFinite(days) && days >= policy.backup.minDays;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// days

type Days = { kind: 'days'; days: number } | { kind: 'never' } | { kind: 'disabled' } | { kind: 'unknown' };

const DURATION = /^Duration\.(days|hours|minutes)\((\d+(?:\.\d+)?)\)$/;

/** A value as a number of days: numbers, numeric strings, named values, `Duration.days(n)`. */
function daysOf(m: Matcher, value: IacValue): Days {
  if (value.kind !== 'literal' || value.value === null) return { kind: 'unknown' };
  const raw = value.value;
  const scalar = String(raw).toLowerCase();
  if (includesScalar(m.never, scalar)) return { kind: 'never' };
  if (includesScalar(m.disabled, scalar)) return { kind: 'disabled' };
  const named = Object.entries(m.named ?? {}).find(([k]) => k.toLowerCase() === scalar)?.[1];
  if (named !== undefined) return named === 'never' ? { kind: 'never' } : { kind: 'days', days: named };
  if (typeof raw === 'number' || /^\d+$/.test(String(raw).trim())) return { kind: 'days', days: Number(raw) };
  const duration = DURATION.exec(String(raw).replace(/\s+/g, ''));
  if (duration) {
    const n = Number(duration[2]);
    return { kind: 'days', days: duration[1] === 'days' ? n : duration[1] === 'hours' ? n / 24 : n / 1440 };
  }
  return { kind: 'unknown' };
}

function checkDays(ctx: CheckContext, lookups: Lookup[]): FileDetection[] {
  const out: FileDetection[] = [];
  for (const lookup of lookups) {
    const alternatives = lookup.state === 'value' && lookup.value.kind === 'unresolved' ? lookup.value.alternatives : undefined;
    if (!alternatives) {
      const verdict = judgeDays(ctx, lookup);
      if (verdict === 'unknown') out.push(unverifiable(ctx, lookup));
      else if (verdict) out.push(violation(ctx, verdict.key, lookupAt(lookup, ctx.resource, ctx), verdict.vars));
      continue;
    }
    // A condition (Fn::If): decided when every branch gives the same verdict.
    const verdicts = alternatives.map((value) => judgeDays(ctx, value ? { state: 'value', path: lookup.path, value } : { state: 'unset', path: lookup.path }));
    if (verdicts.every((v) => v === undefined)) continue;
    const first = verdicts[0];
    if (first && first !== 'unknown' && verdicts.every((v) => v !== undefined && v !== 'unknown' && v.key === first.key)) {
      out.push(violation(ctx, first.key, lookupAt(lookup, ctx.resource, ctx), { ...first.vars, value: valueText(lookup), detail: `${lookup.path}: ${valueText(lookup)}` }));
    } else out.push(unverifiable(ctx, lookup));
  }
  return out;
}

/** A days value against the policy: undefined when it complies, 'unknown' when it cannot be read. */
function judgeDays(ctx: CheckContext, lookup: Lookup): { key: MessageKey; vars: Record<string, string> } | 'unknown' | undefined {
  const { matcher: m, req, policy } = ctx;
  const unset = lookup.state === 'unset';
  let days: Days;
  if (unset) days = m.unset === undefined || m.unset === 'never' ? { kind: 'never' } : typeof m.unset === 'number' ? { kind: 'days', days: m.unset } : { kind: 'unknown' };
  else if (lookup.value.kind === 'literal') days = daysOf(m, lookup.value);
  else days = { kind: 'unknown' };
  if (days.kind === 'unknown') return 'unknown';
  const value = unset ? 'not set' : valueText(lookup);
  const detail = unset ? `${lookup.path} not set` : `${lookup.path}: ${valueText(lookup)}`;
  if (req.rule === 'require-log-retention') {
    const { minDays, maxDays } = policy.retention;
    if (days.kind === 'never' || days.kind === 'disabled') return { key: 'never', vars: { value } };
    if (days.days < minDays || days.days > maxDays) return { key: 'outOfRange', vars: { days: fmtDays(days.days), detail } };
    return undefined;
  }
  const { minDays } = policy.backup;
  if (days.kind === 'disabled') return { key: 'disabled', vars: { value } };
  if (days.kind === 'days' && days.days < minDays) return { key: 'outOfRange', vars: { days: fmtDays(days.days), detail } };
  return undefined;
}

const fmtDays = (n: number) => `${Number.isInteger(n) ? String(n) : n.toFixed(2)} ${n === 1 ? 'day' : 'days'}`;

// ---------------------------------------------------------------------------------------------
// secure-transport-policy: a bucket is only HTTPS-only when a bucket policy denies plain HTTP.

function checkSecureTransport(ctx: CheckContext): FileDetection[] {
  const { matcher: m, resource, index } = ctx;
  const spec = m.policy!;
  const ownName = spec.name ? nameText(lookupOne(resource.props, spec.name)) : undefined;
  const policies = index.ofTypes(resource.format, typesOf(spec), resource.file).filter((p) => {
    const target = lookupOne(p.props, spec.target);
    if (target?.kind === 'reference') return target.target === resource.id;
    // The bucket named by the same literal or the same `${…}` text (`!Sub clicki-exports-${Env}`).
    return ownName !== undefined && nameText(target) === ownName;
  });
  let unknown: IacValue | undefined;
  for (const p of policies) {
    const document = followReference(index, p.format, lookupOne(p.props, spec.document));
    if (!document) continue;
    if (document.kind === 'unresolved' || document.kind === 'reference') {
      unknown ??= document;
      continue;
    }
    if (deniesInsecureTransport(document)) return [];
  }
  if (unknown) return [unverifiable(ctx, { state: 'value', path: spec.document, value: unknown })];
  return [violation(ctx, 'unset', at(resource))];
}

/** A document given as a reference (a Terraform aws_iam_policy_document) is that resource's body. */
function followReference(index: ResourceIndex, format: string, value: IacValue | undefined): IacValue | undefined {
  if (value?.kind !== 'reference') return value;
  return index.get(format, value.target)?.props ?? value;
}

/** IAM JSON (`Statement[].Condition.Bool`) and Terraform's policy-document blocks (`statement { condition {…} }`). */
function deniesInsecureTransport(document: IacValue): boolean {
  const statements = [...lookupAll(document, 'Statement.*'), ...lookupAll(document, 'statement.*')];
  return statements.some((s) => {
    if (s.state !== 'value') return false;
    const effect = scalarOf(lookupOne(s.value, 'Effect') ?? lookupOne(s.value, 'effect'));
    if (effect !== 'deny') return false;
    const iam = lookupOne(s.value, 'Condition.Bool');
    if (iam?.kind === 'object' && iam.entries.some((e) => e.key === 'aws:SecureTransport' && isFalse(e.value))) return true;
    return lookupAll(s.value, 'condition.*').some((c) => {
      if (c.state !== 'value') return false;
      const test = scalarOf(lookupOne(c.value, 'test'));
      const variable = scalarOf(lookupOne(c.value, 'variable'));
      const values = lookupAll(c.value, 'values.*');
      return test === 'bool' && variable === 'aws:securetransport' && values.some((v) => v.state === 'value' && isFalse(v.value));
    });
  });
}

function isFalse(value: IacValue): boolean {
  if (value.kind === 'array') return value.items.some(isFalse);
  return scalarOf(value) === 'false';
}

// ---------------------------------------------------------------------------------------------
// log-group: Lambda writes to /aws/lambda/<name>; if the stack does not declare that group,
// Lambda creates it on first invocation with no retention (kept forever).

function checkLogGroup(ctx: CheckContext): FileDetection[] {
  const { matcher: m, resource, index } = ctx;
  const spec = m.logGroup!;
  const groupTypes = typesOf(spec);
  if (spec.retention) {
    const retention = lookupOne(resource.props, spec.retention);
    if (retention) return checkDays(ctx, [{ state: 'value', path: spec.retention, value: retention }]);
  }
  if (spec.ref) {
    const ref = lookupOne(resource.props, spec.ref);
    if (ref?.kind === 'reference') {
      if (index.get(resource.format, ref.target)) return [];
      return [unverifiable(ctx, { state: 'value', path: spec.ref, value: ref }, 'log group declared outside this scan')];
    }
    if (ref) {
      const wanted = nameText(ref);
      const found = index.ofTypes(resource.format, groupTypes, resource.file).some((g) => nameText(lookupOne(g.props, spec.name)) === wanted);
      if (found) return [];
      return [unverifiable(ctx, { state: 'value', path: spec.ref, value: ref }, 'log group declared outside this scan')];
    }
  }
  const prefix = spec.prefix ?? '/aws/lambda/';
  const fnName = spec.functionName ? nameText(lookupOne(resource.props, spec.functionName)) : undefined;
  const own = new RegExp(`\\$\\{\\s*${escapeRegExp(resource.id)}(?:[.}\\s])`);
  const linked = index.ofTypes(resource.format, groupTypes, resource.file).some((g) => {
    const name = nameText(lookupOne(g.props, spec.name));
    if (!name?.startsWith(prefix)) return false;
    const rest = name.slice(prefix.length);
    return (fnName !== undefined && rest === fnName) || own.test(rest);
  });
  if (linked) return [];
  return [violation(ctx, 'never', at(resource), { value: 'the implicit log group' })];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// messages

const DEFAULT_MESSAGES: Record<string, Partial<Record<MessageKey, string>>> = {
  'require-encryption': {
    off: '{resource} is not encrypted at rest: {path} is {value} — set {fix}',
    unset: '{resource} is not encrypted at rest: {path} is not set ({default}) — set {fix}',
    undeclared: '{resource} does not declare its encryption at rest ({path} is not set; the policy requires explicit encryption) — set {fix}',
    noCmk: '{resource} is tagged DataClassification=restricted but {reason}: restricted data needs a customer-managed KMS key — set {kmsKey}',
  },
  'require-tls': {
    off: '{resource} does not enforce TLS: {path} is {value} — set {fix}',
    unset: '{resource} does not enforce TLS: {path} is not set ({default}) — set {fix}',
  },
  'require-log-retention': {
    never: '{resource} keeps logs forever ({path} {value}) — set {fix}',
    outOfRange: '{resource} keeps logs for {days} ({detail}), outside the policy range of {min}–{max} days — set {fix}',
  },
  'require-backup': {
    off: '{resource} has no {what}: {path} is {value} — set {fix}',
    unset: '{resource} has no {what}: {path} is not set ({default}) — set {fix}',
    disabled: '{resource} has {what} turned off ({path}: {value}) — set {fix}',
    outOfRange: '{resource} keeps backups for {days} ({detail}), below the policy minimum of {min} days — set {fix}',
  },
};
const UNVERIFIABLE = '{resource}: cannot verify {what} — {path} is {value} ({reason}); make it a literal or add an exception';

function template(ctx: CheckContext, key: MessageKey): string {
  return ctx.req.messages?.[key] ?? DEFAULT_MESSAGES[ctx.req.rule]?.[key] ?? '{resource}: {what} does not meet the policy ({path}) — set {fix}';
}

function render(ctx: CheckContext, key: MessageKey, vars: Record<string, string>): string {
  const { req, matcher, policy, resource } = ctx;
  const path = (matcher.path ?? matcher.logGroup?.retention ?? matcher.policy?.document ?? '').replace(/\.\*/g, '[]');
  const base: Record<string, string> = {
    resource: `${req.resource} '${resource.id}'`,
    what: req.what,
    path,
    fix: (matcher.fix ?? path).replaceAll('{min}', String(policy.retention.minDays)).replaceAll('{max}', String(policy.retention.maxDays)).replaceAll('{backupMin}', String(policy.backup.minDays)),
    default: `AWS default: ${lowerFirst(req.awsDefault.behaviour)}`,
    kmsKey: matcher.kmsKey ?? '',
    min: String(req.rule === 'require-backup' ? policy.backup.minDays : policy.retention.minDays),
    max: String(policy.retention.maxDays),
    value: '',
    reason: '',
    days: '',
    detail: '',
  };
  const all = { ...base, ...vars };
  return (key === 'unverifiable' ? (req.messages?.unverifiable ?? UNVERIFIABLE) : template(ctx, key)).replace(/\{(\w+)\}/g, (whole, name: string) => all[name] ?? whole);
}

function lowerFirst(text: string): string {
  return text.replace(/\.$/, '').replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
}

function violation(ctx: CheckContext, key: MessageKey, where: Location, vars: Record<string, string> = {}): FileDetection {
  return {
    ruleId: ctx.req.rule,
    file: where.file,
    range: where.range,
    kind: 'violation',
    message: render(ctx, key, vars),
    fingerprintKey: `${ctx.req.id}:${ctx.resource.id}:${key}`,
    data: { requirement: ctx.req.id, resourceType: ctx.resource.type, resource: ctx.resource.id },
  };
}

function unverifiable(ctx: CheckContext, lookup: Lookup, reason?: string): FileDetection {
  const value = lookup.state === 'value' ? lookup.value : undefined;
  return {
    ruleId: ctx.req.rule,
    ...(value ? at(value) : at(ctx.resource)),
    kind: 'unverifiable',
    severity: 'warning',
    message: render(ctx, 'unverifiable', {
      path: lookup.path,
      value: value ? display(value) : 'not set',
      reason: reason ?? (value?.kind === 'unresolved' ? value.reason : value?.kind === 'reference' ? 'a reference to another resource' : 'not a literal'),
    }),
    fingerprintKey: `${ctx.req.id}:${ctx.resource.id}:unverifiable`,
    data: { requirement: ctx.req.id, resourceType: ctx.resource.type, resource: ctx.resource.id },
  };
}

interface Location {
  file: string;
  range: Range;
}

/** Where a finding points: the value's own file (shared props may live elsewhere), else the resource. */
function at(located: Location): Location {
  return { file: located.file, range: located.range };
}

/** A missing property is reported at the matcher's `at` property when there is one, else the resource. */
function unsetAt(ctx: CheckContext): Location {
  const pointer = ctx.matcher.at ? lookupOne(ctx.resource.props, ctx.matcher.at) : undefined;
  return pointer ? at(pointer) : at(ctx.resource);
}

function lookupAt(lookup: Lookup, resource: IacResource, ctx?: CheckContext): Location {
  if (lookup.state === 'value') return at(lookup.value);
  return ctx ? unsetAt(ctx) : at(resource);
}

function valueText(lookup: Lookup): string {
  return lookup.state === 'value' ? display(lookup.value) : 'not set';
}
