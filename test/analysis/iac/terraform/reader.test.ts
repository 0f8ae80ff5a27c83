import { describe, expect, it } from 'vitest';
import type { IacResource, IacValue } from '../../../../src/analysis/iac/model.js';
import { valueAt } from '../../../../src/analysis/iac/model.js';
import { readTerraformModules, readTerraformResources } from '../../../../src/analysis/iac/terraform/reader.js';
import { ScannedFile } from '../../../../src/scanner/scanned-file.js';

const ROOT = '/repo/infra';
const file = (rel: string, lines: string[]) => new ScannedFile(`${ROOT}/${rel}`, `infra/${rel}`, lines.join('\n'));

function byId(resources: IacResource[], id: string): IacResource {
  const found = resources.find((r) => r.id === id);
  if (!found) throw new Error(`no resource ${id} in ${resources.map((r) => r.id).join(', ')}`);
  return found;
}

/** A value with its source text, so the assertions pin positions too. */
function show(value: IacValue | undefined, files: ScannedFile[]): unknown {
  if (!value) return undefined;
  const source = files.find((f) => f.path === value.file)!;
  const text = source.text.slice(value.range[0], value.range[1]);
  switch (value.kind) {
    case 'literal':
      return { literal: value.value, at: `${source.relPath}:${source.position(value.range[0]).line}`, text };
    case 'reference':
      return { reference: value.target, attribute: value.attribute, text };
    case 'unresolved':
      return { unresolved: value.text, reason: value.reason };
    case 'object':
      return { object: value.entries.map((e) => e.key) };
    case 'array':
      return { array: value.items.length };
  }
}

