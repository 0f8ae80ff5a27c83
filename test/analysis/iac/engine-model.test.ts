import { describe, expect, it } from 'vitest';
import { evaluateResources } from '../../../src/analysis/iac/engine.js';
import type { IacEntry, IacResource, IacValue } from '../../../src/analysis/iac/model.js';
import { loadPolicy } from '../../../src/policy/load.js';

/**
 * The engine over hand-built resources: it depends on the model only, so the same checks hold
 * for every reader. Ranges are synthetic ([n, n+1]) so each assertion names the value it expects.
 */
const FILE = '/repo/main.tf';
let next = 0;
const at = () => ({ file: FILE, range: [next, ++next] as const });
const lit = (value: string | number | boolean): IacValue => ({ ...at(), kind: 'literal', value });
const ref = (target: string, attribute?: string): IacValue => ({ ...at(), kind: 'reference', target, attribute, text: target });
const unresolved = (text: string, reason: string): IacValue => ({ ...at(), kind: 'unresolved', text, reason });
const arr = (...items: IacValue[]): IacValue => ({ ...at(), kind: 'array', items });
const obj = (entries: Record<string, IacValue>): IacValue => ({
  ...at(),
  kind: 'object',
  entries: Object.entries(entries).map(([key, value]): IacEntry => ({ key, keyRange: [0, 0], value })),
});
const resource = (format: IacResource['format'], type: string, id: string, props?: IacValue, tags?: Record<string, string>): IacResource => ({
  format,
  type,
  id,
  file: FILE,
  range: [1000, 1001],
  ...(props ? { props } : {}),
  ...(tags ? { tags } : {}),
});

const base = loadPolicy({ noConfigFile: true });
const explicit = { ...base, encryption: 'explicit' as const };
const run = (resources: IacResource[], policy = base) =>
  evaluateResources(resources, policy).map((d) => ({ rule: d.ruleId, requirement: d.data?.requirement, kind: d.kind, range: d.range }));

