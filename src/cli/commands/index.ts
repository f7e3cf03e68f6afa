import type { Command } from '../command.js';
import { execCommand } from './exec.js';

/** Every subcommand, in the order `--help` lists them. Add one line per new command. */
export const COMMANDS: Command[] = [
  execCommand,
];
