import { describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../../../src/analysis/iac/cloudformation/read.js';
import type { IacResource, IacValue } from '../../../../src/analysis/iac/model.js';
import { valueAt } from '../../../../src/analysis/iac/model.js';
import { ScannedFile } from '../../../../src/scanner/scanned-file.js';

function read(relPath: string, text: string): { file: ScannedFile; resources: IacResource[] } {
  const file = new ScannedFile(`/repo/${relPath}`, relPath, text);
  return { file, resources: readCloudFormation(file) };
}

/** A value as plain data, with its source text, for readable assertions. */
function show(value: IacValue | undefined, text: string): unknown {
  if (!value) return undefined;
  const at = text.slice(value.range[0], value.range[1]);
  switch (value.kind) {
    case 'literal':
      return { literal: value.value, at };
    case 'reference':
      return { ref: value.target, attribute: value.attribute, at };
    case 'unresolved':
      return { unresolved: value.text, reason: value.reason, at };
    case 'array':
      return value.items.map((i) => show(i, text));
    case 'object':
      return Object.fromEntries(value.entries.map((e) => [e.key, show(e.value, text)]));
  }
}

const props = (r: IacResource | undefined, path: string, text: string) => show(valueAt(r?.props, path.split('.')), text);

describe('readCloudFormation — intrinsic functions', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Mappings:
  Retention:
    prod: { Days: 30 }
    staging: { Days: 7 }
Resources:
  Key:
    Type: AWS::KMS::Key
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      ShortRef: !Ref Key
      LongRef: { Ref: Key }
      ParamRef: !Ref Env
      Pseudo: !Ref AWS::Region
      GetAttShort: !GetAtt Key.Arn
      GetAttLong: { "Fn::GetAtt": [Key, Arn] }
      SubLiteral: !Sub "/clicki/\${!Literal}/logs"
      SubVars: !Sub ["/aws/lambda/\${Name}", { Name: referrals-api }]
      SubDynamic: !Sub /clicki/\${Env}/\${Key}
      JoinLiteral: !Join ["-", [referrals, api]]
      JoinDynamic: { "Fn::Join": ["", ["/aws/lambda/", { Ref: Key }]] }
      MapFixed: !FindInMap [Retention, prod, Days]
      MapByParam: !FindInMap [Retention, !Ref Env, Days]
      Select: !Select [1, [a, b, c]]
      Split: !Split [",", "x,y"]
      IfSame: !If [IsProd, 14, 14]
      IfDiffers: !If [IsProd, 30, 7]
      Imported: !ImportValue shared-logs-key
      Azs: !GetAZs ""
      Encoded: !Base64 hello
`;
  const { resources } = read('infra/logs.yaml', text);
  const logs = resources.find((r) => r.id === 'Logs');

  it('reads resources with their logical-id ranges', () => {
    expect(resources.map((r) => [r.id, r.type, text.slice(r.range[0], r.range[1])])).toEqual([
      ['Key', 'AWS::KMS::Key', 'Key'],
      ['Logs', 'AWS::Logs::LogGroup', 'Logs'],
    ]);
  });

  it('turns Ref and GetAtt to resources into references, in short and long form', () => {
    expect(props(logs, 'ShortRef', text)).toEqual({ ref: 'Key', attribute: undefined, at: '!Ref Key' });
    expect(props(logs, 'LongRef', text)).toEqual({ ref: 'Key', attribute: undefined, at: '{ Ref: Key }' });
    expect(props(logs, 'GetAttShort', text)).toEqual({ ref: 'Key', attribute: 'Arn', at: '!GetAtt Key.Arn' });
    expect(props(logs, 'GetAttLong', text)).toEqual({ ref: 'Key', attribute: 'Arn', at: '{ "Fn::GetAtt": [Key, Arn] }' });
  });

  it('leaves parameters and pseudo parameters unresolved, with the reason', () => {
    expect(props(logs, 'ParamRef', text)).toEqual({ unresolved: '${Env}', reason: "parameter 'Env'", at: '!Ref Env' });
    expect(props(logs, 'Pseudo', text)).toEqual({ unresolved: '${AWS::Region}', reason: 'pseudo parameter AWS::Region', at: '!Ref AWS::Region' });
  });

  it('computes Sub and Join when every part is known, and keeps Sub-style text otherwise', () => {
    expect(props(logs, 'SubLiteral', text)).toMatchObject({ literal: '/clicki/${Literal}/logs' });
    expect(props(logs, 'SubVars', text)).toMatchObject({ literal: '/aws/lambda/referrals-api' });
    expect(props(logs, 'SubDynamic', text)).toMatchObject({ unresolved: '/clicki/${Env}/${Key}', reason: "Fn::Sub over parameter 'Env'" });
    expect(props(logs, 'JoinLiteral', text)).toMatchObject({ literal: 'referrals-api' });
    expect(props(logs, 'JoinDynamic', text)).toMatchObject({ unresolved: '/aws/lambda/${Key}' });
  });

  it('looks FindInMap up in Mappings when the keys are literal, at the mapping value', () => {
    expect(props(logs, 'MapFixed', text)).toEqual({ literal: 30, at: '30' });
    expect(props(logs, 'MapByParam', text)).toMatchObject({ reason: "Fn::FindInMap keyed by parameter 'Env'" });
  });

  it('computes Select and Split over literals, and If when both branches agree', () => {
    expect(props(logs, 'Select', text)).toMatchObject({ literal: 'b' });
    expect(props(logs, 'Split', text)).toEqual([
      { literal: 'x', at: '!Split [",", "x,y"]' },
      { literal: 'y', at: '!Split [",", "x,y"]' },
    ]);
    expect(props(logs, 'IfSame', text)).toMatchObject({ literal: 14 });
    expect(props(logs, 'IfDiffers', text)).toEqual({ unresolved: '!If [IsProd, 30, 7]', reason: "depends on condition 'IsProd'", at: '!If [IsProd, 30, 7]' });
  });

  it('leaves deploy-time functions unresolved', () => {
    expect(props(logs, 'Imported', text)).toMatchObject({ reason: 'Fn::ImportValue is known only at deploy time' });
    expect(props(logs, 'Azs', text)).toMatchObject({ reason: 'Fn::GetAZs is known only at deploy time' });
    expect(props(logs, 'Encoded', text)).toMatchObject({ reason: 'Fn::Base64 is known only at deploy time' });
  });
});

describe('readCloudFormation — template detection', () => {
  it('reads nothing from YAML and JSON that are not templates', () => {
    expect(read('k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources:\n            limits: { cpu: 500m }\n').resources).toEqual([]);
    expect(read('.github/workflows/ci.yml', 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm test }]\n').resources).toEqual([]);
    expect(read('openapi.json', '{"openapi":"3.0.0","info":{"title":"Resources API"},"paths":{}}').resources).toEqual([]);
    expect(read('package.json', '{"name":"x","Resources":{"a":{"b":1}}}').resources).toEqual([]);
  });

  it('reads a JSON template with exact positions', () => {
    const text = `{
  "Resources": {
    "Clicks": {
      "Type": "AWS::Kinesis::Stream",
      "Properties": { "ShardCount": 2, "StreamEncryption": { "EncryptionType": "KMS" } }
    }
  }
}`;
    const { file, resources } = read('infra/stream.json', text);
    expect(resources).toHaveLength(1);
    const r = resources[0]!;
    expect(file.position(r.range[0])).toEqual({ line: 3, column: 5 });
    expect(text.slice(r.range[0], r.range[1])).toBe('"Clicks"');
    const type = valueAt(r.props, ['StreamEncryption', 'EncryptionType'])!;
    expect(file.position(type.range[0])).toEqual({ line: 5, column: 80 });
  });

  it('reads every document of a multi-document YAML file, following anchors and merge keys', () => {
    const text = `Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: &queue
      VisibilityTimeout: 60
      SqsManagedSseEnabled: true
---
Resources:
  B:
    Type: AWS::SQS::Queue
    Properties:
      <<: *queue
      VisibilityTimeout: 120
`;
    const { resources } = read('infra/queues.yaml', text);
    expect(resources.map((r) => r.id)).toEqual(['A', 'B']);
    // Within one document, the alias and the merge key bring the anchored properties along.
    const aliased = `Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: &queue
      VisibilityTimeout: 60
      SqsManagedSseEnabled: true
  B:
    Type: AWS::SQS::Queue
    Properties:
      <<: *queue
      VisibilityTimeout: 120
`;
    const b = read('infra/queues.yaml', aliased).resources.find((r) => r.id === 'B');
    expect(props(b, 'SqsManagedSseEnabled', aliased)).toMatchObject({ literal: true });
    expect(props(b, 'VisibilityTimeout', aliased)).toMatchObject({ literal: 120 });
  });

  it('reads literal tags from Tags lists and maps', () => {
    const text = `Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      Tags:
        - { Key: DataClassification, Value: restricted }
        - { Key: Owner, Value: !Ref Team }
  F:
    Type: AWS::Serverless::Function
    Properties:
      Tags: { DataClassification: confidential }
`;
    const { resources } = read('infra/tags.yaml', text);
    expect(resources.map((r) => r.tags)).toEqual([{ DataClassification: 'restricted' }, { DataClassification: 'confidential' }]);
  });
});

describe('readCloudFormation — AWS SAM', () => {
  it('merges Globals into serverless resources: maps merge, lists append, the resource wins', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Layers: [!Ref SharedLayer]
    Environment:
      Variables:
        STAGE: prod
        NODE_TLS_REJECT_UNAUTHORIZED: "0"
Resources:
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
      Layers: [!Ref SharedLayer]
      Environment:
        Variables:
          TABLE: referrals
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      Timeout: 5
`;
    const { resources } = read('services/api/template.yaml', text);
    const api = resources.find((r) => r.id === 'Api');
    expect(props(api, 'Timeout', text)).toMatchObject({ literal: 30 });
    expect(props(api, 'Runtime', text)).toMatchObject({ literal: 'nodejs20.x' });
    expect((props(api, 'Layers', text) as unknown[]).length).toBe(2);
    expect(Object.keys(props(api, 'Environment.Variables', text) as object)).toEqual(['STAGE', 'NODE_TLS_REJECT_UNAUTHORIZED', 'TABLE']);
    // Globals apply to serverless resources only.
    expect(props(resources.find((r) => r.id === 'Table'), 'Runtime', text)).toBeUndefined();
  });
});

