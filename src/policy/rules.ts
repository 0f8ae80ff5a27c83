/**
 * The rule catalogue: ids (stable, the `ruleId` everywhere), what each finds, and the policy
 * line each enforces. ESLint configs, `datagate rules`, SARIF rule metadata and the docs index
 * are all generated from this list.
 */

export const RULE_IDS = [
  'no-sensitive-logging',
  'no-hardcoded-secrets',
  'require-encryption',
  'require-tls',
  'require-log-retention',
  'require-backup',
  'require-classification',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** Findings that are not a rule violation but say the scan could not read something. */
export const PARSE_ERROR = 'parse-error';
export type FindingRuleId = RuleId | typeof PARSE_ERROR;

export interface PolicyCitation {
  /** File under shared/policy (as shipped with the policy). */
  document: string;
  /** Section heading the line sits under. */
  section: string;
  /** 1-based line number in that document. */
  line: number;
  /** The line itself, verbatim. */
  text: string;
}

export interface RuleMeta {
  id: RuleId;
  title: string;
  description: string;
  policy: PolicyCitation;
  /** Ranges from GitHub's security-severity scale (0–10), used in SARIF. */
  securitySeverity: number;
  tags: string[];
  docsUrl: string;
}

const DATA_POLICY = 'data-handling-and-classification-policy.txt';
const CONTINUITY = 'clixifix-security-and-continuity.txt';
export const DOCS_BASE = 'https://github.com/clicki/datagate/blob/main/docs/rules/';

function rule(meta: Omit<RuleMeta, 'docsUrl'>): RuleMeta {
  return { ...meta, docsUrl: `${DOCS_BASE}${meta.id}.md` };
}

export const RULES: Record<RuleId, RuleMeta> = {
  'no-sensitive-logging': rule({
    id: 'no-sensitive-logging',
    title: 'Sensitive data must not reach logs',
    description:
      'Request bodies, PII, credentials, tokens or payment data reaching a log sink, directly or through variables, objects, spreads, templates, JSON.stringify, helper functions and other files.',
    policy: {
      document: DATA_POLICY,
      section: 'Logging (Critical Control Area)',
      line: 115,
      text: 'Logs should exclude or redact PII, credentials, tokens, and financial data',
    },
    securitySeverity: 7.5,
    tags: ['security', 'privacy', 'logging', 'external/cwe/cwe-532'],
  }),
  'no-hardcoded-secrets': rule({
    id: 'no-hardcoded-secrets',
    title: 'Secrets must live in a secret store, not in code',
    description:
      'API keys, tokens, passwords, private keys and connection strings with passwords written into code, config files, .env files and IaC.',
    policy: {
      document: DATA_POLICY,
      section: 'Storage',
      line: 91,
      text: 'Secrets must be stored in approved secret management systems and not in source code or plaintext',
    },
    securitySeverity: 9.0,
    tags: ['security', 'secrets', 'external/cwe/cwe-798'],
  }),
  'require-encryption': rule({
    id: 'require-encryption',
    title: 'Data stores must be encrypted at rest',
    description:
      'IaC data stores declared without encryption at rest where AWS does not encrypt by default, or with encryption turned off.',
    policy: {
      document: DATA_POLICY,
      section: 'Storage',
      line: 89,
      text: 'Encryption at rest must be enabled where supported',
    },
    securitySeverity: 7.0,
    tags: ['security', 'iac', 'encryption', 'external/cwe/cwe-311'],
  }),
  'require-tls': rule({
    id: 'require-tls',
    title: 'Data must travel over TLS',
    description:
      'Buckets that do not enforce SSL, HTTP listeners and endpoints, caches and search domains without in-transit encryption, disabled certificate checks, http:// URLs to remote hosts.',
    policy: {
      document: DATA_POLICY,
      section: 'Transmission',
      line: 97,
      text: 'Data must be transmitted over encrypted channels (e.g., HTTPS/TLS)',
    },
    securitySeverity: 7.0,
    tags: ['security', 'iac', 'tls', 'external/cwe/cwe-319'],
  }),
  'require-log-retention': rule({
    id: 'require-log-retention',
    title: 'Logs must be kept for a limited period',
    description: 'Log groups with no retention, or a retention outside the policy range (default 7–30 days).',
    policy: {
      document: DATA_POLICY,
      section: 'Data Retention and Deletion',
      line: 139,
      text: 'Logs should be retained for a limited period (e.g., 7–30 days unless otherwise required)',
    },
    securitySeverity: 4.0,
    tags: ['iac', 'retention', 'logging'],
  }),
  'require-backup': rule({
    id: 'require-backup',
    title: 'Databases must be recoverable to a point in time',
    description:
      'Databases without point-in-time recovery, or with backups kept less than the policy minimum (default 7 days).',
    policy: {
      document: CONTINUITY,
      section: 'Continuous Protection Systems',
      line: 24,
      text: 'We maintain point in time recovery of critical production databases for 7 days.',
    },
    securitySeverity: 5.0,
    tags: ['iac', 'backup', 'continuity'],
  }),
  'require-classification': rule({
    id: 'require-classification',
    title: 'Every data field must declare its classification',
    description:
      'Data-model fields with no classification, an unknown level, or a personal or credential field classified below restricted.',
    policy: {
      document: DATA_POLICY,
      section: 'Policy Statement',
      line: 17,
      text: 'All data handled by Clicki must be classified, protected according to its sensitivity, and managed throughout its lifecycle.',
    },
    securitySeverity: 4.0,
    tags: ['privacy', 'classification'],
  }),
};

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** "Storage — Secrets must be stored … (data-handling-and-classification-policy.txt:91)" */
export function policyLine(ruleId: RuleId): string {
  const p = RULES[ruleId].policy;
  return `${p.section}: "${p.text}" (${p.document}:${p.line})`;
}
