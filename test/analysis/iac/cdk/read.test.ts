import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { collapseExpansions, readCdk } from '../../../../src/analysis/iac/cdk/index.js';
import type { IacResource, IacValue } from '../../../../src/analysis/iac/model.js';

/** A value as plain data: literals as themselves, references as `ref:Target.attr`, unknowns as `?text`. */
function plain(v: IacValue | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'literal':
      return v.value;
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'array':
      return v.items.map(plain);
    case 'reference':
      return `ref:${v.target}${v.attribute ? `.${v.attribute}` : ''}`;
    case 'unresolved':
      return `?${v.text}`;
  }
}

function read(files: Record<string, string>, entry = Object.keys(files)[0]!): IacResource[] {
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/app/${name}`, ts.createSourceFile(`/app/${name}`, text, ts.ScriptTarget.Latest, true)]));
  const load = (spec: string, from: string) => {
    const base = new URL(spec, `file://${from}`).pathname.replace(/\.js$/, '');
    return sources.get(`${base}.ts`) ?? sources.get(`${base}/index.ts`);
  };
  void entry;
  return readCdk([...sources.values()], { load });
}

const summary = (rs: IacResource[]) => rs.map((r) => ({ type: r.type, id: r.id, ...(r.via ? { via: r.via } : {}), props: plain(r.props) }));

