import { describe, expect, it } from 'vitest';
import { evaluateResources } from '../../../../src/analysis/iac/engine.js';
import { readTerraformModules } from '../../../../src/analysis/iac/terraform/reader.js';
import { loadPolicy } from '../../../../src/policy/load.js';
import { ScannedFile } from '../../../../src/scanner/scanned-file.js';

/** The Terraform reader and the IaC engine together: what a user sees for a module. */
const policy = loadPolicy({ noConfigFile: true });

function findings(files: Record<string, string>) {
  const scanned = Object.entries(files).map(([name, text]) => new ScannedFile(`/infra/${name}`, name, text));
  const { resources, problems } = readTerraformModules(scanned);
  return [...problems, ...evaluateResources(resources, policy)].map((d) => {
    const file = scanned.find((f) => f.path === d.file)!;
    const { line, column } = file.position(d.range[0]);
    return `${d.ruleId} ${d.kind}${d.severity ? `/${d.severity}` : ''} ${file.relPath}:${line}:${column} ${d.message}`;
  });
}

describe('Terraform modules through the IaC rules', () => {
  it('links a Lambda function to its log group when both names come from the same unknown variable', () => {
    const result = findings({
      'variables.tf': 'variable "function_name" {\n  type = string\n}\n',
      'lambda.tf': [
        'resource "aws_lambda_function" "this" {',
        '  function_name = var.function_name',
        '  runtime       = "nodejs20.x"',
        '}',
        '',
        'resource "aws_cloudwatch_log_group" "this" {',
        '  name              = "/aws/lambda/${var.function_name}"',
        '  retention_in_days = 14',
        '}',
        '',
        'resource "aws_lambda_function" "worker" {',
        '  function_name = "${var.function_name}-worker"',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([
      "require-log-retention violation lambda.tf:11:1 Lambda function 'aws_lambda_function.worker' has no log group of its own: Lambda creates /aws/lambda/<function name> on first invocation and keeps its logs forever — declare an aws_cloudwatch_log_group named \"/aws/lambda/${aws_lambda_function.<name>.function_name}\" with retention_in_days, or point logging_config.log_group at one",
    ]);
  });

  it('links log groups named through locals and resource attributes', () => {
    const result = findings({
      'main.tf': [
        'variable "env" {}',
        'locals {',
        '  api_name = "referrals-${var.env}-api"',
        '}',
        'resource "aws_lambda_function" "api" {',
        '  function_name = local.api_name',
        '}',
        'resource "aws_cloudwatch_log_group" "api" {',
        '  name              = "/aws/lambda/${local.api_name}"',
        '  retention_in_days = 30',
        '}',
        'resource "aws_lambda_function" "jobs" {',
        '  function_name = "referrals-${var.env}-jobs"',
        '}',
        'resource "aws_cloudwatch_log_group" "jobs" {',
        '  name              = "/aws/lambda/${aws_lambda_function.jobs.function_name}"',
        '  retention_in_days = 7',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([]);
  });

  it('reads a legacy inline bucket policy as the bucket policy, and judges it', () => {
    const result = findings({
      's3.tf': [
        'resource "aws_s3_bucket" "invoices" {',
        '  bucket = "clicki-invoices"',
        '  policy = <<POLICY',
        '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",',
        '  "Resource": "arn:aws:s3:::clicki-invoices/*",',
        '  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}',
        'POLICY',
        '}',
        'resource "aws_s3_bucket" "statements" {',
        '  bucket = "clicki-statements"',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject" }] })',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([
      "require-tls violation s3.tf:9:1 S3 bucket 'aws_s3_bucket.statements' does not enforce TLS: no bucket policy denies aws:SecureTransport=false — add an aws_s3_bucket_policy whose Deny statement has condition { test = \"Bool\", variable = \"aws:SecureTransport\", values = [\"false\"] }",
    ]);
  });

  it('links for_each functions to for_each log groups by the function\'s address', () => {
    const result = findings({
      'lambda.tf': [
        'locals {',
        '  functions = { api = "dist/api.handler", jobs = "dist/jobs.handler" }',
        '}',
        'resource "aws_lambda_function" "fn" {',
        '  for_each      = local.functions',
        '  function_name = "referrals-${each.key}"',
        '  handler       = each.value',
        '}',
        'resource "aws_cloudwatch_log_group" "fn" {',
        '  for_each          = local.functions',
        '  name              = "/aws/lambda/${aws_lambda_function.fn[each.key].function_name}"',
        '  retention_in_days = 14',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([]);
  });

  it('links a for_each bucket policy to the buckets it iterates over', () => {
    const result = findings({
      's3.tf': [
        'locals {',
        '  buckets = ["exports", "uploads"]',
        '}',
        'resource "aws_s3_bucket" "this" {',
        '  for_each = toset(local.buckets)',
        '  bucket   = "clicki-${each.key}"',
        '}',
        'resource "aws_s3_bucket_policy" "this" {',
        '  for_each = aws_s3_bucket.this',
        '  bucket   = each.value.id',
        '  policy   = data.aws_iam_policy_document.tls_only[each.key].json',
        '}',
        'data "aws_iam_policy_document" "tls_only" {',
        '  for_each = aws_s3_bucket.this',
        '  statement {',
        '    effect    = "Deny"',
        '    actions   = ["s3:*"]',
        '    resources = [each.value.arn, "${each.value.arn}/*"]',
        '    principals {',
        '      type        = "*"',
        '      identifiers = ["*"]',
        '    }',
        '    condition {',
        '      test     = "Bool"',
        '      variable = "aws:SecureTransport"',
        '      values   = ["false"]',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([]);
  });

  it('reads a for_each over a literal map once per key: what all instances agree on is known', () => {
    const result = findings({
      'logs.tf': [
        'locals {',
        '  services = {',
        '    api  = { retention = 14, kms = true }',
        '    jobs = { retention = 14, kms = false }',
        '  }',
        '  audit = { payouts = 30, partners = 400 }',
        '}',
        'resource "aws_cloudwatch_log_group" "service" {',
        '  for_each          = local.services',
        '  name              = "/clicki/${each.key}"',
        '  retention_in_days = each.value.retention',
        '}',
        'resource "aws_cloudwatch_log_group" "audit" {',
        '  for_each          = local.audit',
        '  name              = "/clicki/audit/${each.key}"',
        '  retention_in_days = each.value',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([
      "require-log-retention unverifiable/warning logs.tf:16:23 CloudWatch log group 'aws_cloudwatch_log_group.audit': cannot verify log retention — retention_in_days is each.value (it differs between the for_each instances (payouts: 30, partners: 400)); make it a literal or add an exception",
    ]);
  });

  it('points at the offending attribute, at the split resource, or at the resource when missing', () => {
    const result = findings({
      'variables.tf': 'variable "retention" {\n  default = 90\n}\n',
      'storage.tf': [
        'resource "aws_s3_bucket" "exports" {',
        '  bucket = "clicki-exports"',
        '}',
        '',
        'resource "aws_cloudwatch_log_group" "audit" {',
        '  name              = "/clicki/audit"',
        '  retention_in_days = var.retention',
        '}',
        '',
        'resource "aws_db_instance" "reporting" {',
        '  engine                  = "postgres"',
        '  storage_encrypted       = false',
        '  backup_retention_period = 14',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([
      "require-tls violation storage.tf:1:1 S3 bucket 'aws_s3_bucket.exports' does not enforce TLS: no bucket policy denies aws:SecureTransport=false — add an aws_s3_bucket_policy whose Deny statement has condition { test = \"Bool\", variable = \"aws:SecureTransport\", values = [\"false\"] }",
      "require-log-retention violation storage.tf:7:23 CloudWatch log group 'aws_cloudwatch_log_group.audit' keeps logs for 90 days (retention_in_days: 90), outside the policy range of 7–30 days — set retention_in_days = a value from 7 to 30",
      "require-encryption violation storage.tf:12:29 RDS DB instance 'aws_db_instance.reporting' is not encrypted at rest: storage_encrypted is false — set storage_encrypted = true",
    ]);
  });

  it('reports what depends on a value only known at apply time as unverifiable, at warning', () => {
    const result = findings({
      'main.tf': [
        'variable "encrypted" {',
        '  type = bool',
        '}',
        'resource "aws_ebs_volume" "data" {',
        '  availability_zone = "eu-west-1a"',
        '  size              = 20',
        '  encrypted         = var.encrypted',
        '}',
      ].join('\n'),
    });
    expect(result).toEqual([
      "require-encryption unverifiable/warning main.tf:7:23 EBS volume 'aws_ebs_volume.data': cannot verify encryption at rest — encrypted is var.encrypted (variable \"encrypted\" has no default: its value comes from outside the module (-var, a tfvars file, the calling module)); make it a literal or add an exception",
    ]);
  });

  it('reports a file that cannot be parsed and still checks the others', () => {
    const result = findings({
      'broken.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n',
      'logs.tf': 'resource "aws_cloudwatch_log_group" "api" {\n  name = "/clicki/api"\n}\n',
    });
    expect(result).toEqual([
      'parse-error parse-error broken.tf:1:33 Cannot parse Terraform file: Unclosed block: no "}" closes this "resource" block before the end of the file; its resources are not checked',
      "require-log-retention violation logs.tf:1:1 CloudWatch log group 'aws_cloudwatch_log_group.api' keeps logs forever (retention_in_days not set) — set retention_in_days = a value from 7 to 30",
    ]);
  });
});
