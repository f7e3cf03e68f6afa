/**
 * `npm run make-test-model -- --out <path> [--embedding N] [--layers N] [--heads N] [--ff N] [--seed N]`
 * Writes the deterministic random-weight test GGUF (see src/main/services/models/gguf/test-model.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeTestModel, type TestModelOptions } from '../src/main/services/models/gguf/test-model.js';

const USAGE = 'usage: npm run make-test-model -- --out <file.gguf> [--embedding 64] [--layers 2] [--heads 4] [--ff N] [--context N] [--seed 1]';

function main(argv: string[]): number {
  const options: TestModelOptions = {};
  let out: string | undefined;
  const numeric: Record<string, keyof TestModelOptions> = {
    '--embedding': 'embedding', '--layers': 'layers', '--heads': 'heads', '--ff': 'feedForward',
    '--context': 'contextLength', '--seed': 'seed', '--sliding-window': 'slidingWindow',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--out' && value) { out = value; i++; }
    else if (numeric[arg] && value && /^\d+$/.test(value)) { options[numeric[arg]] = Number(value); i++; }
    else { console.error(`make-test-model: unexpected argument "${arg}"\n${USAGE}`); return 2; }
  }
  if (!out) { console.error(USAGE); return 2; }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  try {
    const bytes = writeTestModel(out, options);
    console.log(`wrote ${out} (${bytes} bytes)`);
    return 0;
  } catch (error) {
    console.error(`make-test-model: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
