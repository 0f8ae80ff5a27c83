import type { Command } from 'commander';
import { RULE_IDS, RULES } from '../../policy/rules.js';
import type { CommandContext } from '../context.js';

export function register(program: Command, context: CommandContext): void {
  program
    .command('rules')
    .description('List the rules with the policy line each enforces.')
    .option('--json', 'machine-readable output')
    .action((flags: { json?: boolean }) => {
      if (flags.json) {
        context.stdout(`${JSON.stringify(RULE_IDS.map((id) => RULES[id]), null, 2)}\n`);
        return;
      }
      const lines: string[] = [];
      for (const id of RULE_IDS) {
        const r = RULES[id];
        lines.push(`${id}`, `  ${r.title}. ${r.description}`, `  policy: ${r.policy.section}: "${r.policy.text}" (${r.policy.document}:${r.policy.line})`, `  docs:   ${r.docsUrl}`, '');
      }
      context.stdout(lines.join('\n'));
    });
}
