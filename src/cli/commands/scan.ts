import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { BaselineError, readBaselineFile } from '../../gate/baseline.js';
import { changedSince, GitError } from '../../gate/changed-lines.js';
import { EXIT_UNTRUSTED, type FailOn } from '../../gate/exit-code.js';
import { applyGate, type GateOptions, type GateResult } from '../../gate/gate.js';
import { isRuleId, RULE_IDS, type RuleId } from '../../policy/rules.js';
import { FORMATTERS } from '../../report/formatters.js';
import { formatHtml } from '../../report/html.js';
import { inventorySection } from '../../report/html/inventory-section.js';
import { buildInventory } from '../../scanner/inventory.js';
import type { Lane } from '../../scanner/lane.js';
import type { ScannedFile } from '../../scanner/scanned-file.js';
import { scan } from '../../scanner/scan.js';
import { CliError, type CommandContext } from '../context.js';

interface ScanFlags {
  config?: string;
  format: string;
  output?: string;
  failOn: FailOn;
  rule?: string[];
  color?: boolean;
  baseline?: string;
  changedSince?: string;
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
    .option('--baseline <file>', 'report only findings not in this baseline (written by `datagate baseline`)')
    .option('--changed-since <ref>', 'report only findings on lines changed since the merge-base with this git ref (and uncommitted changes)')
    .option('--rule <id...>', `run only these rules (${RULE_IDS.join(', ')})`)
    .option('--no-color', 'plain text output')
    .action(async (paths: string[], flags: ScanFlags) => {
      const only = parseRules(flags.rule);
      // the HTML report carries the data inventory: collect the files the scan read to build it
      const files: ScannedFile[] = [];
      const collector: Lane = {
        id: 'report-inventory-files',
        rules: ['require-classification'],
        checkFile(file) {
          files.push(file);
          return [];
        },
      };
      const result = await scan({ cwd: context.cwd, paths, configPath: flags.config, only, lanes: flags.format === 'html' ? [collector] : [] });
      if (result.missing.length > 0) {
        throw new CliError(`cannot scan ${result.missing.map((m) => `'${m}'`).join(', ')}: no such file or directory`);
      }
      const gated = applyGate(result, gateOptions(context.cwd, flags));
      const toFile = Boolean(flags.output);
      const report =
        flags.format === 'html'
          ? formatHtml(gated, { sections: [inventorySection(buildInventory(files, result.policy, result.findings))].filter((s) => s !== undefined) })
          : FORMATTERS[flags.format]!(gated, { color: !toFile && flags.color !== false && context.isTTY });
      if (flags.output) {
        const target = resolve(context.cwd, flags.output);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, report);
        const errors = gated.findings.filter((f) => f.severity === 'error').length;
        context.stderr(`datagate: ${gated.findings.length} findings (${errors} errors) in ${gated.filesScanned} files; report written to ${flags.output}\n`);
      } else {
        context.stdout(report);
      }
      for (const note of gateNotes(gated)) context.stderr(`datagate: ${note}\n`);
      context.exitCode = gated.exitCode;
    });
}

/** What the gate filtered, on stderr so stdout stays the report (every format, the default one too). */
function gateNotes(result: GateResult): string[] {
  const notes: string[] = [];
  const b = result.gate?.baseline;
  if (b) notes.push(`baseline ${b.file}: ${b.matched} known finding${b.matched === 1 ? '' : 's'} accepted, ${b.fixed.length} entr${b.fixed.length === 1 ? 'y' : 'ies'} no longer found (fixed)${b.fixed.length > 0 ? ' — regenerate it with `datagate baseline`' : ''}`);
  const c = result.gate?.changed;
  if (c) notes.push(`only lines changed since ${c.ref} (merge-base ${c.mergeBase.slice(0, 12)}, ${c.changedFiles} changed file${c.changedFiles === 1 ? '' : 's'}): ${c.outside} finding${c.outside === 1 ? '' : 's'} elsewhere left out`);
  return notes;
}

/** The baseline and changed-lines inputs; an unreadable baseline or a failing git is exit 2. */
function gateOptions(cwd: string, flags: ScanFlags): GateOptions {
  const options: GateOptions = { failOn: flags.failOn };
  try {
    if (flags.baseline) options.baseline = { file: flags.baseline, data: readBaselineFile(resolve(cwd, flags.baseline), flags.baseline) };
    if (flags.changedSince) options.changed = { ref: flags.changedSince, ...changedSince(cwd, flags.changedSince) };
  } catch (error) {
    if (error instanceof BaselineError || error instanceof GitError) throw new CliError(error.message);
    throw error;
  }
  return options;
}

function parseRules(values: string[] | undefined): RuleId[] | undefined {
  if (!values) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length > 0) throw new CliError(`unknown rule ${unknown.map((u) => `'${u}'`).join(', ')}; rules are: ${RULE_IDS.join(', ')}`, EXIT_UNTRUSTED);
  return ids as RuleId[];
}
