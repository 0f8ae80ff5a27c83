import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/require-log-retention.js';

const tester = new RuleTester();
const STACK = '/srv/referrals-infra/lib/api-stack.ts';

const stack = (body: string) => `import { Stack, StackProps } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const apiLogs = new LogGroup(this, 'ApiLogs', { retention: RetentionDays.TWO_WEEKS });
${body}
  }
}
`;

tester.run('require-log-retention', rule, {
  valid: [
    {
      name: 'functions with their own log group or a logRetention in range',
      filename: STACK,
      code: stack(`    new NodejsFunction(this, 'ReferralsApi', { entry: 'src/api.ts', runtime: Runtime.NODEJS_20_X, logGroup: apiLogs });
    new NodejsFunction(this, 'Webhooks', { entry: 'src/hooks.ts', runtime: Runtime.NODEJS_20_X, logRetention: RetentionDays.ONE_MONTH });`),
    },
  ],
  invalid: [
    {
      name: "a function with no log group, a group kept a year, and CDK's 731-day default",
      filename: STACK,
      code: stack(`    new NodejsFunction(this, 'PayoutWorker', { entry: 'src/payouts.ts', runtime: Runtime.NODEJS_20_X });
    new LogGroup(this, 'AuditTrail', { retention: RetentionDays.ONE_YEAR });
    new LogGroup(this, 'DebugLogs');`),
      errors: [
        {
          messageId: 'finding',
          data: {
            message:
              "Lambda function 'PayoutWorker' has no log group of its own: Lambda creates /aws/lambda/<function name> on first invocation and keeps its logs forever — logGroup: new logs.LogGroup(this, '<Fn>Logs', { retention: logs.RetentionDays.ONE_MONTH })",
          },
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Add logGroup: new LogGroup(this, 'PayoutWorkerLogs', { retention: RetentionDays.ONE_MONTH })" },
              output: stack(`    new NodejsFunction(this, 'PayoutWorker', { entry: 'src/payouts.ts', runtime: Runtime.NODEJS_20_X, logGroup: new LogGroup(this, 'PayoutWorkerLogs', { retention: RetentionDays.ONE_MONTH }) });
    new LogGroup(this, 'AuditTrail', { retention: RetentionDays.ONE_YEAR });
    new LogGroup(this, 'DebugLogs');`),
            },
          ],
        },
        {
          messageId: 'finding',
          data: {
            message:
              "CloudWatch log group 'AuditTrail' keeps logs for 365 days (retention: 'RetentionDays.ONE_YEAR'), outside the policy range of 7–30 days — set retention: logs.RetentionDays.ONE_MONTH (a value from 7 to 30 days)",
          },
          line: 12,
          column: 51,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Set it to RetentionDays.ONE_MONTH' },
              output: stack(`    new NodejsFunction(this, 'PayoutWorker', { entry: 'src/payouts.ts', runtime: Runtime.NODEJS_20_X });
    new LogGroup(this, 'AuditTrail', { retention: RetentionDays.ONE_MONTH });
    new LogGroup(this, 'DebugLogs');`),
            },
          ],
        },
        {
          messageId: 'finding',
          data: {
            message:
              "CloudWatch log group 'DebugLogs' keeps logs for 731 days (retention not set), outside the policy range of 7–30 days — set retention: logs.RetentionDays.ONE_MONTH (a value from 7 to 30 days)",
          },
          line: 13,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Add retention: RetentionDays.ONE_MONTH' },
              output: stack(`    new NodejsFunction(this, 'PayoutWorker', { entry: 'src/payouts.ts', runtime: Runtime.NODEJS_20_X });
    new LogGroup(this, 'AuditTrail', { retention: RetentionDays.ONE_YEAR });
    new LogGroup(this, 'DebugLogs', { retention: RetentionDays.ONE_MONTH });`),
            },
          ],
        },
      ],
    },
    {
      name: 'the namespace alias the file imported is used, and an import is added when missing',
      filename: STACK,
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class WorkerStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Sync', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist') });
  }
}`,
      errors: [
        {
          messageId: 'finding',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: "Add logGroup: new cdk.aws_logs.LogGroup(this, 'SyncLogs', { retention: cdk.aws_logs.RetentionDays.ONE_MONTH })" },
              output: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class WorkerStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Sync', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist'), logGroup: new cdk.aws_logs.LogGroup(this, 'SyncLogs', { retention: cdk.aws_logs.RetentionDays.ONE_MONTH }) });
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
