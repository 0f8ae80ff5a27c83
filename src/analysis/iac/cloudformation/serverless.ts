import type { IacEntry, IacResource, IacValue } from '../model.js';
import type { TemplateScope } from './intrinsics.js';
import { toValue } from './intrinsics.js';
import { rawAt, rawEntry, rawString, type RawNode } from './raw.js';
import { mergeRaw, readTemplate } from './template.js';

/**
 * A Serverless Framework service (`serverless.yml`), read as what it deploys: `resources.Resources`
 * is CloudFormation; each function is an AWS::Lambda::Function with the log group the framework
 * creates for it (type `Serverless::LogGroup`, logical id `<Function>LogGroup`), whose retention is
 * the function's `logRetentionInDays`, else `provider.logRetentionInDays`, else none: never expire.
 * A `resources.Resources` entry with the same logical id overrides the generated group, as the
 * framework merges it. `${self:…}` variables are resolved within the file; other sources
 * (`opt:`, `env:`, `ssm:`, `sls:`, `file(…)`…) are known only at deploy time.
 */
export function isServerlessConfig(root: RawNode, path: string): boolean {
  if (root.kind !== 'map') return false;
  const base = path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
  const provider = rawEntry(root, 'provider')?.value;
  if (/^serverless\.(?:ya?ml|json)$/.test(base)) return rawEntry(root, 'service') !== undefined;
  return rawEntry(root, 'service') !== undefined && rawString(rawEntry(provider, 'name')?.value) === 'aws' && rawEntry(root, 'functions') !== undefined;
}

interface Options {
  file: string;
  text: string;
}

