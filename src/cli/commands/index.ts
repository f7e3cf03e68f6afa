import type { Command } from '../command.js';
import { execCommand } from './exec.js';
import { bankCommand } from './bank.js';

/** Every subcommand, in the order `--help` lists them. Add one line per new command. */
export const COMMANDS: Command[] = [
  execCommand,
  bankCommand,
];