const variables = file('variables.tf', [
  'variable "environment" {',
  '  type    = string',
  '  default = "prod"',
  '}',
  '',
  'variable "log_retention_days" {',
  '  type    = number',
  '  default = 14',
  '}',
  '',
  'variable "kms_key_arn" {',
  '  type = string',
  '}',
  '',
  'variable "backup_days" {',
  '  default = 3',
  '}',
  '',
  'locals {',
  '  prefix = "clicki-${var.environment}"',
  '  common_tags = {',
  '    Team               = "referrals"',
  '    DataClassification = "confidential"',
  '  }',
  '  is_prod = var.environment == "prod"',
  '}',
]);
const tfvars = file('terraform.tfvars', ['backup_days = 10', '']);
const main = file('main.tf', [
  'provider "aws" {',
  '  region = "eu-west-1"',
  '  default_tags {',
  '    tags = { ManagedBy = "terraform" }',
  '  }',
  '}',
]);
const s3 = file('s3.tf', [
  'resource "aws_s3_bucket" "exports" {',
  '  bucket = "${local.prefix}-referral-exports"',
  '  tags   = merge(local.common_tags, { DataClassification = "restricted" })',
  '}',
  '',
  'resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {',
  '  bucket = aws_s3_bucket.exports.id',
  '  rule {',
  '    apply_server_side_encryption_by_default {',
  '      sse_algorithm     = "aws:kms"',
  '      kms_master_key_id = var.kms_key_arn',
  '    }',
  '  }',
  '}',
  '',
  'resource "aws_s3_bucket_policy" "exports" {',
  '  bucket = aws_s3_bucket.exports.id',
  '  policy = data.aws_iam_policy_document.exports_tls.json',
  '}',
  '',
  'data "aws_iam_policy_document" "exports_tls" {',
  '  statement {',
  '    sid     = "DenyPlainHttp"',
  '    effect  = "Deny"',
  '    actions = ["s3:*"]',
  '    principals {',
  '      type        = "*"',
  '      identifiers = ["*"]',
  '    }',
  '    resources = [aws_s3_bucket.exports.arn, "${aws_s3_bucket.exports.arn}/*"]',
  '    condition {',
  '      test     = "Bool"',
  '      variable = "aws:SecureTransport"',
  '      values   = ["false"]',
  '    }',
  '  }',
  '}',
  '',
  'resource "aws_s3_bucket" "legacy" {',
  '  bucket = "clicki-legacy"',
  '  count  = local.is_prod ? 0 : 1',
  '}',
  '',
  'resource "aws_s3_bucket_policy" "json" {',
  '  bucket = aws_s3_bucket.exports.id',
  '  policy = jsonencode({',
  '    Version = "2012-10-17"',
  '    Statement = [{',
  '      Effect    = "Deny"',
  '      Principal = "*"',
  '      Action    = "s3:*"',
  '      Condition = { Bool = { "aws:SecureTransport" = "false" } }',
  '    }]',
  '  })',
  '}',
  '',
  'resource "aws_s3_bucket_policy" "heredoc" {',
  '  bucket = aws_s3_bucket.exports.id',
  '  policy = <<-POLICY',
  '    {"Statement": [{"Effect": "Deny", "Resource": "${aws_s3_bucket.exports.arn}/*",',
  '      "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}',
  '    POLICY',
  '}',
]);
const lambda = file('lambda.tf', [
  'resource "aws_lambda_function" "api" {',
  '  function_name = "${local.prefix}-referrals-api"',
  '  runtime       = "nodejs20.x"',
  '}',
  '',
  'resource "aws_cloudwatch_log_group" "api" {',
  '  name              = "/aws/lambda/${aws_lambda_function.api.function_name}"',
  '  retention_in_days = var.log_retention_days',
  '  kms_key_id        = var.kms_key_arn',
  '}',
  '',
  'resource "aws_dynamodb_table" "referrals" {',
  '  name = "referrals"',
  '  attribute {',
  '    name = "pk"',
  '    type = "S"',
  '  }',
  '  attribute {',
  '    name = "sk"',
  '    type = "S"',
  '  }',
  '  point_in_time_recovery { enabled = true }',
  '  dynamic "replica" {',
  '    for_each = var.replica_regions',
  '    content { region_name = replica.value }',
  '  }',
  '}',
  '',
  'resource "aws_db_instance" "main" {',
  '  backup_retention_period = var.backup_days',
  '  storage_encrypted       = local.is_prod ? true : var.encrypt_dev',
  '  multi_az                = each.value.multi_az',
  '}',
]);
const files = [variables, tfvars, main, s3, lambda];

