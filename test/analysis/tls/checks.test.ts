import { describe, expect, it } from 'vitest';
import { checkTlsInFile } from '../../../src/analysis/tls/lane.js';
import { ScannedFile } from '../../../src/scanner/scanned-file.js';

function findings(relPath: string, text: string) {
  const file = new ScannedFile(`/project/${relPath}`, relPath, text);
  return checkTlsInFile(file).map((d) => ({ ...file.position(d.range[0]), text: text.slice(d.range[0], d.range[1]), message: d.message, fix: d.suggestions?.[0]?.edits }));
}

describe('require-tls code checks', () => {
  it('reports disabled verification and remote http URLs at the setting, with fixes', () => {
    const text = [
      "import https from 'node:https';",
      "import axios from 'axios';",
      "const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });",
      "export const bank = axios.create({ baseURL: 'http://payouts.partnerbank.co.uk/v2', httpsAgent: agent });",
      "export const local = axios.create({ baseURL: 'http://localhost:4566' });",
      "if (url.startsWith('http://legacy.clicki.io')) warn();",
    ].join('\n');
    expect(findings('src/payouts/bank.ts', text)).toEqual([
      {
        line: 3,
        column: 50,
        text: 'rejectUnauthorized: false',
        message:
          'TLS certificate verification is turned off (rejectUnauthorized: false): the connection accepts any certificate, so traffic can be read or changed in transit — remove it, or trust a private CA with `ca`',
        fix: [{ range: [text.indexOf('false }'), text.indexOf('false }') + 5], text: 'true' }],
      },
      {
        line: 4,
        column: 45,
        text: "'http://payouts.partnerbank.co.uk/v2'",
        message: "Plain-HTTP URL to 'payouts.partnerbank.co.uk': data sent there travels unencrypted — use https://",
        fix: [{ range: [text.indexOf("http://payouts"), text.indexOf("http://payouts") + 7], text: 'https://' }],
      },
    ]);
  });

  it('reads .env values and YAML environment lists', () => {
    expect(findings('.env.production', 'API=https://api.clicki.io\nexport NODE_TLS_REJECT_UNAUTHORIZED="0"\n')).toEqual([
      {
        line: 2,
        column: 8,
        text: 'NODE_TLS_REJECT_UNAUTHORIZED="0"',
        message: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate verification for every connection the process makes — remove it, or trust a private CA with NODE_EXTRA_CA_CERTS',
        fix: undefined,
      },
    ]);
    const compose = 'services:\n  worker:\n    environment:\n      - PARTNER_URL=http://partner.clicki.io\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n';
    expect(findings('docker-compose.yml', compose).map((f) => [f.line, f.column, f.text])).toEqual([
      [4, 21, 'http://partner.clicki.io'],
      [5, 9, 'NODE_TLS_REJECT_UNAUTHORIZED=0'],
    ]);
  });

  it('leaves a template function environment to the IaC lane, which reports it once', () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  PartnerSync:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Environment:',
      '        Variables:',
      '          NODE_TLS_REJECT_UNAUTHORIZED: "0"',
      '          PARTNER_URL: http://partner.clicki.io/api',
    ].join('\n');
    expect(findings('template.yaml', template).map((f) => [f.line, f.text])).toEqual([[11, 'http://partner.clicki.io/api']]);
  });
});
