import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/require-encryption.js';

const tester = new RuleTester();
const STACK = '/srv/referrals-infra/lib/data-stack.ts';

const stack = (body: string) => `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
${body}
  }
}
`;

tester.run('require-encryption', rule, {
  valid: [
    {
      name: 'S3 and Aurora encrypted; a bucket left to the S3 default (SSE-S3 since 2023-01-05)',
      filename: STACK,
      code: stack(`    new rds.DatabaseCluster(this, 'ReferralsDb', { engine, writer: rds.ClusterInstance.serverlessV2('Writer'), vpc, storageEncrypted: true });
    new rds.DatabaseCluster(this, 'PayoutsDb', { engine, writer: rds.ClusterInstance.serverlessV2('Writer'), vpc, storageEncryptionKey: new kms.Key(this, 'PayoutsKey') });
    new s3.Bucket(this, 'ReferralExports', { enforceSSL: true });`),
    },
  ],
  invalid: [
    {
      name: 'an Aurora cluster without storageEncrypted, and a bucket with encryption turned off',
      filename: STACK,
      code: stack(`    new rds.DatabaseCluster(this, 'ReferralsDb', {
      engine,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
    });
    new s3.Bucket(this, 'Scratch', { encryption: s3.BucketEncryption.UNENCRYPTED, enforceSSL: true });`),
      errors: [
        {
          messageId: 'finding',
          data: {
            message:
              "Aurora DB cluster 'ReferralsDb' is not encrypted at rest: storageEncrypted is not set (AWS default: cluster storage is unencrypted unless StorageEncrypted is true (Aurora Serverless v1 clusters are always encrypted)) — set storageEncrypted: true",
          },
          line: 13,
          column: 5,
          endLine: 17,
          endColumn: 7,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Add storageEncrypted: true' },
              output: stack(`    new rds.DatabaseCluster(this, 'ReferralsDb', {
      engine,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      storageEncrypted: true,
    });
    new s3.Bucket(this, 'Scratch', { encryption: s3.BucketEncryption.UNENCRYPTED, enforceSSL: true });`),
            },
          ],
        },
        {
          messageId: 'finding',
          data: { message: "S3 bucket 'Scratch' is not encrypted at rest: encryption is 'BucketEncryption.UNENCRYPTED' — set encryption: s3.BucketEncryption.KMS" },
          line: 18,
          column: 50,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Set it to s3.BucketEncryption.S3_MANAGED' },
              output: stack(`    new rds.DatabaseCluster(this, 'ReferralsDb', {
      engine,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
    });
    new s3.Bucket(this, 'Scratch', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });`),
            },
          ],
        },
      ],
    },
    {
      name: 'a value the reader cannot resolve is unverifiable, not passed',
      filename: STACK,
      code: stack(`    new rds.DatabaseCluster(this, 'ReferralsDb', { engine, writer: rds.ClusterInstance.serverlessV2('Writer'), vpc, storageEncrypted: this.node.tryGetContext('encrypt') });`),
      errors: [
        {
          messageId: 'finding',
          data: {
            message:
              "Aurora DB cluster 'ReferralsDb': cannot verify encryption at rest — storageEncrypted is this.node.tryGetContext('encrypt') (a call datagate does not evaluate); make it a literal or add an exception",
          },
          line: 13,
          column: 135,
        },
      ],
    },
  ],
});
