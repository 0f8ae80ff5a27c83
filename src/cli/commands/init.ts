import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, type CommandContext } from '../context.js';

/**
 * The commented datagate.yml `datagate init` writes: the shipped policy as-is (extends clicki),
 * with every knob a team usually turns shown, commented out, next to the policy line it implements.
 */
export const INIT_CONFIG = `# datagate configuration: enforces Clicki's Data Handling and Classification Policy.
# Editor completion: the schema ships with datagate (node_modules/datagate/schema/datagate.schema.json).
# yaml-language-server: $schema=./node_modules/datagate/schema/datagate.schema.json

# Start from a shipped preset: clicki (the policy as written) or strict (every data store must
# declare its encryption; restricted data needs a customer-managed KMS key).
extends: clicki

# Severity per rule: error (fails CI), warning (reported, does not fail by default) or off.
# rules:
#   no-sensitive-logging: error     # "Logs should exclude or redact PII, credentials, tokens, and financial data"
#   no-hardcoded-secrets: error     # "Secrets must be stored in approved secret management systems ..."
#   require-encryption: error       # "Encryption at rest must be enabled where supported"
#   require-tls: error              # "Data must be transmitted over encrypted channels (e.g., HTTPS/TLS)"
#   require-log-retention: error    # "Logs should be retained for a limited period (e.g., 7–30 days ...)"
#   require-backup: error           # "point in time recovery of critical production databases for 7 days"
#   require-classification: error   # "All data handled by Clicki must be classified ..."

# Classification levels, lowest to highest.
# levels: [public, internal, confidential, restricted]

# Log retention range (days) and minimum backup / point-in-time-recovery window (days).
# retention: { minDays: 7, maxDays: 30 }
# backup: { minDays: 7 }

# aws-defaults: unset encryption passes where AWS encrypts that store by default;
# explicit: every data store must declare its encryption.
# encryption: aws-defaults

# Files whose declarations are data models (their fields need @classification).
# dataModels: ["**/models/**", "**/entities/**", "**/*.model.ts", "**/*.entity.ts", "**/*.graphql", "**/*.gql", "**/schema.prisma"]

# Paths never scanned (relative to this file), on top of .gitignore.
# ignore: ["fixtures/**", "**/*.snap"]

# Approved exceptions. The policy: "Exceptions must be documented, justified, approved by
# authorized personnel, and reviewed periodically." Each entry needs all five keys; after
# \`expires\` it stops suppressing and is reported, so it gets reviewed. Every applied exception is
# listed in the reports (SARIF, markdown, HTML). For a single line, prefer an inline comment
# on the line above it: \`// datagate-ignore-next-line <rule> -- <reason>\` (or # in YAML, HCL, .env).
# exceptions:
#   - rule: no-hardcoded-secrets
#     path: "test/fixtures/**"          # gitignore-style glob, relative to this file
#     reason: Fake keys used by the payment client's unit tests
#     approvedBy: Security owner (name)
#     expires: "2026-12-31"
`;

export function register(program: Command, context: CommandContext): void {
  program
    .command('init')
    .description('Write a commented datagate.yml with the shipped policy.')
    .option('-o, --output <file>', 'where to write it', 'datagate.yml')
    .option('--force', 'overwrite an existing file')
    .action((flags: { output: string; force?: boolean }) => {
      const target = resolve(context.cwd, flags.output);
      if (existsSync(target) && !flags.force) throw new CliError(`${flags.output} already exists (use --force to overwrite it)`);
      writeFileSync(target, INIT_CONFIG);
      context.stderr(`datagate: wrote ${flags.output} (extends the clicki preset); run \`datagate scan\` next\n`);
    });
}
