import type { IacResource, IacValue } from '../model.js';

/**
 * Since AWS provider v4 an S3 bucket's settings are separate resources
 * (aws_s3_bucket_server_side_encryption_configuration, aws_s3_bucket_versioning, …) that name
 * their bucket. Linking copies each one's body into its bucket under the bucket's own (legacy,
 * inline) block name, so one property path in rules/aws/ covers both spellings. The copied values
 * keep their own file and range: a finding about the encryption points at the split resource.
 *
 * aws_s3_bucket_policy is not folded in: the engine links bucket policies itself (the
 * secure-transport check), the same way for CloudFormation and Terraform — so a bucket's legacy
 * inline `policy` argument becomes the bucket policy resource it stands for (inlineBucketPolicies).
 */
const SPLIT_S3: Record<string, string> = {
  aws_s3_bucket_server_side_encryption_configuration: 'server_side_encryption_configuration',
  aws_s3_bucket_versioning: 'versioning',
  aws_s3_bucket_lifecycle_configuration: 'lifecycle_configuration',
  aws_s3_bucket_logging: 'logging',
  aws_s3_bucket_object_lock_configuration: 'object_lock_configuration',
};

/**
 * A Lambda function's name written as a bare expression (`function_name = var.name`) is given
 * Sub-style, `${var.name}`, like the log group name that embeds it ("/aws/lambda/${var.name}"),
 * so the engine can tell the function has its log group even when neither name is known.
 */
export function subStyleFunctionNames(resources: readonly IacResource[]): void {
  for (const fn of resources) {
    if (fn.type !== 'aws_lambda_function' || fn.props?.kind !== 'object') continue;
    const name = fn.props.entries.find((e) => e.key === 'function_name');
    if (name?.value.kind === 'unresolved' && !name.value.text.includes('${')) {
      name.value = { ...name.value, text: `\${${name.value.text}}` };
    }
  }
}

/** Links the split S3 resources of one module to their bucket (in place: the buckets gain entries). */
export function linkSplitResources(resources: readonly IacResource[]): void {
  const buckets = resources.filter((r) => r.type === 'aws_s3_bucket');
  for (const part of resources) {
    const key = SPLIT_S3[part.type];
    if (!key || part.props?.kind !== 'object') continue;
    const bucket = bucketOf(part.props, buckets);
    if (bucket?.props?.kind !== 'object') continue;
    const body: IacValue = { ...part.props, entries: part.props.entries.filter((e) => e.key !== 'bucket' && e.key !== 'expected_bucket_owner') };
    const existing = bucket.props.entries.find((e) => e.key === key);
    // the split resource replaces an inline block of the same name, as it does in Terraform
    if (existing) existing.value = body;
    else bucket.props.entries.push({ key, keyRange: part.range, value: body });
  }
}

/** The bucket a split resource names: `bucket = aws_s3_bucket.data.id` (or `.bucket`), or the bucket's literal name. */
function bucketOf(props: IacValue & { kind: 'object' }, buckets: readonly IacResource[]): IacResource | undefined {
  const target = props.entries.find((e) => e.key === 'bucket')?.value;
  if (target?.kind === 'reference') return buckets.find((b) => b.id === target.target);
  if (target?.kind === 'literal' && typeof target.value === 'string') {
    return buckets.find((b) => {
      const name = b.props?.kind === 'object' ? b.props.entries.find((e) => e.key === 'bucket')?.value : undefined;
      return name?.kind === 'literal' && name.value === target.value;
    });
  }
  return undefined;
}

/**
 * `aws_s3_bucket { policy = … }` (the inline form, deprecated since provider v4 but common in
 * older code) is a bucket policy: given as an aws_s3_bucket_policy of that bucket, at the
 * `policy` argument, so the engine's bucket ↔ policy link sees it.
 */
export function inlineBucketPolicies(resources: readonly IacResource[]): IacResource[] {
  const out: IacResource[] = [];
  for (const bucket of resources) {
    if (bucket.type !== 'aws_s3_bucket' || bucket.props?.kind !== 'object') continue;
    const policy = bucket.props.entries.find((e) => e.key === 'policy');
    if (!policy) continue;
    const target: IacValue = { kind: 'reference', target: bucket.id, attribute: 'id', text: bucket.id, file: bucket.file, range: policy.keyRange };
    out.push({
      format: 'terraform',
      type: 'aws_s3_bucket_policy',
      id: `${bucket.id}#policy`,
      file: bucket.file,
      range: policy.keyRange,
      props: {
        kind: 'object',
        entries: [
          { key: 'bucket', keyRange: policy.keyRange, value: target },
          { key: 'policy', keyRange: policy.keyRange, value: policy.value },
        ],
        file: bucket.file,
        range: policy.keyRange,
      },
    });
  }
  return out;
}