describe('readCloudFormation — Serverless Framework', () => {
  const text = `service: referral-webhooks
custom:
  retention: 14
provider:
  name: aws
  stage: prod
  logRetentionInDays: \${self:custom.retention}
  environment:
    TABLE: \${self:service}-events
    SECRET_ARN: \${ssm:/clicki/secret-arn}
functions:
  stripe-webhook:
    handler: dist/stripe.handler
  partnerSync:
    handler: dist/partner.handler
    logRetentionInDays: 90
    name: partner-sync-custom
  digest:
    handler: dist/digest.handler
resources:
  Resources:
    DigestLogGroup:
      Properties:
        RetentionInDays: 30
    Events:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: \${self:service}-events
`;
  const { resources } = read('services/webhooks/serverless.yml', text);

  it('gives each function a Lambda function and the log group the framework creates for it', () => {
    expect(resources.map((r) => `${r.type} ${r.id}`)).toEqual([
      'AWS::DynamoDB::Table Events',
      'AWS::Lambda::Function StripeDashwebhookLambdaFunction',
      'Serverless::LogGroup StripeDashwebhookLogGroup',
      'AWS::Lambda::Function PartnerSyncLambdaFunction',
      'Serverless::LogGroup PartnerSyncLogGroup',
      'AWS::Lambda::Function DigestLambdaFunction',
      'Serverless::LogGroup DigestLogGroup',
    ]);
  });

  it('takes retention from the function, the provider (through ${self:}), or a resources override', () => {
    const group = (id: string) => resources.find((r) => r.id === id);
    expect(props(group('StripeDashwebhookLogGroup'), 'logRetentionInDays', text)).toEqual({ literal: 14, at: '${self:custom.retention}' });
    expect(props(group('PartnerSyncLogGroup'), 'logRetentionInDays', text)).toMatchObject({ literal: 90 });
    expect(props(group('DigestLogGroup'), 'logRetentionInDays', text)).toMatchObject({ literal: 30 });
    expect(props(group('PartnerSyncLogGroup'), 'LogGroupName', text)).toMatchObject({ literal: '/aws/lambda/partner-sync-custom' });
    expect(props(group('DigestLogGroup'), 'LogGroupName', text)).toMatchObject({ literal: '/aws/lambda/referral-webhooks-prod-digest' });
  });

  it('resolves ${self:} inside strings and leaves other variable sources unresolved', () => {
    const fn = resources.find((r) => r.id === 'DigestLambdaFunction');
    expect(props(fn, 'Environment.Variables.TABLE', text)).toMatchObject({ literal: 'referral-webhooks-events' });
    expect(props(fn, 'Environment.Variables.SECRET_ARN', text)).toMatchObject({ reason: 'a Serverless Framework variable resolved at deploy time' });
    expect(props(resources[0], 'TableName', text)).toMatchObject({ literal: 'referral-webhooks-events' });
  });

  it('is not confused with a non-AWS serverless.yml or a docker-compose file', () => {
    expect(read('compose.yaml', 'services:\n  api:\n    image: node:20\n').resources).toEqual([]);
  });
});

