import { describe, expect, it } from 'vitest';
import { compare, constructId, nagRuleMap, type GateFinding, type NagViolation } from '../../../scripts/bench/iac.js';

describe('bench iac: cdk-nag ↔ datagate mapping', () => {
  it('reduces a construct path to the construct id datagate reports', () => {
    expect(constructId('ReferralsData/PartnerUploads/Resource')).toBe('PartnerUploads');
    expect(constructId('ReferralsData/ReferralExports/Bucket/Policy/Resource')).toBe('ReferralExports/Bucket');
    expect(constructId('ReferralsApi/PartnerAlb/AdminHttp/Resource')).toBe('PartnerAlb/AdminHttp');
  });

  it('takes cdk-nag rule ids from rules/aws equivalents', () => {
    const map = nagRuleMap();
    expect(map.get('AwsSolutions-S10')).toBe('require-tls');
    expect(map.get('AwsSolutions-DDB3')).toBe('require-backup');
    expect(map.get('AwsSolutions-RDS2')).toBe('require-encryption');
    expect(map.get('AwsSolutions-CFR4')).toBeNull();
    expect(map.has('AwsSolutions-VPC7')).toBe(false);
  });

  it('pairs findings on the same construct and rule, and explains the rest', () => {
    const nag: NagViolation[] = [
      { rule: 'AwsSolutions-S10', path: 'Data/PartnerUploads/Resource', severity: 'error' },
      { rule: 'AwsSolutions-S10', path: 'Data/WidgetAssets/Resource', severity: 'error' },
      { rule: 'AwsSolutions-CFR4', path: 'Api/Cdn/Resource', severity: 'error' },
      { rule: 'AwsSolutions-VPC7', path: 'Data/Vpc/Resource', severity: 'error' },
    ];
    const gate: GateFinding[] = [
      { rule: 'require-tls', resource: 'PartnerUploads', file: 'lib/data-stack.ts', line: 48, message: '' },
      { rule: 'require-encryption', resource: 'PartnerUploads', file: 'lib/data-stack.ts', line: 48, message: '' },
      { rule: 'require-tls', file: 'src/sms.ts', line: 2, message: '' },
    ];
    const result = compare(nag, gate);
    expect(result.both.map((b) => [b.nag.rule, b.gate.resource])).toEqual([['AwsSolutions-S10', 'PartnerUploads']]);
    expect(result.onlyNag.map((o) => [o.nag.rule, constructId(o.nag.path), o.why.slice(0, 30)])).toEqual([
      ['AwsSolutions-S10', 'WidgetAssets', "no datagate finding for requir"],
      ['AwsSolutions-CFR4', 'Cdn', 'the minimum TLS version of HTT'],
    ]);
    expect(result.onlyGate.map((o) => [o.gate.rule, o.gate.file])).toEqual([
      ['require-encryption', 'lib/data-stack.ts'],
      ['require-tls', 'src/sms.ts'],
    ]);
    expect(result.onlyGate[1]!.why).toBe('application code, which cdk-nag does not read');
  });
});
