/**
 * Which imports are the AWS CDK, and which service module each one is. A construct's type is
 * `<service>.<Class>` after the module it comes from: `aws-cdk-lib/aws-s3` → `s3.Bucket`,
 * `aws-cdk-lib/aws-lambda-nodejs` → `lambda-nodejs.NodejsFunction`, L1 `s3.CfnBucket`; core
 * classes are `core.<Class>` (`core.Duration`), and `constructs` is the Construct base class.
 * CDK v1 packages (`@aws-cdk/aws-s3`) read the same way.
 */
export interface CdkModule {
  /** Service name ('s3', 'lambda-nodejs', 'core', 'constructs'); undefined for the aws-cdk-lib root. */
  service: string | undefined;
}

export function cdkModuleOf(specifier: string): CdkModule | undefined {
  if (specifier === 'aws-cdk-lib') return { service: undefined };
  if (specifier === 'constructs') return { service: 'constructs' };
  const m = /^(?:aws-cdk-lib|@aws-cdk)\/(.+)$/.exec(specifier);
  if (!m) return undefined;
  const sub = m[1]!;
  if (sub === 'core') return { service: 'core' };
  return { service: sub.startsWith('aws-') ? sub.slice(4) : sub };
}

/** `cdk.aws_s3` (a member of the aws-cdk-lib root) → 's3'; anything else on the root is core. */
export function serviceOfRootMember(name: string): string {
  return name.startsWith('aws_') ? name.slice(4).replace(/_/g, '-') : 'core';
}

/** Core classes a construct tree is rooted at: ids below them are not prefixed. */
export const SCOPE_ROOTS = new Set(['Stack', 'NestedStack', 'Stage', 'App']);

/** Services whose classes are not AWS resources (the construct base, core building blocks). */
export function isResourceService(service: string | undefined): service is string {
  return service !== undefined && service !== 'core' && service !== 'constructs';
}

/** Durations are read as a number of days: backup retention and lifecycle rules are in days. */
export const DURATION_DAYS: Record<string, number> = {
  days: 1,
  hours: 1 / 24,
  minutes: 1 / (24 * 60),
  seconds: 1 / (24 * 3600),
  millis: 1 / (24 * 3600 * 1000),
};
