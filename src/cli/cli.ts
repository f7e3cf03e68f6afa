import { resolveDataDir } from '../main/services/paths.js';
import { EXIT, UsageError, type CliIO } from './command.js';
import { COMMANDS } from './commands/index.js';

/** Removes the global `--data-dir DIR` / `--data-dir=DIR` option wherever it appears. */
export function extractDataDir(argv: string[]): { dataDir?: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--data-dir needs a folder');
      dataDir = value;
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else {
      rest.push(arg);
    }
  }
  return { dataDir, rest };
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'dagger-tutor — DAGGER Tutor from the command line',
    '',
    'Usage: dagger-tutor <command> [options]   (npm run -s cli -- <command> …)',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --data-dir DIR   data folder (default: $DAGGER_TUTOR_DATA_DIR, else the OS app-data folder)',
    '  --help           this text; `<command> --help` for a command',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const { dataDir, rest } = extractDataDir(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(helpText());
      return name ? EXIT.ok : EXIT.usage;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${helpText()}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${command.usage}\n`);
      return EXIT.ok;
    }
    try {
      return await command.run({ argv: args, dataDir: resolveDataDir(dataDir, io.env), io });
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`dagger-tutor ${name}: ${error.message}\n${command.usage}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`dagger-tutor: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`dagger-tutor: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}
