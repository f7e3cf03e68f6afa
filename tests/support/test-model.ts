/**
 * The generated test models, written once into .test-data/ (gitignored) and reused by every test,
 * benchmark and e2e setup:
 * - `realVocabTestModel()`: tiny random-weight Gemma-3 with Gemma-3's real vocabulary (262,144
 *   pieces, add_bos true): wherever tokenisation, prompt length, the grammar or the output layer
 *   matter.
 * - `ensureTestModel()`: the same architecture with a byte-level vocabulary: much faster per token,
 *   for tests that only need a model that streams.
 *
 * A file's name carries a hash of everything that makes it (the options, the generator's sources,
 * the tokenizer package's version), so a changed generator makes a new file and stale ones are
 * removed. One process generates while others wait (a lock folder), so parallel test workers never
 * build the same model twice.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gemma3TokenizerFiles, loadGemma3Vocabulary } from '../../src/main/services/models/gguf/gemma3-vocab.js';
import { resolveTestModelOptions, writeTestModel, type TestModelOptions } from '../../src/main/services/models/gguf/test-model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_DATA_DIR = path.join(ROOT, '.test-data');

/** The sources whose content decides the bytes of a generated model. */
const GENERATOR_DIR = path.join(ROOT, 'src/main/services/models');
const GENERATOR_SOURCES = ['gguf/test-model.ts', 'gguf/gemma3-vocab.ts', 'gguf/gemma3-metadata.ts', 'gguf/writer.ts', 'convert/tokenizer.ts'];

/** A lock older than this is a crashed generator's: taken over. Generating takes ~10-20 s here. */
const STALE_LOCK_MS = 5 * 60_000;

type Vocabulary = 'byte-level' | 'gemma3';

/** Path of the real-vocabulary test model (default: embedding 64, 2 layers; ~74 MB), generating it if needed. */
export function realVocabTestModel(options: TestModelOptions = {}): Promise<string> {
  return cachedModel('gemma3', options);
}

/** Path of the byte-level test model (default: embedding 64, 2 layers), generating it if needed. */
export function ensureTestModel(options: TestModelOptions = {}): Promise<string> {
  return cachedModel('byte-level', options);
}

async function cachedModel(vocabulary: Vocabulary, options: TestModelOptions): Promise<string> {
  const resolved = resolveTestModelOptions(options);
  const o = resolved;
  const slug = `test-model-${vocabulary}-e${o.embedding}-l${o.layers}-h${o.heads}-f${o.feedForward}-c${o.contextLength}-w${o.slidingWindow}-s${o.seed}`;
  const file = path.join(TEST_DATA_DIR, `${slug}-${generatorHash(vocabulary, resolved)}.gguf`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(TEST_DATA_DIR, { recursive: true });

  const lock = `${file}.lock`;
  while (!tryLock(lock)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (fs.existsSync(file)) return file;
  }
  try {
    if (fs.existsSync(file)) return file;
    // Write to a private temporary name, then rename: no process ever sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    if (vocabulary === 'gemma3') writeTestModel(temp, resolved, { kind: 'gemma3', vocabulary: loadGemma3Vocabulary() });
    else writeTestModel(temp, resolved);
    fs.renameSync(temp, file);
    removeStale(slug, file);
    return file;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function generatorHash(vocabulary: Vocabulary, options: Required<TestModelOptions>): string {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.stringify({ vocabulary, options }));
  for (const name of GENERATOR_SOURCES) {
    const source = path.join(GENERATOR_DIR, name);
    if (fs.existsSync(source)) hash.update(name).update(fs.readFileSync(source));
  }
  if (vocabulary === 'gemma3') hash.update(gemma3TokenizerFiles().packageVersion);
  return hash.digest('hex').slice(0, 12);
}

/** mkdir is atomic: whoever creates the folder holds the lock. A stale lock is removed. */
function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/** Earlier generations of the same model (other hashes) are dead weight: ~74 MB each. */
function removeStale(slug: string, current: string): void {
  for (const name of fs.readdirSync(TEST_DATA_DIR)) {
    const file = path.join(TEST_DATA_DIR, name);
    if (name.startsWith(`${slug}-`) && name.endsWith('.gguf') && file !== current) fs.rmSync(file, { force: true });
  }
}
