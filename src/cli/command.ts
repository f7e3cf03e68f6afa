/** What every `dagger-tutor` subcommand implements. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input (for `-` file arguments). */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  /** Arguments after the subcommand name, with the global `--data-dir` already removed. */
  argv: string[];
  /** Resolved data folder (`--data-dir`, `DAGGER_TUTOR_DATA_DIR`, or the OS default). */
  dataDir: string;
  io: CliIO;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 success, 1 the work failed, 2 usage or environment error. */
  run(ctx: CommandContext): Promise<number>;
}

/** Thrown for bad arguments; the dispatcher prints the message and the usage, exit 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** node:util's parseArgs, its complaints (unknown option, missing value) thrown as UsageErrors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
