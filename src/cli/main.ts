import { Command, CommanderError } from 'commander';
import { EXIT_UNTRUSTED } from '../gate/exit-code.js';
import { ConfigError } from '../policy/load.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { CliError, type CommandContext } from './context.js';

export interface MainOptions {
  cwd?: string;
  isTTY?: boolean;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/**
 * The CLI: parses arguments, runs one command, returns the exit code (0 clean, 1 violations,
 * 2 the scan could not be trusted). Never throws: every failure is a message and exit 2.
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const context: CommandContext = {
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? Boolean(process.stdout.isTTY),
    stdout: options.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: options.stderr ?? ((t) => void process.stderr.write(t)),
    exitCode: 0,
  };
  const program = new Command('datagate')
    .description('Enforce a data-handling policy in code and infrastructure: sensitive data in logs, hard-coded secrets, encryption, TLS, log retention, backups, data classification.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr })
    .showHelpAfterError('(run datagate --help for usage)');
  for (const command of COMMANDS) command.register(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors are untrusted input.
      return error.exitCode === 0 ? 0 : EXIT_UNTRUSTED;
    }
    if (error instanceof ConfigError) {
      context.stderr(`datagate: invalid configuration: ${error.message}\n`);
      return EXIT_UNTRUSTED;
    }
    if (error instanceof CliError) {
      context.stderr(`datagate: ${error.message}\n`);
      return error.exitCode;
    }
    context.stderr(`datagate: the scan failed and cannot be trusted:\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT_UNTRUSTED;
  }
}
