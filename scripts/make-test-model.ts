/**
 * `npm run make-test-model -- --out <path> [--vocab gemma3|byte-level] [--embedding N] [--layers N] [--heads N] [--ff N] [--context N] [--sliding-window N] [--seed N]`
 * Writes a deterministic random-weight test GGUF (see src/main/services/models/gguf/test-model.ts):
 * with Gemma-3's real vocabulary (`--vocab gemma3`, needs the development dependencies) or the
 * byte-level one (default).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadGemma3Vocabulary } from '../src/main/services/models/gguf/gemma3-vocab.js';
import { writeTestModel, type TestModelOptions, type TestModelTokenizer } from '../src/main/services/models/gguf/test-model.js';

const USAGE = 'usage: npm run make-test-model -- --out <file.gguf> [--vocab gemma3|byte-level] [--embedding 64] [--layers 2] [--heads 4] [--ff N] [--context N] [--sliding-window N] [--seed 1]';

function main(argv: string[]): number {
  const options: TestModelOptions = {};
  let out: string | undefined;
  let vocab = 'byte-level';
  const numeric: Record<string, keyof TestModelOptions> = {
    '--embedding': 'embedding', '--layers': 'layers', '--heads': 'heads', '--ff': 'feedForward',
    '--context': 'contextLength', '--seed': 'seed', '--sliding-window': 'slidingWindow',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--out' && value) { out = value; i++; }
    else if (arg === '--vocab' && (value === 'gemma3' || value === 'byte-level')) { vocab = value; i++; }
    else if (numeric[arg] && value && /^\d+$/.test(value)) { options[numeric[arg]] = Number(value); i++; }
    else { console.error(`make-test-model: unexpected argument "${arg}"\n${USAGE}`); return 2; }
  }
  if (!out) { console.error(USAGE); return 2; }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  try {
    const tokenizer: TestModelTokenizer = vocab === 'gemma3' ? { kind: 'gemma3', vocabulary: loadGemma3Vocabulary() } : { kind: 'byte-level' };
    const bytes = writeTestModel(out, options, tokenizer);
    console.log(`wrote ${out} (${bytes} bytes, ${vocab} vocabulary)`);
    return 0;
  } catch (error) {
    console.error(`make-test-model: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
