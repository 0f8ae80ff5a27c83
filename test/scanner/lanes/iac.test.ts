import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { iacLane } from '../../../src/scanner/lanes/iac.js';
import { scan } from '../../../src/scanner/scan.js';
import { makeTree } from '../../helpers/tmp.js';

const trees: Array<{ cleanup(): void }> = [];
afterEach(() => trees.splice(0).forEach((t) => t.cleanup()));

const files = {
  'infra/stack.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Retention:
    Type: Number
Resources:
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
  Reports:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      BackupRetentionPeriod: 14
`,
  'infra/stream.json': `{
  "Resources": {
    "Clicks": { "Type": "AWS::Kinesis::Stream", "Properties": { "ShardCount": 1 } }
  }
}
`,
  'services/hooks/serverless.yml': `service: hooks
provider:
  name: aws
  logRetentionInDays: 14
functions:
  stripe:
    handler: dist/stripe.handler
`,
  'k8s/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          resources: { limits: { cpu: 500m } }
`,
  'terraform/logs.tf': `resource "aws_cloudwatch_log_group" "api" {
  name = "/clicki/api"
}
`,
  'cdk/stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export class LogsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new logs.LogGroup(this, 'AuditLogs');
  }
}
`,
};

describe('iac lane', () => {
  it('reads CloudFormation (YAML, JSON), Serverless, Terraform and CDK, and reports through the scan', async () => {
    const t = makeTree(files);
    trees.push(t);
    const result = await scan({ cwd: t.dir, lanes: [iacLane], shippedLanes: false, policy: loadPolicy({ noConfigFile: true }) });
    const rows = result.findings.map((f) => [f.ruleId, f.severity, `${f.file}:${f.line}:${f.column}`]);
    expect(rows).toEqual([
      ['require-log-retention', 'error', 'cdk/stack.ts:8:5'],
      ['require-log-retention', 'warning', 'infra/stack.yaml:9:24'],
      ['require-encryption', 'error', 'infra/stream.json:3:5'],
      ['require-log-retention', 'error', 'terraform/logs.tf:1:1'],
    ]);
    const byFile = (file: string) => result.findings.find((f) => f.file === file)!.message;
    expect(byFile('infra/stack.yaml')).toBe(
      "CloudWatch log group 'AuditLogs': cannot verify log retention — RetentionInDays is ${Retention} (parameter 'Retention'); make it a literal or add an exception",
    );
    expect(byFile('infra/stream.json')).toBe(
      "Kinesis stream 'Clicks' is not encrypted at rest: StreamEncryption.EncryptionType is not set (AWS default: a stream declared in CloudFormation without StreamEncryption is unencrypted) — set StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}",
    );
  });

  it('runs only the rules that are on', async () => {
    const t = makeTree(files);
    trees.push(t);
    const policy = loadPolicy({ noConfigFile: true });
    policy.rules['require-log-retention'] = 'off';
    const result = await scan({ cwd: t.dir, lanes: [iacLane], shippedLanes: false, policy });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['require-encryption']);
  });
});
