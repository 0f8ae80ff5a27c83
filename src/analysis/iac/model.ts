import type { Range } from '../types.js';

/**
 * The one resource model every IaC format is read into (CDK TypeScript, CloudFormation/SAM/
 * Serverless YAML and JSON, synthesized cdk.out templates, Terraform HCL), so the four IaC rules
 * are written once, over data from rules/aws/.
 *
 * Values keep the range they came from, so a finding points at the offending property, or at the
 * resource when the property is missing. A value the reader cannot resolve statically (a
 * parameter, a condition, a token from another construct) is `unresolved`: the rules report it as
 * unverifiable, never pass it.
 */
interface Located {
  /** Absolute path of the file the value was read from. */
  file: string;
  range: Range;
}

export type IacValue =
  | (Located & { kind: 'literal'; value: string | number | boolean | null })
  | (Located & { kind: 'object'; entries: IacEntry[] })
  | (Located & { kind: 'array'; items: IacValue[] })
  /** A pointer to another resource (CFN Ref/GetAtt, a Terraform address, a CDK construct variable). */
  | (Located & { kind: 'reference'; target: string; attribute?: string; text: string })
  | (Located & {
      kind: 'unresolved';
      text: string;
      reason: string;
      /**
       * The values it can take, when the reader knows them (the branches of a CloudFormation
       * Fn::If; `undefined` = the property is removed, AWS::NoValue). The rules decide when every
       * alternative gives the same verdict, and report unverifiable otherwise.
       */
      alternatives?: Array<IacValue | undefined>;
    });

export interface IacEntry {
  key: string;
  keyRange: Range;
  value: IacValue;
}

export type IacFormat = 'cdk' | 'cloudformation' | 'terraform';

export interface IacResource {
  format: IacFormat;
  /**
   * The type in the format's own vocabulary: 'AWS::S3::Bucket' (CloudFormation, SAM,
   * Serverless, cdk.out), 'aws_s3_bucket' (Terraform), 's3.Bucket' / 'CfnBucket' (CDK).
   */
  type: string;
  /** Logical id, Terraform name or CDK construct id: how other resources refer to this one. */
  id: string;
  /** Absolute path of the file that declares it. */
  file: string;
  /** The declaration (the construct's `new` expression, the resource block, the logical id key). */
  range: Range;
  /** The resource's properties (CloudFormation Properties, Terraform block body, CDK props). */
  props?: IacValue;
  /** Resource tags, when they are literal (DataClassification drives the strict preset). */
  tags?: Record<string, string>;
  /** The CDK class this construct was reached through, when it is a subclass or wrapper. */
  via?: string;
}

export function entry(value: IacValue | undefined, key: string): IacEntry | undefined {
  return value?.kind === 'object' ? value.entries.find((e) => e.key === key) : undefined;
}

/** The value at a property path (['BucketEncryption', 'ServerSideEncryptionConfiguration']). */
export function valueAt(value: IacValue | undefined, path: readonly string[]): IacValue | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind === 'array' && /^\d+$/.test(key)) current = current.items[Number(key)];
    else current = entry(current, key)?.value;
    if (!current) return undefined;
  }
  return current;
}
