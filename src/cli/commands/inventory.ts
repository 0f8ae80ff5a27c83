import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { applyEdits, proposeTags } from '../../analysis/classification/fix.js';
import type { Policy } from '../../policy/types.js';
import { INVENTORY_FORMATTERS } from '../../report/inventory/index.js';
import { scanInventory } from '../../scanner/inventory.js';
import { modelsOfFile, projectModelNames, schemaNames } from '../../scanner/lanes/classification.js';
import type { ScannedFile } from '../../scanner/scanned-file.js';
import { CliError, type CommandContext } from '../context.js';

interface InventoryFlags {
  config?: string;
  format: string;
  output?: string;
  fix?: boolean;
}

/**
 * `datagate inventory`: every data model and field with its classification, for the data review
 * board. `--fix` instead tags every unclassified field with the level datagate proposes, marked
 * `-- proposed by datagate, review`, and lists what it changed.
 */
export function register(program: Command, context: CommandContext): void {
  program
    .command('inventory')
    .description('List every data model and field with its classification (json, markdown, csv or a self-contained html page); --fix tags unclassified fields for review.')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-c, --config <file>', 'datagate.yml to use (default: the nearest one above the first path)')
    .addOption(new Option('-f, --format <format>', 'inventory format').choices(Object.keys(INVENTORY_FORMATTERS)).default('markdown'))
    .option('-o, --output <file>', 'write the inventory to a file instead of standard output')
    .option('--fix', 'add `@classification <proposed> -- proposed by datagate, review` to every unclassified field, and print the changes')
    .action(async (paths: string[], flags: InventoryFlags) => {
      const { inventory, files, result, policy } = await scanInventory({ cwd: context.cwd, paths, configPath: flags.config });
      if (result.missing.length > 0) {
        throw new CliError(`cannot scan ${result.missing.map((m) => `'${m}'`).join(', ')}: no such file or directory`);
      }
      if (flags.fix) {
        context.stdout(fixUnclassified(files, policy));
        return;
      }
      const report = INVENTORY_FORMATTERS[flags.format]!(inventory);
      if (flags.output) {
        const target = resolve(context.cwd, flags.output);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, report);
        const s = inventory.summary;
        context.stderr(`datagate: ${s.models} models, ${s.fields} fields (${s.unclassified} unclassified); inventory written to ${flags.output}\n`);
      } else {
        context.stdout(report);
      }
    });
}

/** Writes proposed tags into the files and returns the list of changes, one line each. */
function fixUnclassified(files: readonly ScannedFile[], policy: Policy): string {
  const schema = schemaNames(files);
  const projectModels = projectModelNames(files, policy);
  const lines: string[] = [];
  let changedFiles = 0;
  for (const file of files) {
    const { models } = modelsOfFile(file, policy, schema, projectModels);
    const tags = proposeTags(models, policy, file.text);
    if (tags.length === 0) continue;
    writeFileSync(file.path, applyEdits(file.text, tags.map((t) => t.edit)));
    changedFiles++;
    for (const t of tags) lines.push(`${file.relPath}:${file.position(t.at).line}  ${t.model}.${t.field}: proposed ${t.level}`);
  }
  if (lines.length === 0) return 'datagate: every data-model field already has a classification; nothing to change.\n';
  return `${lines.join('\n')}\n\ndatagate: tagged ${lines.length} fields in ${changedFiles} files with "proposed by datagate, review": review each level, then remove the note.\n`;
}