describe('readCdk', () => {
  it('reads L2 constructs through namespace, named and root-module imports', () => {
    const rs = read({
      'lib/stack.ts': `
import { Stack, aws_sqs as sqs } from 'aws-cdk-lib';
import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
export class DataStack extends Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'Exports', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    new Bucket(this, 'Assets', { encryption: BucketEncryption.UNENCRYPTED });
    new sqs.Queue(this, 'Payouts', { retentionPeriod: cdk.Duration.days(4) });
    new cdk.aws_dynamodb.CfnTable(this, 'Raw', { sseSpecification: { sseEnabled: false } });
  }
}`,
    });
    expect(summary(rs)).toEqual([
      { type: 's3.Bucket', id: 'Exports', props: { encryption: 'BucketEncryption.KMS', enforceSSL: true } },
      { type: 's3.Bucket', id: 'Assets', props: { encryption: 'BucketEncryption.UNENCRYPTED' } },
      { type: 'sqs.Queue', id: 'Payouts', props: { retentionPeriod: 4 } },
      { type: 'dynamodb.CfnTable', id: 'Raw', props: { sseSpecification: { sseEnabled: false } } },
    ]);
  });

  it('resolves shared prop objects, spreads, helpers and conditions from another file', () => {
    const rs = read({
      'bin/app.ts': `
import { App } from 'aws-cdk-lib';
import { ApiStack } from '../lib/api-stack';
const app = new App();
new ApiStack(app, 'Api', { stage: 'prod' });
new ApiStack(app, 'ApiDev', { stage: 'dev' });`,
      'lib/config.ts': `
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
export const LOGS = { prod: RetentionDays.ONE_MONTH, dev: RetentionDays.ONE_WEEK } as const;
export function retentionFor(stage: string) { return stage === 'prod' ? LOGS.prod : LOGS.dev; }`,
      'lib/api-stack.ts': `
import { Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { retentionFor } from './config';
interface ApiProps extends StackProps { stage: 'prod' | 'dev' }
export class ApiStack extends Stack {
  constructor(scope: Stack, id: string, props: ApiProps) {
    super(scope, id, props);
    new logs.LogGroup(this, 'Access', { retention: retentionFor(props.stage) });
  }
}`,
    });
    expect(summary(rs)).toEqual([
      { type: 'logs.LogGroup', id: 'Access', props: { retention: 'RetentionDays.ONE_MONTH' } },
      { type: 'logs.LogGroup', id: 'Access', props: { retention: 'RetentionDays.ONE_WEEK' } },
    ]);
    // The value points where it was written: the shared config file.
    const retention = rs[0]!.props?.kind === 'object' ? rs[0]!.props.entries[0]!.value : undefined;
    expect(retention?.file).toBe('/app/lib/config.ts');
  });

  it('expands wrapper constructs and subclasses at the place they are used', () => {
    const files = {
      'lib/constructs.ts': `
import { Construct } from 'constructs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;
  constructor(scope: Construct, id: string, props: s3.BucketProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', { ...props, enforceSSL: true });
  }
}
export class ReferralTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: dynamodb.TableProps) {
    super(scope, id, { ...props, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  }
}`,
      'lib/stack.ts': `
import { Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket, ReferralTable } from './constructs';
export class DataStack extends Stack {
  constructor(scope: Stack, id: string) {
    super(scope, id);
    const uploads = new SecureBucket(this, 'Uploads', { encryption: s3.BucketEncryption.UNENCRYPTED });
    new ReferralTable(this, 'Referrals', { partitionKey: { name: 'pk', type: 'S' } as never });
    Tags.of(uploads.bucket).add('DataClassification', 'restricted');
  }
}`,
    };
    const rs = read(files);
    expect(summary(rs)).toEqual([
      { type: 's3.Bucket', id: 'Uploads/Bucket', props: { encryption: 'BucketEncryption.UNENCRYPTED', enforceSSL: true } },
      { type: 'dynamodb.Table', id: 'Referrals', via: 'ReferralTable', props: { partitionKey: { name: 'pk', type: 'S' }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } } },
    ]);
    const stack = files['lib/stack.ts'];
    // Props wholly from the caller: the bucket is placed at `new SecureBucket(...)`, where a prop is added.
    expect(rs[0]!.file).toBe('/app/lib/stack.ts');
    expect(stack.slice(rs[0]!.range[0], rs[0]!.range[1])).toMatch(/^new SecureBucket\(this, 'Uploads'/);
    expect(rs[0]!.tags).toEqual({ DataClassification: 'restricted' });
    expect(stack.slice(rs[1]!.range[0], rs[1]!.range[1])).toMatch(/^new ReferralTable\(this, 'Referrals'/);
  });

  it('reads a wrapper on its own with the caller-supplied part unknown', () => {
    const rs = read({
      'lib/secure-bucket.ts': `
import { Construct } from 'constructs';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class SecureBucket extends Construct {
  constructor(scope: Construct, id: string, props: s3.BucketProps) {
    super(scope, id);
    new s3.Bucket(this, 'Bucket', { ...props, enforceSSL: true });
  }
}`,
    });
    // The '...' entry: a key the wrapper does not set is unknown to the engine, not unset.
    expect(summary(rs)).toEqual([{ type: 's3.Bucket', id: 'Bucket', props: { enforceSSL: true, '...': '?props' } }]);
  });

  it('links a function to its log group, reads listeners and marks what it cannot know', () => {
    const rs = read({
      'lib/api.ts': `
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
export class ApiStack extends Stack {
  constructor(scope: Stack, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'ApiLogs', { retention: Number(process.env.LOG_DAYS) });
    new lambda.Function(this, 'Api', { logGroup, runtime: lambda.Runtime.NODEJS_20_X, code: lambda.Code.fromAsset('dist'), handler: 'index.handler' });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443' }) });
  }
}`,
    });
    expect(summary(rs)).toEqual([
      { type: 'logs.LogGroup', id: 'ApiLogs', props: { retention: '?Number(process.env.LOG_DAYS)' } },
      { type: 'lambda.Function', id: 'Api', props: { logGroup: 'ref:ApiLogs', runtime: 'Runtime.NODEJS_20_X', code: 'ref:lambda.Code.fromAsset(\'dist\').imported', handler: 'index.handler' } },
      { type: 'elasticloadbalancingv2.ApplicationLoadBalancer', id: 'Alb', props: { vpc: '?vpc', internetFacing: true } },
      {
        type: 'elasticloadbalancingv2.ApplicationListener',
        id: 'Alb/Http',
        props: { port: 80, defaultAction: { $call: 'ListenerAction.redirect', $args: [{ protocol: 'HTTPS', port: '443' }] } },
      },
    ]);
  });

  it('does not take a reassigned variable at its initial value, nor a non-construct for a resource', () => {
    const rs = read({
      'lib/s.ts': `
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
export class S extends Stack {
  constructor(scope: Stack, id: string) {
    super(scope, id);
    let ssl = false;
    if (this.node.tryGetContext('strict')) ssl = true;
    new s3.Bucket(this, 'Logs', { enforceSSL: ssl });
    const origin = new origins.HttpOrigin('api.clicki.io', { protocolPolicy: 'https-only' as never });
  }
}`,
    });
    expect(summary(rs)).toEqual([{ type: 's3.Bucket', id: 'Logs', props: { enforceSSL: '?ssl' } }]);
  });

  it('keeps one copy of a construct its stages agree on, and both where a rule would see a difference', () => {
    const rs = read({
      'bin/app.ts': `
import { App } from 'aws-cdk-lib';
import { DataStack } from '../lib/data-stack';
const app = new App();
new DataStack(app, 'Staging', { stage: 'staging', days: 7 });
new DataStack(app, 'Prod', { stage: 'prod', days: 30 });`,
      'lib/data-stack.ts': `
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as logs from 'aws-cdk-lib/aws-logs';
export class DataStack extends Stack {
  constructor(scope: Stack, id: string, props: { stage: string; days: number }) {
    super(scope, id);
    new s3.Bucket(this, 'Exports', { bucketName: \`clicki-exports-\${props.stage}\` });
    new logs.CfnLogGroup(this, 'Audit', { retentionInDays: props.days });
  }
}`,
    });
    expect(summary(rs).map((r) => [r.id, r.props])).toEqual([
      ['Exports', { bucketName: 'clicki-exports-staging' }],
      ['Audit', { retentionInDays: 7 }],
      ['Exports', { bucketName: 'clicki-exports-prod' }],
      ['Audit', { retentionInDays: 30 }],
    ]);
    expect(summary(collapseExpansions(rs)).map((r) => [r.id, r.props])).toEqual([
      ['Exports', { bucketName: 'clicki-exports-staging' }],
      ['Audit', { retentionInDays: 7 }],
      ['Audit', { retentionInDays: 30 }],
    ]);
  });

  it('reads one construct per element of a known list, in for-of loops and forEach/map callbacks', () => {
    const rs = read({
      'lib/queues.ts': `
import { Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
const QUEUES = [
  { id: 'PayoutRequests', encryption: sqs.QueueEncryption.SQS_MANAGED },
  { id: 'LegacyImport', encryption: sqs.QueueEncryption.UNENCRYPTED },
];
export class QueueStack extends Stack {
  constructor(scope: Stack, id: string, services: string[]) {
    super(scope, id);
    for (const { id: queueId, encryption } of QUEUES) {
      const name = \`clicki-\${queueId.toLowerCase}\`;
      new sqs.Queue(this, queueId, { encryption, retentionPeriod: Duration.days(4) });
    }
    ['api', 'worker'].forEach((service, i) => new logs.LogGroup(this, \`\${service}Logs\`, { retention: i === 0 ? logs.RetentionDays.ONE_MONTH : logs.RetentionDays.ONE_WEEK }));
    services.map((service) => new logs.LogGroup(this, service, {}));
  }
}`,
    });
    expect(summary(rs).map((r) => [r.type, r.id, r.props])).toEqual([
      ['sqs.Queue', 'PayoutRequests', { encryption: 'QueueEncryption.SQS_MANAGED', retentionPeriod: 4 }],
      ['sqs.Queue', 'LegacyImport', { encryption: 'QueueEncryption.UNENCRYPTED', retentionPeriod: 4 }],
      ['logs.LogGroup', 'apiLogs', { retention: 'RetentionDays.ONE_MONTH' }],
      ['logs.LogGroup', 'workerLogs', { retention: 'RetentionDays.ONE_WEEK' }],
      ['logs.LogGroup', 'service', {}],
    ]);
  });
});
