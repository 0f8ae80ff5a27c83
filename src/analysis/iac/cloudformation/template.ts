import type { IacResource } from '../model.js';
import { tagsOf, toValue, type TemplateScope } from './intrinsics.js';
import { rawAt, rawEntry, rawString, type RawEntry, type RawNode } from './raw.js';

/**
 * A CloudFormation template (YAML or JSON, hand-written, SAM, or synthesized into cdk.out) read
 * into resources. SAM's `Globals` are merged into each serverless resource the way SAM does:
 * mappings merge, lists append, scalars on the resource win.
 */
export function isTemplate(root: RawNode | undefined): boolean {
  if (root?.kind !== 'map') return false;
  const resources = rawEntry(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return false;
  const awsTypes = resources.entries.some((e) => /^AWS::/.test(rawString(rawEntry(e.value, 'Type')?.value) ?? ''));
  return awsTypes || rawEntry(root, 'AWSTemplateFormatVersion') !== undefined;
}

export interface ReadOptions {
  file: string;
  text: string;
  /** Extra resources by logical id known to the reader (Serverless Framework's generated ones). */
  extraIds?: readonly string[];
  /** Entries to merge into a resource's Properties before reading (Serverless overrides). */
}

const SAM_GLOBALS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

export function readTemplate(root: RawNode, options: ReadOptions): IacResource[] {
  const resources = rawEntry(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return [];
  const parameters = rawEntry(root, 'Parameters')?.value;
  const scope: TemplateScope = {
    file: options.file,
    text: options.text,
    resources: new Set([...resources.entries.map((e) => e.key), ...(options.extraIds ?? [])]),
    parameters: new Set(parameters?.kind === 'map' ? parameters.entries.map((e) => e.key) : []),
    parameterDefs: parameters,
    mappings: rawEntry(root, 'Mappings')?.value,
  };
  const globals = rawEntry(root, 'Globals')?.value;
  return resources.entries.flatMap((e) => {
    const resource = readResource(e, scope, globals);
    return resource ? [resource] : [];
  });
}

/**
 * Functions the CDK adds to a synthesized template for its own custom resources (log retention,
 * S3 auto-delete, bucket notifications, AwsCustomResource): the app cannot configure them, so
 * they are not the team's resources to report.
 */
const CDK_PROVIDER_PATH = /\/(?:LogRetention[0-9a-f]{32}|AWS[0-9a-f]{32}|BucketNotificationsHandler[0-9a-f]{32}|Custom::[A-Za-z0-9]+CustomResourceProvider)\//;

function readResource(e: RawEntry, scope: TemplateScope, globals: RawNode | undefined): IacResource | undefined {
  const type = rawString(rawEntry(e.value, 'Type')?.value);
  if (!type) return undefined;
  const cdkPath = rawString(rawAt(e.value, ['Metadata', 'aws:cdk:path']));
  if (cdkPath && CDK_PROVIDER_PATH.test(cdkPath)) return undefined;
  let properties = rawEntry(e.value, 'Properties')?.value;
  const section = SAM_GLOBALS[type];
  const global = section ? rawEntry(globals, section)?.value : undefined;
  if (global) properties = properties ? mergeRaw(global, properties) : global;
  const props = properties ? toValue(properties, scope) : undefined;
  const tags = tagsOf(rawEntry(properties, 'Tags')?.value);
  return {
    format: 'cloudformation',
    type,
    id: e.key,
    file: scope.file,
    range: e.keyRange,
    ...(props ? { props } : {}),
    ...(tags ? { tags } : {}),
  };
}

/** SAM's Globals merge: `over` wins for scalars, mappings merge key by key, lists append. */
export function mergeRaw(base: RawNode, over: RawNode): RawNode {
  if (base.kind === 'map' && over.kind === 'map' && !base.tag && !over.tag) {
    const entries = base.entries.map((b) => {
      const o = over.entries.find((x) => x.key === b.key);
      return o ? { ...o, value: mergeRaw(b.value, o.value) } : b;
    });
    for (const o of over.entries) if (!base.entries.some((b) => b.key === o.key)) entries.push(o);
    return { ...over, entries };
  }
  if (base.kind === 'seq' && over.kind === 'seq' && !base.tag && !over.tag) return { ...over, items: [...base.items, ...over.items] };
  return over;
}
