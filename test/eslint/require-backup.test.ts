import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/require-backup.js';

const tester = new RuleTester();
const STACK = '/srv/referrals-infra/lib/data-stack.ts';

const stack = (body: string) => `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

const referralKey = { name: 'referralId', type: dynamodb.AttributeType.STRING };

/** Every table of the service keeps point-in-time recovery on. */
class ReferralTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: dynamodb.TableProps) {
    super(scope, id, { ...props, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  }
}

export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
${body}
  }
}
`;

tester.run('require-backup', rule, {
  valid: [
    {
      name: 'PITR through a subclass, Aurora and RDS kept at least 7 days',
      filename: STACK,
      code: stack(`    new ReferralTable(this, 'Referrals', { partitionKey: referralKey });
    new rds.DatabaseInstance(this, 'ReportingDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      backupRetention: cdk.Duration.days(14),
    });`),
    },
  ],
  invalid: [
    {
      name: 'a table without PITR and an instance kept 3 days',
      filename: STACK,
      code: stack(`    new dynamodb.Table(this, 'Payouts', {
      partitionKey: referralKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    new rds.DatabaseInstance(this, 'ReportingDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      backupRetention: cdk.Duration.days(3),
    });`),
      errors: [
        {
          messageId: 'finding',
          data: {
            message:
              "DynamoDB table 'Payouts' has no point-in-time recovery: pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled is not set (AWS default: point-in-time recovery is off unless enabled on the table) — set pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }",
          },
          line: 20,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Add pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }' },
              output: stack(`    new dynamodb.Table(this, 'Payouts', {
      partitionKey: referralKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new rds.DatabaseInstance(this, 'ReportingDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      backupRetention: cdk.Duration.days(3),
    });`),
            },
          ],
        },
        {
          messageId: 'finding',
          data: { message: "RDS DB instance 'ReportingDb' keeps backups for 3 days (backupRetention: 3), below the policy minimum of 7 days — set backupRetention: Duration.days(7)" },
          line: 27,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Set it to cdk.Duration.days(7)' },
              output: stack(`    new dynamodb.Table(this, 'Payouts', {
      partitionKey: referralKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    new rds.DatabaseInstance(this, 'ReportingDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      backupRetention: cdk.Duration.days(7),
    });`),
            },
          ],
        },
      ],
    },
  ],
});
