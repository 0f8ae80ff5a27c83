import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { exitCodeFor, EXIT_UNTRUSTED, type FailOn } from '../../gate/exit-code.js';
import { isRuleId, RULE_IDS, type RuleId } from '../../policy/rules.js';
import { FORMATTERS } from '../../report/formatters.js';
import { scan } from '../../scanner/scan.js';
import { CliError, type CommandContext } from '../context.js';

interface ScanFlags {
  config?: string;
  format: string;
  output?: string;
  failOn: FailOn;
  rule?: string[];
  color?: boolean;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command('scan')
    .description('Scan files and directories and report policy violations (exit 1 when any is at or above --fail-on).')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-c, --config <file>', 'datagate.yml to use (default: the nearest one above the first path)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the scan').choices(['error', 'warning', 'never']).default('error'))
    .option('--rule <id...>', `run only these rules (${RULE_IDS.join(', ')})`)
    .option('--no-color', 'plain text output')
    .action(async (paths: string[], flags: ScanFlags) => {
      const only = parseRules(flags.rule);
      const result = await scan({ cwd: context.cwd, paths, configPath: flags.config, only });
      if (result.missing.length > 0) {
        throw new CliError(`cannot scan ${result.missing.map((m) => `'${m}'`).join(', ')}: no such file or directory`);
      }
      const toFile = Boolean(flags.output);
      const report = FORMATTERS[flags.format]!(result, { color: !toFile && flags.color !== false && context.isTTY });
      if (flags.output) {
        const target = resolve(context.cwd, flags.output);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, report);
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        context.stderr(`datagate: ${result.findings.length} findings (${errors} errors) in ${result.filesScanned} files; report written to ${flags.output}\n`);
      } else {
        context.stdout(report);
      }
      context.exitCode = exitCodeFor(result.findings, flags.failOn);
    });
}

function parseRules(values: string[] | undefined): RuleId[] | undefined {
  if (!values) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length > 0) throw new CliError(`unknown rule ${unknown.map((u) => `'${u}'`).join(', ')}; rules are: ${RULE_IDS.join(', ')}`, EXIT_UNTRUSTED);
  return ids as RuleId[];
}