describe('readTerraformModules', () => {
  const { resources, problems } = readTerraformModules(files);

  it('reads every resource block of the module as an IacResource, skipping count = 0', () => {
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.id} ${r.file.slice(ROOT.length + 1)}`)).toEqual([
      'aws_s3_bucket.exports s3.tf',
      'aws_s3_bucket_server_side_encryption_configuration.exports s3.tf',
      'aws_s3_bucket_policy.exports s3.tf',
      'aws_s3_bucket_policy.json s3.tf',
      'aws_s3_bucket_policy.heredoc s3.tf',
      'aws_lambda_function.api lambda.tf',
      'aws_cloudwatch_log_group.api lambda.tf',
      'aws_dynamodb_table.referrals lambda.tf',
      'aws_db_instance.main lambda.tf',
    ]);
    const bucket = byId(resources, 'aws_s3_bucket.exports');
    expect([bucket.format, bucket.type, s3.text.slice(...bucket.range)]).toEqual(['terraform', 'aws_s3_bucket', 'resource "aws_s3_bucket" "exports"']);
  });

  it('resolves locals and variable defaults from other files, at the place they are used', () => {
    const bucket = byId(resources, 'aws_s3_bucket.exports');
    expect(show(valueAt(bucket.props, ['bucket']), files)).toEqual({
      literal: 'clicki-prod-referral-exports',
      at: 'infra/s3.tf:2',
      text: '"${local.prefix}-referral-exports"',
    });
    const group = byId(resources, 'aws_cloudwatch_log_group.api');
    expect(show(valueAt(group.props, ['retention_in_days']), files)).toEqual({ literal: 14, at: 'infra/lambda.tf:8', text: 'var.log_retention_days' });
  });

  it('prefers the directory\'s terraform.tfvars over the default, as Terraform does', () => {
    const db = byId(resources, 'aws_db_instance.main');
    expect(show(valueAt(db.props, ['backup_retention_period']), files)).toEqual({ literal: 10, at: 'infra/lambda.tf:30', text: 'var.backup_days' });
  });

  it('treats a variable that environment var files set differently as unresolved, naming them', () => {
    const prod = file('prod.tfvars', ['log_retention_days = 90']);
    const dev = file('dev.tfvars', ['log_retention_days = 14', 'backup_days = 1']);
    const read = readTerraformModules([variables, main, lambda, prod, dev]);
    const group = byId(read.resources, 'aws_cloudwatch_log_group.api');
    expect(show(valueAt(group.props, ['retention_in_days']), files)).toEqual({
      unresolved: 'var.log_retention_days',
      reason: 'variable "log_retention_days" depends on the var file (the default: 14, prod.tfvars: 90, dev.tfvars: 14)',
    });
    // a -var-file overrides terraform.tfvars too
    const withAuto = readTerraformModules([variables, tfvars, lambda, dev]);
    expect(show(valueAt(byId(withAuto.resources, 'aws_db_instance.main').props, ['backup_retention_period']), files)).toEqual({
      unresolved: 'var.backup_days',
      reason: 'variable "backup_days" depends on the var file (terraform.tfvars: 10, dev.tfvars: 1)',
    });
  });

  it('keeps what is only known at apply time unresolved, with the reason', () => {
    const group = byId(resources, 'aws_cloudwatch_log_group.api');
    expect(show(valueAt(group.props, ['kms_key_id']), files)).toEqual({
      unresolved: 'var.kms_key_arn',
      reason: 'variable "kms_key_arn" has no default: its value comes from outside the module (-var, a tfvars file, the calling module)',
    });
    const db = byId(resources, 'aws_db_instance.main');
    // local.is_prod is true, so the condition picks the literal branch
    expect(show(valueAt(db.props, ['storage_encrypted']), files)).toMatchObject({ literal: true, text: 'local.is_prod ? true : var.encrypt_dev' });
    expect(show(valueAt(db.props, ['multi_az']), files)).toEqual({ unresolved: 'each.value.multi_az', reason: 'each.value differs for each instance of the resource' });
  });

  it('keeps references to other resources, with their target and attribute', () => {
    const policy = byId(resources, 'aws_s3_bucket_policy.exports');
    expect(show(valueAt(policy.props, ['bucket']), files)).toEqual({ reference: 'aws_s3_bucket.exports', attribute: 'id', text: 'aws_s3_bucket.exports.id' });
  });

  it('resolves a resource argument interpolated into a string (a Lambda log group name)', () => {
    const group = byId(resources, 'aws_cloudwatch_log_group.api');
    expect(show(valueAt(group.props, ['name']), files)).toMatchObject({ literal: '/aws/lambda/clicki-prod-referrals-api', at: 'infra/lambda.tf:7' });
  });

  it('renders aws_iam_policy_document as the IAM JSON shape, in the data block\'s positions', () => {
    const policy = byId(resources, 'aws_s3_bucket_policy.exports');
    const statement = valueAt(policy.props, ['policy', 'Statement', '0']);
    expect(show(statement, files)).toEqual({ object: ['Sid', 'Effect', 'Action', 'Principal', 'Resource', 'Condition'] });
    expect(show(valueAt(statement, ['Effect']), files)).toEqual({ literal: 'Deny', at: 'infra/s3.tf:24', text: '"Deny"' });
    expect(show(valueAt(statement, ['Condition', 'Bool', 'aws:SecureTransport', '0']), files)).toEqual({ literal: 'false', at: 'infra/s3.tf:34', text: '"false"' });
    expect(show(valueAt(statement, ['Principal']), files)).toMatchObject({ literal: '*' });
  });

  it('reads jsonencode() and JSON heredoc policies as documents', () => {
    const json = byId(resources, 'aws_s3_bucket_policy.json');
    expect(show(valueAt(json.props, ['policy', 'Statement', '0', 'Condition', 'Bool', 'aws:SecureTransport']), files)).toEqual({ literal: 'false', at: 'infra/s3.tf:52', text: '"false"' });
    const heredoc = byId(resources, 'aws_s3_bucket_policy.heredoc');
    expect(show(valueAt(heredoc.props, ['policy', 'Statement', '0', 'Effect']), files)).toMatchObject({ literal: 'Deny', at: 'infra/s3.tf:59' });
    expect(show(valueAt(heredoc.props, ['policy', 'Statement', '0', 'Resource']), files)).toEqual({
      unresolved: '${aws_s3_bucket.exports.arn}/*',
      reason: 'aws_s3_bucket.exports.arn, which is only known when Terraform applies the plan',
    });
  });

  it('links split S3 resources into their bucket, keeping their own positions', () => {
    const bucket = byId(resources, 'aws_s3_bucket.exports');
    const sse = valueAt(bucket.props, ['server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default', 'sse_algorithm']);
    expect(show(sse, files)).toEqual({ literal: 'aws:kms', at: 'infra/s3.tf:10', text: '"aws:kms"' });
  });

  it('reads nested blocks as objects, repeated blocks as a list, dynamic blocks as unresolved', () => {
    const table = byId(resources, 'aws_dynamodb_table.referrals');
    expect(show(valueAt(table.props, ['point_in_time_recovery', 'enabled']), files)).toMatchObject({ literal: true, at: 'infra/lambda.tf:22' });
    expect(show(valueAt(table.props, ['attribute']), files)).toEqual({ array: 2 });
    expect(show(valueAt(table.props, ['attribute', '1', 'name']), files)).toMatchObject({ literal: 'sk' });
    expect(show(valueAt(table.props, ['replica']), files)).toMatchObject({ reason: '"replica" blocks are generated by a dynamic block from for_each = var.replica_regions' });
  });

  it('collects literal tags, with the provider\'s default_tags', () => {
    expect(byId(resources, 'aws_s3_bucket.exports').tags).toEqual({ ManagedBy: 'terraform', Team: 'referrals', DataClassification: 'restricted' });
    expect(byId(resources, 'aws_lambda_function.api').tags).toEqual({ ManagedBy: 'terraform' });
  });

  it('keeps modules apart: a directory does not see another directory\'s variables', () => {
    const other = new ScannedFile('/repo/infra/modules/queue/main.tf', 'infra/modules/queue/main.tf', 'resource "aws_sqs_queue" "q" {\n  message_retention_seconds = var.log_retention_days\n}\n');
    const read = readTerraformModules([...files, other]);
    const queue = byId(read.resources, 'aws_sqs_queue.q');
    expect(show(valueAt(queue.props, ['message_retention_seconds']), [other])).toEqual({
      unresolved: 'var.log_retention_days',
      reason: 'variable "log_retention_days" is not declared in this module',
    });
  });
});

describe('readTerraformModules: module calls', () => {
  const moduleFile = new ScannedFile(
    `${ROOT}/modules/queue/main.tf`,
    'infra/modules/queue/main.tf',
    [
      'variable "name" {}',
      'variable "kms_key_id" {}',
      'variable "retention_days" {',
      '  default = 14',
      '}',
      'resource "aws_sqs_queue" "this" {',
      '  name              = var.name',
      '  kms_master_key_id = var.kms_key_id',
      '}',
      'resource "aws_cloudwatch_log_group" "consumer" {',
      '  name              = "/workers/${var.name}"',
      '  retention_in_days = var.retention_days',
      '}',
    ].join('\n'),
  );
  const caller = (calls: string[]) => file('queues.tf', ['resource "aws_kms_key" "data" {}', '', ...calls]);

  it('reads a called module\'s variables from the call, evaluated in the caller', () => {
    const root = caller(['module "payouts" {', '  source     = "./modules/queue"', '  name       = "${local.prefix}-payouts"', '  kms_key_id = aws_kms_key.data.arn', '}']);
    const { resources } = readTerraformModules([variables, root, moduleFile]);
    const queue = byId(resources.filter((r) => r.file === moduleFile.path), 'aws_sqs_queue.this');
    expect(show(valueAt(queue.props, ['kms_master_key_id']), [moduleFile])).toEqual({ reference: 'aws_kms_key.data', attribute: 'arn', text: 'var.kms_key_id' });
    expect(show(valueAt(queue.props, ['name']), [moduleFile])).toMatchObject({ literal: 'clicki-prod-payouts', at: 'infra/modules/queue/main.tf:7' });
    const group = byId(resources.filter((r) => r.file === moduleFile.path), 'aws_cloudwatch_log_group.consumer');
    expect(show(valueAt(group.props, ['retention_in_days']), [moduleFile])).toMatchObject({ literal: 14 });
  });

  it('keeps a variable the calls disagree on unresolved, naming the calls', () => {
    const root = caller([
      'module "payouts" {',
      '  source         = "./modules/queue"',
      '  name           = "payouts"',
      '  kms_key_id     = aws_kms_key.data.arn',
      '  retention_days = 90',
      '}',
      'module "invites" {',
      '  source     = "./modules/queue"',
      '  name       = "invites"',
      '  kms_key_id = aws_kms_key.data.arn',
      '}',
    ]);
    const { resources } = readTerraformModules([root, moduleFile]);
    const group = byId(resources.filter((r) => r.file === moduleFile.path), 'aws_cloudwatch_log_group.consumer');
    expect(show(valueAt(group.props, ['retention_in_days']), [moduleFile])).toEqual({
      unresolved: 'var.retention_days',
      reason: 'variable "retention_days" differs between the module\'s calls (module.payouts passes 90; module.invites passes 14)',
    });
    const queue = byId(resources.filter((r) => r.file === moduleFile.path), 'aws_sqs_queue.this');
    expect(show(valueAt(queue.props, ['kms_master_key_id']), [moduleFile])).toMatchObject({ reference: 'aws_kms_key.data' });
  });
});

describe('readTerraformResources', () => {
  it('reads one file on its own', () => {
    const { resources, problems } = readTerraformResources(lambda);
    expect(problems).toEqual([]);
    // without variables.tf the variable cannot be resolved
    expect(show(valueAt(byId(resources, 'aws_cloudwatch_log_group.api').props, ['retention_in_days']), [lambda])).toMatchObject({ unresolved: 'var.log_retention_days' });
  });

  it('reports a parse error at its position and does not judge the broken block', () => {
    const broken = file('broken.tf', [
      'resource "aws_sqs_queue" "jobs" {',
      '  name = "jobs"',
      '}',
      '',
      'resource "aws_ebs_volume" "data" {',
      '  size      = 100',
      '  encrypted = ',
      '}',
    ]);
    const { resources, problems } = readTerraformResources(broken);
    expect(resources.map((r) => r.id)).toEqual(['aws_sqs_queue.jobs']);
    expect(problems).toEqual([
      {
        ruleId: 'parse-error',
        kind: 'parse-error',
        message: 'Cannot parse Terraform file: Expected an expression but found a line break; its resources are not checked',
        range: [broken.text.indexOf('encrypted = ') + 12, broken.text.indexOf('encrypted = ') + 13],
      },
    ]);
    expect(broken.position(problems[0]!.range[0])).toEqual({ line: 7, column: 15 });
  });
});
