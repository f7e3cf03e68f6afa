import type { Command } from '../command.js';
import { execCommand } from './exec.js';
import { bankCommand } from './bank.js';
import { promptCommand } from './prompt.js';
import { solveCommand } from './solve.js';
import { evalCommand } from './eval.js';
import { modelsCommand } from './models.js';
import { devCommand } from './dev.js';
import { statsCommand } from './stats.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';

/** Every subcommand, in the order `--help` lists them. Add one line per new command. */
export const COMMANDS: Command[] = [
  execCommand,
  bankCommand,
  promptCommand,
  solveCommand,
  evalCommand,
  modelsCommand,
  devCommand,
  statsCommand,
  exportCommand,
  importCommand,
];
