import { describe, expect, it } from 'vitest';
import { annotation, toAnnotations } from '../../src/report/annotations.js';
import type { Finding } from '../../src/report/finding.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'no-sensitive-logging',
  severity: 'error',
  file: 'src/routes/signup.ts',
  line: 6,
  column: 3,
  endLine: 6,
  endColumn: 63,
  message: 'email address from the request body (email from req.body) reaches logger.info: log an id, an event type or a masked value instead',
  fingerprint: '0'.repeat(32),
  kind: 'violation',
  ...over,
});

describe('GitHub annotations', () => {
  it('writes a workflow command with the location, a title, and an escaped message carrying the policy line', () => {
    expect(annotation(finding({}))).toBe(
      '::error file=src/routes/signup.ts,line=6,endLine=6,col=3,endColumn=63,title=datagate no-sensitive-logging%3A Sensitive data must not reach logs::email address from the request body (email from req.body) reaches logger.info: log an id, an event type or a masked value instead%0APolicy: Logging (Critical Control Area): "Logs should exclude or redact PII, credentials, tokens, and financial data" (data-handling-and-classification-policy.txt:115)',
    );
  });

  it('escapes %, newlines, and commas/colons in properties; drops columns for multi-line findings', () => {
    const cmd = annotation(finding({ file: 'infra/stack,v2:prod.yaml', line: 4, endLine: 9, severity: 'warning', message: '100% of\r\nrows', ruleId: 'parse-error' }));
    expect(cmd).toBe("::warning file=infra/stack%2Cv2%3Aprod.yaml,line=4,endLine=9,title=datagate parse-error::100%25 of%0D%0Arows%0APolicy: datagate could not read this input; a file that cannot be parsed is never silently skipped");
  });

  it('keeps at most 10 per level, errors first, and counts the rest', () => {
    const many = [
      ...Array.from({ length: 12 }, (_, i) => finding({ line: i + 1, endLine: i + 1 })),
      ...Array.from({ length: 3 }, (_, i) => finding({ severity: 'warning', line: 50 + i, endLine: 50 + i })),
    ];
    const result = toAnnotations(many);
    expect(result.commands).toHaveLength(13);
    expect(result.commands.slice(0, 10).every((c) => c.startsWith('::error '))).toBe(true);
    expect(result.commands[9]).toContain('line=10,');
    expect(result.commands.slice(10).every((c) => c.startsWith('::warning '))).toBe(true);
    expect(result.omitted).toEqual({ error: 2, warning: 0 });
  });
});