export function readServerless(original: RawNode, options: Options): IacResource[] {
  const root = resolveVariables(original, original);
  const provider = rawEntry(root, 'provider')?.value;
  const service = rawString(rawEntry(root, 'service')?.value) ?? rawString(rawAt(root, ['service', 'name'])) ?? 'service';
  const stageNode = rawEntry(provider, 'stage')?.value;
  const stage = stageNode ? (rawString(stageNode) ?? '${stage}') : 'dev';
  const functions = rawEntry(root, 'functions')?.value;
  const fnEntries = functions?.kind === 'map' ? functions.entries : [];

  const generatedIds = fnEntries.flatMap((f) => [`${logicalName(f.key)}LambdaFunction`, `${logicalName(f.key)}LogGroup`]);
  const template = cloudFormationOf(rawEntry(root, 'resources')?.value);
  const overrides = new Map<string, RawNode>();
  const resources: IacResource[] = [];
  if (template) {
    resources.push(...readTemplate(template, { ...options, extraIds: generatedIds }));
    const declared = rawEntry(template, 'Resources')?.value;
    for (const e of declared?.kind === 'map' ? declared.entries : []) {
      const props = rawEntry(e.value, 'Properties')?.value;
      if (generatedIds.includes(e.key) && props && !rawEntry(e.value, 'Type')) overrides.set(e.key, props);
    }
  }

  const scope: TemplateScope = {
    file: options.file,
    text: options.text,
    resources: new Set([...resources.map((r) => r.id), ...generatedIds]),
    parameters: new Set(),
    mappings: undefined,
  };
  const providerEnv = rawEntry(provider, 'environment')?.value;
  const providerRetention = rawEntry(provider, 'logRetentionInDays')?.value ?? pluginRetention(root);

  for (const f of fnEntries) {
    const base = logicalName(f.key);
    const nameNode = rawEntry(f.value, 'name')?.value;
    const located = (range: readonly [number, number]) => ({ file: options.file, range });
    const fnName: IacValue = nameNode
      ? toValue(nameNode, scope)
      : /\$\{/.test(stage)
        ? { ...located(f.keyRange), kind: 'unresolved', text: `${service}-${stage}-${f.key}`, reason: 'the stage is chosen at deploy time' }
        : { ...located(f.keyRange), kind: 'literal', value: `${service}-${stage}-${f.key}` };
    const fnEnv = rawEntry(f.value, 'environment')?.value;
    const env = providerEnv && fnEnv ? mergeRaw(providerEnv, fnEnv) : (fnEnv ?? providerEnv);
    const entries: IacEntry[] = [{ key: 'FunctionName', keyRange: f.keyRange, value: fnName }];
    if (env) {
      const variables: IacValue = { ...located(env.range), kind: 'object', entries: [{ key: 'Variables', keyRange: env.range, value: toValue(env, scope) }] };
      entries.push({ key: 'Environment', keyRange: env.range, value: variables });
    }
    resources.push({
      format: 'cloudformation',
      type: 'AWS::Lambda::Function',
      id: `${base}LambdaFunction`,
      file: options.file,
      range: f.keyRange,
      props: { ...located(f.value.range), kind: 'object', entries },
    });

    const groupName: IacValue =
      fnName.kind === 'literal'
        ? { ...fnName, value: `/aws/lambda/${String(fnName.value)}` }
        : { ...located(f.keyRange), kind: 'unresolved', text: `/aws/lambda/${fnName.kind === 'unresolved' ? fnName.text : '${?}'}`, reason: 'the function name is known at deploy time' };
    const groupEntries: IacEntry[] = [{ key: 'LogGroupName', keyRange: f.keyRange, value: groupName }];
    const override = rawEntry(overrides.get(`${base}LogGroup`), 'RetentionInDays')?.value;
    const retention = override ?? rawEntry(f.value, 'logRetentionInDays')?.value ?? providerRetention;
    if (retention) groupEntries.push({ key: 'logRetentionInDays', keyRange: retention.range, value: toValue(retention, scope) });
    resources.push({
      format: 'cloudformation',
      type: 'Serverless::LogGroup',
      id: `${base}LogGroup`,
      file: options.file,
      range: f.keyRange,
      props: { ...located(f.value.range), kind: 'object', entries: groupEntries },
    });
  }
  return resources;
}

/** serverless-plugin-log-retention sets `custom.logRetentionInDays` on every function's log group. */
function pluginRetention(root: RawNode): RawNode | undefined {
  // `plugins:` is a list, or `{ localPath, modules: [...] }`.
  const declared = rawEntry(root, 'plugins')?.value;
  const plugins = declared?.kind === 'map' ? rawEntry(declared, 'modules')?.value : declared;
  const list = plugins?.kind === 'seq' ? plugins.items : [];
  if (!list.some((p) => rawString(p) === 'serverless-plugin-log-retention')) return undefined;
  return rawAt(root, ['custom', 'logRetentionInDays']);
}

/** `resources:` is a CloudFormation fragment, or a list of fragments (often `${file(...)}` includes). */
function cloudFormationOf(node: RawNode | undefined): RawNode | undefined {
  if (node?.kind === 'map') return rawEntry(node, 'Resources') ? node : undefined;
  if (node?.kind === 'seq') {
    const maps = node.items.filter((i) => i.kind === 'map' && rawEntry(i, 'Resources'));
    if (maps.length === 0) return undefined;
    const merged = maps.flatMap((m) => {
      const r = rawEntry(m, 'Resources')!.value;
      return r.kind === 'map' ? r.entries : [];
    });
    return { kind: 'map', range: node.range, entries: [{ key: 'Resources', keyRange: node.range, value: { kind: 'map', range: node.range, entries: merged } }] };
  }
  return undefined;
}

/** The framework's logical-id naming: first letter upper-cased, `-` → `Dash`, `_` → `Underscore`. */
function logicalName(key: string): string {
  const normalized = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return normalized.charAt(0).toUpperCase() + normalized.slice(1);
}

const VARIABLE = /\$\{((?:self|opt|env|sls|ssm|file|cf|s3|param|aws|git|strToBool)[:(][^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
const SELF_ONLY = /^\$\{self:([\w.-]+)\}$/;

/** `${self:…}` replaced by the value it names; other variable sources marked as deploy-time values. */
function resolveVariables(node: RawNode, root: RawNode, depth = 0): RawNode {
  if (depth > 32) return node;
  if (node.kind === 'map') return { ...node, entries: node.entries.map((e) => ({ ...e, value: resolveVariables(e.value, root, depth + 1) })) };
  if (node.kind === 'seq') return { ...node, items: node.items.map((i) => resolveVariables(i, root, depth + 1)) };
  if (typeof node.value !== 'string' || !node.value.includes('${')) return node;
  const whole = SELF_ONLY.exec(node.value);
  if (whole) {
    const target = rawAt(root, whole[1]!.split('.'));
    if (target && depth < 32) {
      const resolved = resolveVariables(target, root, depth + 8);
      // The value is defined elsewhere; the finding belongs where it is used.
      return resolved.kind === 'scalar' ? { ...resolved, range: node.range } : resolved;
    }
  }
  let unresolved = false;
  const text = node.value.replace(VARIABLE, (match, inner: string) => {
    const self = /^self:([\w.-]+)$/.exec(inner);
    const target = self ? rawAt(root, self[1]!.split('.')) : undefined;
    if (target?.kind === 'scalar' && target.value !== null && !String(target.value).includes('${')) return String(target.value);
    unresolved = true;
    return match;
  });
  if (!unresolved) return { ...node, value: text };
  return { ...node, value: text, tag: '!ServerlessVariable' };
}