describe('readCloudFormation — cdk.out', () => {
  it('reads a synthesized template and skips the CDK framework provider functions', () => {
    const text = JSON.stringify(
      {
        Resources: {
          ApiFn1A2B3C4D: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x' }, Metadata: { 'aws:cdk:path': 'Edge/ApiFn/Resource' } },
          LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A: {
            Type: 'AWS::Lambda::Function',
            Properties: { Runtime: 'nodejs20.x' },
            Metadata: { 'aws:cdk:path': 'Edge/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource' },
          },
        },
      },
      null,
      1,
    );
    expect(read('cdk.out/Edge.template.json', text).resources.map((r) => r.id)).toEqual(['ApiFn1A2B3C4D']);
  });
});

describe('readCloudFormation — Serverless Framework plugins', () => {
  it('takes the retention serverless-plugin-log-retention applies from custom.logRetentionInDays', () => {
    const text = `service: referral-digest
plugins:
  - serverless-plugin-log-retention
custom:
  logRetentionInDays: 30
provider:
  name: aws
functions:
  digest:
    handler: dist/digest.handler
`;
    const { resources } = read('services/digest/serverless.yml', text);
    expect(props(resources.find((r) => r.id === 'DigestLogGroup'), 'logRetentionInDays', text)).toEqual({ literal: 30, at: '30' });
  });
});

describe('readCloudFormation — .template files', () => {
  it('reads a *.template file (YAML or JSON) as a template', () => {
    const text = '{ "Resources": { "Scratch": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 10 } } } }';
    expect(read('infra/legacy/bastion.template', text).resources.map((r) => r.id)).toEqual(['Scratch']);
    expect(read('src/email.template', 'Hello {{name}}, Resources: none').resources).toEqual([]);
  });
});
