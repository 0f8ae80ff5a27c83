import { describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../../src/analysis/iac/cloudformation/read.js';
import { evaluateResources } from '../../../src/analysis/iac/engine.js';
import type { IacResource } from '../../../src/analysis/iac/model.js';
import { loadPolicy } from '../../../src/policy/load.js';
import type { Policy } from '../../../src/policy/types.js';
import { ScannedFile } from '../../../src/scanner/scanned-file.js';

const base = loadPolicy({ noConfigFile: true });
const strict = loadPolicy({ configPath: undefined, noConfigFile: true });
strict.encryption = 'explicit';

function findings(text: string, policy: Policy = base) {
  const file = new ScannedFile('/repo/infra/stack.yaml', 'infra/stack.yaml', text);
  const resources: IacResource[] = readCloudFormation(file);
  return evaluateResources(resources, policy).map((d) => {
    const { line, column } = file.position(d.range[0]);
    return { rule: d.ruleId, kind: d.kind, severity: d.severity, at: `${line}:${column}`, text: text.slice(d.range[0], d.range[1]), message: d.message };
  });
}

describe('evaluateResources — require-encryption', () => {
  it('flags an RDS instance left unencrypted at its logical id, and one turned off at the property', () => {
    const text = `Resources:
  ReportingDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      BackupRetentionPeriod: 7
  LegacyDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: false
      BackupRetentionPeriod: 7
`;
    expect(findings(text)).toEqual([
      {
        rule: 'require-encryption',
        kind: 'violation',
        severity: undefined,
        at: '2:3',
        text: 'ReportingDb',
        message:
          "RDS DB instance 'ReportingDb' is not encrypted at rest: StorageEncrypted is not set (AWS default: storage is unencrypted unless StorageEncrypted is true) — set StorageEncrypted: true",
      },
      {
        rule: 'require-encryption',
        kind: 'violation',
        severity: undefined,
        at: '11:25',
        text: 'false',
        message: "RDS DB instance 'LegacyDb' is not encrypted at rest: StorageEncrypted is false — set StorageEncrypted: true",
      },
    ]);
  });

  it('passes S3, DynamoDB and SQS-style defaults under aws-defaults, and asks for declarations under explicit', () => {
    const text = `Resources:
  ExportsBucket:
    Type: AWS::S3::Bucket
  ExportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ExportsBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: !Sub "\${ExportsBucket.Arn}/*"
            Condition: { Bool: { "aws:SecureTransport": "false" } }
`;
    expect(findings(text)).toEqual([]);
    expect(findings(text, strict).map((f) => [f.at, f.message])).toEqual([
      [
        '2:3',
        "S3 bucket 'ExportsBucket' does not declare its encryption at rest (BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm is not set; the policy requires explicit encryption) — set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm: aws:kms",
      ],
    ]);
  });

  it('requires a customer-managed key for DataClassification=restricted under explicit only', () => {
    const text = `Resources:
  PayoutsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
      SSESpecification:
        SSEEnabled: true
      Tags:
        - { Key: DataClassification, Value: restricted }
  PayoutsKeyTable:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref PayoutsKey
      Tags:
        - { Key: DataClassification, Value: restricted }
  PayoutsKey:
    Type: AWS::KMS::Key
`;
    expect(findings(text)).toEqual([]);
    expect(findings(text, strict).map((f) => [f.at, f.message])).toEqual([
      [
        '2:3',
        "DynamoDB table 'PayoutsTable' is tagged DataClassification=restricted but SSESpecification.KMSMasterKeyId is not set: restricted data needs a customer-managed KMS key — set SSESpecification.KMSMasterKeyId",
      ],
    ]);
  });

  it('reports a parameter as unverifiable at warning, pointing at the value', () => {
    const text = `Parameters:
  Encrypt:
    Type: String
    AllowedValues: ["true", "false"]
Resources:
  ReportingDb:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: !Ref Encrypt
      BackupRetentionPeriod: 7
`;
    expect(findings(text)).toEqual([
      {
        rule: 'require-encryption',
        kind: 'unverifiable',
        severity: 'warning',
        at: '9:25',
        text: '!Ref Encrypt',
        message:
          "RDS DB instance 'ReportingDb': cannot verify encryption at rest — StorageEncrypted is ${Encrypt} (parameter 'Encrypt'); make it a literal or add an exception",
      },
    ]);
  });
});

describe('evaluateResources — require-log-retention', () => {
  it('flags never-expire, too long and too short, and passes the range', () => {
    const text = `Resources:
  A:
    Type: AWS::Logs::LogGroup
  B:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 731 }
  C:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 1 }
  D:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 30 }
`;
    expect(findings(text).map((f) => [f.at, f.message])).toEqual([
      ['2:3', "CloudWatch log group 'A' keeps logs forever (RetentionInDays not set) — set RetentionInDays: a value from 7 to 30"],
      ['6:36', "CloudWatch log group 'B' keeps logs for 731 days (RetentionInDays: 731), outside the policy range of 7–30 days — set RetentionInDays: a value from 7 to 30"],
      ['9:36', "CloudWatch log group 'C' keeps logs for 1 day (RetentionInDays: 1), outside the policy range of 7–30 days — set RetentionInDays: a value from 7 to 30"],
    ]);
  });

  it('follows the configured range', () => {
    const text = `Resources:
  Audit:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 365 }
`;
    expect(findings(text, { ...base, retention: { minDays: 90, maxDays: 400 } })).toEqual([]);
  });

  it('links a Lambda function to its log group by name, !Sub of its logical id, or LoggingConfig', () => {
    const text = `Resources:
  Named:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: referrals-api }
  NamedLogs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /aws/lambda/referrals-api, RetentionInDays: 14 }
  Generated:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs20.x }
  GeneratedLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Join ["", ["/aws/lambda/", !Ref Generated]]
      RetentionInDays: 14
  Orphan:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: referrals-orphan }
`;
    expect(findings(text).map((f) => [f.at, f.message])).toEqual([
      [
        '16:3',
        "Lambda function 'Orphan' has no log group of its own: Lambda creates /aws/lambda/<function name> on first invocation and keeps its logs forever — declare an AWS::Logs::LogGroup named /aws/lambda/<function name> with RetentionInDays, or set LoggingConfig.LogGroup to one",
      ],
    ]);
  });
});

describe('evaluateResources — require-backup', () => {
  it('uses the CloudFormation default of 1 day, flags 0 as off and a condition as unverifiable', () => {
    const text = `Conditions:
  IsProd: !Equals [!Ref "AWS::AccountId", "111111111111"]
Resources:
  A:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, StorageEncrypted: true }
  B:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, StorageEncrypted: true, BackupRetentionPeriod: 0 }
  C:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      BackupRetentionPeriod: !If [IsProd, 14, 1]
`;
    expect(findings(text).map((f) => [f.at, f.kind, f.message])).toEqual([
      ['4:3', 'violation', "Aurora DB cluster 'A' keeps backups for 1 day (BackupRetentionPeriod not set), below the policy minimum of 7 days — set BackupRetentionPeriod: 7 or more"],
      ['9:84', 'violation', "RDS DB instance 'B' has automated backups turned off (BackupRetentionPeriod: 0) — set BackupRetentionPeriod: 7 or more"],
      [
        '15:30',
        'unverifiable',
        "RDS DB instance 'C': cannot verify automated backups — BackupRetentionPeriod is !If [IsProd, 14, 1] (depends on condition 'IsProd'); make it a literal or add an exception",
      ],
    ]);
  });
});

describe('evaluateResources — conditions', () => {
  it('decides a Fn::If when every branch gives the same verdict, and reports a split one as unverifiable', () => {
    const text = `Conditions:
  IsProd: !Equals [!Ref "AWS::AccountId", "111111111111"]
  UseCmk: !Equals [!Ref "AWS::Region", eu-west-1]
Resources:
  InRange:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !If [IsProd, 30, 14] }
  TooLong:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !If [IsProd, 365, 90] }
  Split:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !If [IsProd, 30, !Ref "AWS::NoValue"] }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [UseCmk, !Ref QueueKey, !Ref "AWS::NoValue"]
  QueueKey:
    Type: AWS::KMS::Key
`;
    expect(findings(text).map((f) => [f.at, f.kind, f.message])).toEqual([
      [
        '10:36',
        'violation',
        "CloudWatch log group 'TooLong' keeps logs for 365 days (RetentionInDays: !If [IsProd, 365, 90]), outside the policy range of 7–30 days — set RetentionInDays: a value from 7 to 30",
      ],
      [
        '13:36',
        'unverifiable',
        "CloudWatch log group 'Split': cannot verify log retention — RetentionInDays is !If [IsProd, 30, !Ref \"AWS::NoValue\"] (depends on condition 'IsProd'); make it a literal or add an exception",
      ],
    ]);
  });
});

describe('evaluateResources — mappings keyed by a parameter', () => {
  it('decides a FindInMap keyed by the environment from every value the mapping holds', () => {
    const text = `Parameters:
  Env: { Type: String, AllowedValues: [staging, prod] }
Mappings:
  Config:
    staging: { LogDays: 7, BackupDays: 3 }
    prod: { LogDays: 30, BackupDays: 14 }
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !FindInMap [Config, !Ref Env, LogDays] }
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      StorageEncrypted: true
      BackupRetentionPeriod: !FindInMap [Config, !Ref Env, BackupDays]
`;
    expect(findings(text).map((f) => [f.at, f.kind, f.message])).toEqual([
      [
        '15:30',
        'unverifiable',
        "Aurora DB cluster 'Db': cannot verify automated backups — BackupRetentionPeriod is !FindInMap [Config, !Ref Env, BackupDays] (Fn::FindInMap keyed by parameter 'Env'); make it a literal or add an exception",
      ],
    ]);
  });
});

describe('evaluateResources — parameters with AllowedValues', () => {
  it('decides a parameter from its AllowedValues, and reports one without them as unverifiable', () => {
    const text = `Parameters:
  LogDays: { Type: Number, AllowedValues: [7, 14, 30] }
  LongDays: { Type: Number, AllowedValues: [90, 365] }
  AnyDays: { Type: Number, Default: 14 }
Resources:
  InRange:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !Ref LogDays }
  TooLong:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !Ref LongDays }
  Unknown:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: !Ref AnyDays }
`;
    expect(findings(text).map((f) => [f.at, f.kind])).toEqual([
      ['11:36', 'violation'],
      ['14:36', 'unverifiable'],
    ]);
  });
});

