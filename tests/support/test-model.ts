/**
 * The shared test model: generated once per checkout into .test-data/ (gitignored) and reused.
 * Any test or browser-host/e2e setup calls `ensureTestModel()` and gets a path to a real GGUF that
 * llama.cpp loads (tiny random-weight Gemma-3, byte-level vocabulary).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestModel, type TestModelOptions } from '../../src/main/services/models/gguf/test-model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_DATA_DIR = path.join(ROOT, '.test-data');

/** Returns the path of the default test model (embedding 64, 2 layers), writing it if needed. */
export async function ensureTestModel(options: TestModelOptions = {}): Promise<string> {
  const suffix = Object.keys(options).length === 0 ? 'default'
    : Object.entries(options).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}-${v}`).join('_');
  const file = path.join(TEST_DATA_DIR, `test-model-${suffix}.gguf`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(TEST_DATA_DIR, { recursive: true });
  // Write to a private temporary name, then rename: parallel test processes never see half a file.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeTestModel(temp, options);
  fs.renameSync(temp, file);
  return file;
}