describe('engine over the model', () => {
  it('treats a key missing next to an unreadable spread as unknown (unverifiable), not unset', () => {
    const spread = unresolved('...sharedProps', 'spread of a value datagate cannot read');
    const props: IacValue = { ...at(), kind: 'object', entries: [{ key: '...', keyRange: [0, 0], value: spread }] };
    const found = run([resource('cloudformation', 'AWS::RDS::DBCluster', 'Db', props)]);
    expect(found.filter((f) => f.rule === 'require-encryption')).toEqual([
      { rule: 'require-encryption', requirement: 'rds-cluster-storage-encrypted', kind: 'unverifiable', range: spread.range },
    ]);
  });

  it('reports one finding when every element of a list misses the property', () => {
    const replicas = arr(obj({ Region: lit('eu-west-1') }), obj({ Region: lit('eu-central-1') }));
    const found = run([resource('cloudformation', 'AWS::DynamoDB::GlobalTable', 'Global', obj({ Replicas: replicas }))]);
    expect(found).toEqual([{ rule: 'require-backup', requirement: 'dynamodb-table-pitr', kind: 'violation', range: [1000, 1001] }]);
  });

  it('requires declarations and customer-managed keys only under encryption: explicit', () => {
    const awsManaged = lit('alias/aws/sqs');
    const queues = [
      resource('cloudformation', 'AWS::SQS::Queue', 'Plain', obj({})),
      resource('cloudformation', 'AWS::SQS::Queue', 'RestrictedAwsKey', obj({ KmsMasterKeyId: awsManaged }), { DataClassification: 'Restricted' }),
      resource('cloudformation', 'AWS::SQS::Queue', 'RestrictedCmk', obj({ KmsMasterKeyId: ref('QueueKey', 'Arn') }), { DataClassification: 'restricted' }),
      resource('cloudformation', 'AWS::SQS::Queue', 'Internal', obj({ KmsMasterKeyId: awsManaged }), { DataClassification: 'internal' }),
    ];
    expect(run(queues)).toEqual([]);
    expect(run(queues, explicit)).toEqual([
      { rule: 'require-encryption', requirement: 'sqs-queue-encryption', kind: 'violation', range: [1000, 1001] },
      { rule: 'require-encryption', requirement: 'sqs-queue-encryption', kind: 'violation', range: awsManaged.range },
    ]);
  });

  it('reports a bucket policy document it cannot read as unverifiable', () => {
    const document = unresolved('${file(policy.json)}', 'a file included at deploy time');
    const found = run([
      resource('cloudformation', 'AWS::S3::Bucket', 'Exports', obj({})),
      resource('cloudformation', 'AWS::S3::BucketPolicy', 'ExportsPolicy', obj({ Bucket: ref('Exports'), PolicyDocument: document })),
    ]);
    expect(found).toEqual([{ rule: 'require-tls', requirement: 's3-bucket-secure-transport', kind: 'unverifiable', range: document.range }]);
  });

  it('links a Terraform-style bucket policy through a referenced policy document resource', () => {
    const deny = obj({
      statement: arr(
        obj({
          effect: lit('Deny'),
          condition: arr(obj({ test: lit('Bool'), variable: lit('aws:SecureTransport'), values: arr(lit('false')) })),
        }),
      ),
    });
    const resources = [
      resource('terraform', 'aws_s3_bucket', 'aws_s3_bucket.exports', obj({ bucket: lit('clicki-exports') })),
      resource('terraform', 'aws_s3_bucket_policy', 'aws_s3_bucket_policy.exports', obj({ bucket: ref('aws_s3_bucket.exports', 'id'), policy: ref('data.aws_iam_policy_document.tls') })),
      resource('terraform', 'data.aws_iam_policy_document', 'data.aws_iam_policy_document.tls', deny),
    ];
    expect(run(resources).filter((f) => f.rule === 'require-tls')).toEqual([]);
  });

  it('passes a table without PITR that a backup plan keeps long enough, and not one kept too briefly', () => {
    const plan = (days: number) =>
      obj({ BackupPlan: obj({ BackupPlanRule: arr(obj({ RuleName: lit('daily'), Lifecycle: obj({ DeleteAfterDays: lit(days) }) })) }) });
    const selection = (planId: string) =>
      obj({ BackupPlanId: ref(planId, 'BackupPlanId'), BackupSelection: obj({ Resources: arr(unresolved('arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Audit}', 'Fn::Sub')) }) });
    const kept = [
      resource('cloudformation', 'AWS::DynamoDB::Table', 'Audit', obj({})),
      resource('cloudformation', 'AWS::Backup::BackupPlan', 'Plan', plan(35)),
      resource('cloudformation', 'AWS::Backup::BackupSelection', 'Selection', selection('Plan')),
    ];
    expect(run(kept)).toEqual([]);
    const brief = [kept[0]!, resource('cloudformation', 'AWS::Backup::BackupPlan', 'Plan', plan(5)), kept[2]!];
    expect(run(brief).map((f) => f.requirement)).toEqual(['dynamodb-table-pitr', 'backup-plan-retention']);
  });

  it('applies a requirement only to the formats it has a section for', () => {
    // The Lambda TLS-verification requirement has no cdk section: the code-level check covers CDK source.
    const env = obj({ environment: obj({ NODE_TLS_REJECT_UNAUTHORIZED: lit('0') }) });
    expect(run([resource('cdk', 'lambda.Function', 'Fn', env)]).filter((f) => f.requirement === 'lambda-tls-verification')).toEqual([]);
  });

  it('skips rules that are off', () => {
    const policy = { ...base, rules: { ...base.rules, 'require-backup': 'off' as const } };
    expect(run([resource('cloudformation', 'AWS::DynamoDB::Table', 'T', obj({}))], policy)).toEqual([]);
  });
});
