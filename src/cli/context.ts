import { EXIT_UNTRUSTED } from '../gate/exit-code.js';

/** What commands need from the process, passed in so tests can run the CLI in-process. */
export interface CommandContext {
  cwd: string;
  isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Set by the command; main() returns it. */
  exitCode: number;
}

/** A usage or input problem the CLI reports in one line (exit 2 unless said otherwise). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_UNTRUSTED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
