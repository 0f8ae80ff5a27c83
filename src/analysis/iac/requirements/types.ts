import type { IacFormat } from '../model.js';

/**
 * The shape of rules/aws/*.yaml (documented for people in rules/aws/README.md). One file per AWS
 * service; each requirement says what one of the four IaC rules needs from one kind of resource,
 * the AWS default it relies on (dated and sourced), and how each IaC format spells it.
 */
export type IacRuleId = 'require-encryption' | 'require-tls' | 'require-log-retention' | 'require-backup';

export const IAC_RULES: readonly IacRuleId[] = ['require-encryption', 'require-tls', 'require-log-retention', 'require-backup'];

export interface AwsServiceFile {
  service: string;
  requirements: Requirement[];
}

export interface AwsDefault {
  /** What AWS does when the property is not set, in words. */
  behaviour: string;
  /** ISO date since when that is true (or when it was last checked). */
  since: string;
  /** Where it is documented. */
  source: string;
}

export interface Requirement {
  /** Stable id, e.g. `rds-instance-storage-encrypted`; findings carry it in `data.requirement`. */
  id: string;
  rule: IacRuleId;
  /** How messages name the resource kind: "RDS DB instance". */
  resource: string;
  /** What is required, for messages: "encryption at rest", "point-in-time recovery". */
  what: string;
  awsDefault: AwsDefault;
  equivalents?: { cdkNag?: string[]; checkov?: string[] };
  /** Message templates overriding the engine's defaults for this requirement (see README). */
  messages?: Partial<Record<MessageKey, string>>;
  cloudformation?: Matcher | Matcher[];
  cdk?: Matcher | Matcher[];
  terraform?: Matcher | Matcher[];
  /** The requirement applies only when `iac.<option>: true` is configured (e.g. log group KMS). */
  option?: string;
  samples?: Partial<Record<IacFormat, { fail?: Sample[]; pass?: Sample[] }>>;
}

/** A sample is the code (a whole template, a .tf file, a CDK stack) or code with policy overrides. */
export type Sample = string | { code: string; policy?: { encryption?: 'aws-defaults' | 'explicit'; retention?: { minDays: number; maxDays: number }; backup?: { minDays: number }; iac?: Record<string, unknown> } };

export type MessageKey = 'off' | 'unset' | 'undeclared' | 'noCmk' | 'outOfRange' | 'never' | 'disabled' | 'unverifiable';

export type Scalar = string | number | boolean;

/** Restricts a matcher to resources whose properties satisfy every condition. */
export interface Condition {
  path: string;
  /** The value at path is one of these (compared as lower-case strings). */
  in?: Scalar[];
  /** The value at path is none of these (an absent value also satisfies this). */
  notIn?: Scalar[];
  absent?: boolean;
  present?: boolean;
}

/** The per-format part of a requirement: which resources, which property, which values. */
export interface Matcher {
  /** Resource types in this format's vocabulary. */
  type: string | string[];
  check?: 'setting' | 'days' | 'secure-transport-policy' | 'log-group';
  /** Property path, `.`-separated; `*` visits every element of an array. */
  path?: string;
  /**
   * For `*` paths: a missing list, and elements without the key that follows `*`, are not checked
   * (EC2 `BlockDeviceMappings.*.Ebs.Encrypted` checks only the mappings that are EBS volumes).
   */
  optionalItems?: boolean;
  /** For `*` paths: every element must comply (default) or any one is enough. */
  match?: 'every' | 'any';
  /** Values meaning compliant / turned off (compared as lower-case strings). */
  on?: Scalar[];
  off?: Scalar[];
  /**
   * What an unset property means in this format: `on`/`off` for settings; a number of days or
   * `never` for days. Settings default to `off`, days to `never`.
   */
  unset?: 'on' | 'off' | 'never' | number;
  /** The format itself writes the default out (a CDK L2 default): counts as declared. */
  explicitDefault?: boolean;
  /** Property holding a customer-managed KMS key (require-encryption with restricted data). */
  kmsKey?: string;
  /** Values of kmsKey that are AWS-managed keys, not customer-managed (`alias/aws/` always is). */
  awsManagedKeys?: string[];
  when?: Condition[];
  /** Where a finding points when `path` is unset: this property if present (ELB `Protocol`), else the resource. */
  at?: string;
  /** For days: values meaning "never expires" and "turned off" (e.g. 0 backups). */
  never?: Scalar[];
  disabled?: Scalar[];
  /** For days: symbolic values and their number of days (CDK `RetentionDays.ONE_MONTH: 30`). */
  named?: Record<string, number | 'never'>;
  /** The fix, as the user writes it in this format: "StorageEncrypted: true". */
  fix?: string;
  /** secure-transport-policy: the policy resource linked to this one. */
  policy?: {
    type: string | string[];
    /** Property of the policy naming its bucket (a reference, or the literal bucket name). */
    target: string;
    /** Property of the policy holding the policy document (or a reference to one). */
    document: string;
    /** Property of this resource holding its literal name, for policies that name it literally. */
    name?: string;
  };
  /**
   * setting (require-backup): a resource selected by a backup plan that keeps recovery points at
   * least the policy minimum is covered even with the setting off (a table and its backup plan).
   */
  coveredBy?: {
    /** Backup selection type(s). */
    selection: string | string[];
    /** Property of the selection listing the resources it selects (references or ARNs). */
    resources: string;
    /** Property of the selection referring to its plan. */
    plan: string;
    /** Property path of the plan holding each rule's retention in days (unset: kept forever). */
    retention: string;
  };
  /** log-group: how a function finds its log group. */
  logGroup?: {
    type: string | string[];
    /** Property of the log group holding its name. */
    name: string;
    /** Property of the function holding its name (CloudFormation FunctionName). */
    functionName?: string;
    /** Property of the function referring to its log group (LoggingConfig.LogGroup, CDK logGroup). */
    ref?: string;
    /** Property of the function setting its implicit group's retention (CDK logRetention). */
    retention?: string;
    /** Name prefix AWS gives a function's implicit group. */
    prefix?: string;
  };
}
