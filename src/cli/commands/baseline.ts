import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { createBaseline, serializeBaseline } from '../../gate/baseline.js';
import { scan } from '../../scanner/scan.js';
import { CliError, type CommandContext } from '../context.js';

export const DEFAULT_BASELINE = '.datagate-baseline.json';

export function register(program: Command, context: CommandContext): void {
  program
    .command('baseline')
    .description('Record today\'s findings as accepted debt; `scan --baseline FILE` then reports only new ones.')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-c, --config <file>', 'datagate.yml to use (default: the nearest one above the first path)')
    .option('-o, --output <file>', 'where to write the baseline', DEFAULT_BASELINE)
    .action(async (paths: string[], flags: { config?: string; output: string }) => {
      const result = await scan({ cwd: context.cwd, paths, configPath: flags.config });
      if (result.missing.length > 0) {
        throw new CliError(`cannot scan ${result.missing.map((m) => `'${m}'`).join(', ')}: no such file or directory`);
      }
      const target = resolve(context.cwd, flags.output);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, serializeBaseline(createBaseline(result.findings)));
      const n = result.findings.length;
      context.stderr(
        `datagate: baseline of ${n} finding${n === 1 ? '' : 's'} in ${result.filesScanned} files written to ${flags.output}; run \`datagate scan --baseline ${flags.output}\` from this directory to report only new ones\n`,
      );
    });
}
