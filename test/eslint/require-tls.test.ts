import { RuleTester } from '../helpers/rule-tester.js';
import { it } from 'vitest';
import rule from '../../src/eslint/rules/require-tls.js';

const tester = new RuleTester();
const STACK = '/srv/referrals-infra/lib/data-stack.ts';

const stack = (body: string) => `import { Stack, StackProps, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

const bucketDefaults: s3.BucketProps = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
};

export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
${body}
  }
}
`;

tester.run('require-tls', rule, {
  valid: [
    { name: 'buckets enforcing SSL directly and through a shared prop object', filename: STACK, code: stack(`    new s3.Bucket(this, 'ReferralExports', { enforceSSL: true });
    new s3.Bucket(this, 'PartnerUploads', { ...bucketDefaults, versioned: true });`) },
    {
      name: 'local and documentation URLs, prose, verification left on',
      filename: '/srv/referrals-api/src/clients/bank.ts',
      code: `import https from 'node:https';
export const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });
export const LOCALSTACK = 'http://localhost:4566';
export const HELP = 'see http://status.partnerbank.co.uk for incidents';
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';`,
    },
  ],
  invalid: [
    {
      name: 'a bucket without enforceSSL gets the prop added; enforceSSL: false is turned on',
      filename: STACK,
      code: stack(`    new s3.Bucket(this, 'ReferralExports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new s3.Bucket(this, 'AccessLogs', { enforceSSL: false });`),
      errors: [
        {
          messageId: 'finding',
          data: { message: "S3 bucket 'ReferralExports' does not enforce TLS: no bucket policy denies aws:SecureTransport=false — enforceSSL: true" },
          line: 13,
          column: 5,
          endLine: 16,
          endColumn: 7,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Add enforceSSL: true' },
              output: stack(`    new s3.Bucket(this, 'ReferralExports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      enforceSSL: true,
    });
    new s3.Bucket(this, 'AccessLogs', { enforceSSL: false });`),
            },
          ],
        },
        {
          messageId: 'finding',
          data: { message: "S3 bucket 'AccessLogs' does not enforce TLS: enforceSSL is false — set enforceSSL: true" },
          line: 17,
          column: 53,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Set it to true' },
              output: stack(`    new s3.Bucket(this, 'ReferralExports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new s3.Bucket(this, 'AccessLogs', { enforceSSL: true });`),
            },
          ],
        },
      ],
    },
    {
      name: 'certificate checks off and a plain-HTTP partner URL in application code',
      filename: '/srv/referrals-api/src/clients/bank.ts',
      code: `import https from 'node:https';
export const agent = new https.Agent({ rejectUnauthorized: false });
export const BANK_URL = 'http://payouts.partnerbank.co.uk/v2';`,
      errors: [
        {
          messageId: 'finding',
          data: {
            message:
              'TLS certificate verification is turned off (rejectUnauthorized: false): the connection accepts any certificate, so traffic can be read or changed in transit — remove it, or trust a private CA with `ca`',
          },
          line: 2,
          column: 40,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Turn certificate verification back on (rejectUnauthorized: true)' },
              output: `import https from 'node:https';
export const agent = new https.Agent({ rejectUnauthorized: true });
export const BANK_URL = 'http://payouts.partnerbank.co.uk/v2';`,
            },
          ],
        },
        {
          messageId: 'finding',
          data: { message: "Plain-HTTP URL to 'payouts.partnerbank.co.uk': data sent there travels unencrypted — use https://" },
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestion',
              data: { message: 'Use https://' },
              output: `import https from 'node:https';
export const agent = new https.Agent({ rejectUnauthorized: false });
export const BANK_URL = 'https://payouts.partnerbank.co.uk/v2';`,
            },
          ],
        },
      ],
    },
  ],
});
