import type { RuleId } from './rules.js';

export type Severity = 'error' | 'warning';
export type RuleSetting = Severity | 'off';

/** An approved, time-limited exception from the policy (the policy's "Exceptions" section). */
export interface PolicyException {
  rule: RuleId;
  /** Glob, relative to the config file's directory. */
  path: string;
  reason: string;
  approvedBy: string;
  /** ISO date (YYYY-MM-DD); the exception stops suppressing after this day. */
  expires: string;
}

/**
 * `datagate.yml` as the user writes it (and as presets are written). Every key is optional;
 * lane sections (`secrets`, `logging`, `classification`, `iac`) are read and validated by the
 * lane that owns them, against its part of the JSON Schema.
 */
export interface DatagateConfig {
  extends?: string;
  levels?: string[];
  rules?: Partial<Record<RuleId, RuleSetting>>;
  ignore?: string[];
  dataModels?: string[];
  retention?: { minDays?: number; maxDays?: number };
  backup?: { minDays?: number };
  encryption?: 'aws-defaults' | 'explicit';
  exceptions?: PolicyException[];
  secrets?: Record<string, unknown>;
  logging?: Record<string, unknown>;
  classification?: Record<string, unknown>;
  iac?: Record<string, unknown>;
}

/** The configuration after the preset chain and the user's file are merged. */
export interface Policy {
  /** Presets applied, outermost first (e.g. ["clicki", "strict"]). */
  presets: string[];
  /** Absolute path of the user's config file, when there is one. */
  configPath?: string;
  /** Directory that config-relative globs (exceptions, ignore) are resolved against. */
  baseDir: string;
  levels: string[];
  rules: Record<RuleId, RuleSetting>;
  ignore: string[];
  dataModels: string[];
  retention: { minDays: number; maxDays: number };
  backup: { minDays: number };
  encryption: 'aws-defaults' | 'explicit';
  exceptions: PolicyException[];
  secrets: Record<string, unknown>;
  logging: Record<string, unknown>;
  classification: Record<string, unknown>;
  iac: Record<string, unknown>;
}
