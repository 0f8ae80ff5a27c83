import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import * as baseline from './baseline.js';
import * as init from './init.js';
import * as inventory from './inventory.js';
import * as rules from './rules.js';
import * as scan from './scan.js';

/** Every sub-command of the CLI. A new command is one import and one entry here. */
export const COMMANDS: ReadonlyArray<{ register(program: Command, context: CommandContext): void }> = [scan, baseline, inventory, init, rules];
