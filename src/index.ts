/** datagate's programmatic API. */
export { scan, type ScanOptions, type ScanResult } from './scanner/scan.js';
export { loadPolicy, findConfig, ConfigError, type LoadPolicyOptions } from './policy/load.js';
export { RULES, RULE_IDS, type RuleId, type RuleMeta } from './policy/rules.js';
export type { Policy, DatagateConfig, Severity } from './policy/types.js';
export type { Finding, Location, FlowLocation } from './report/finding.js';
export { toJsonFinding } from './report/finding.js';
export { FORMATTERS, type Formatter } from './report/formatters.js';
export { exitCodeFor, type FailOn } from './gate/exit-code.js';
export { VERSION } from './version.js';
