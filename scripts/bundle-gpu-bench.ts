/**
 * `npm run bench:gpu:bundle`: makes bench:gpu runnable on a machine that has Node and
 * node-llama-cpp (its CUDA build) but no npm, no network and no copy of this repository beyond a
 * few files:
 * - out/bench/gpu.bench.mjs: bench/gpu.bench.ts and everything it imports in one ESM file, with
 *   node-llama-cpp left external (it is resolved from a node_modules beside or above the file);
 * - out/bench/gemma3-vocab.json.gz: Gemma-3's vocabulary (from the tokenizer package), 1.9 MB.
 * Run there: node out/bench/gpu.bench.mjs --json --shapes 12b,4b (the vocabulary file beside the
 * bundle is read without an option; --vocab FILE names another).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadGemma3Vocabulary } from '../src/main/services/models/gguf/gemma3-vocab.js';
import { BUNDLED_VOCABULARY_NAME, writeVocabularyFile } from '../bench/support/vocabulary-file.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'bench');
fs.mkdirSync(outDir, { recursive: true });

const bundle = path.join(outDir, 'gpu.bench.mjs');
await build({
  entryPoints: [path.join(root, 'bench', 'gpu.bench.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // The native binding and its own dependencies stay a package on the target machine.
  external: ['node-llama-cpp'],
  // A bundled CommonJS dependency may call require(): give the ESM file one.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

const vocabulary = path.join(outDir, BUNDLED_VOCABULARY_NAME);
const vocabularyBytes = writeVocabularyFile(vocabulary, loadGemma3Vocabulary());
const size = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(2)} MB`;
console.log(`${path.relative(root, bundle)} ${size(bundle)}`);
console.log(`${path.relative(root, vocabulary)} ${(vocabularyBytes / 1e6).toFixed(2)} MB (gzip)`);
console.log(`run: node ${path.relative(root, bundle)} --json --shapes 12b,4b   (the vocabulary beside it is found by itself)`);
