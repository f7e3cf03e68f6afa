/**
 * Gemma-3's vocabulary as one small file (gzipped JSON of what gemma3TokenizerMetadata writes), so
 * the bundled GPU benchmark can run where the tokenizer package is not installed: the 33 MB
 * tokenizer.json becomes a ~3 MB file carried next to the bundle.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Gemma3Tokenizer } from '../../src/main/services/models/gguf/gemma3-metadata.js';
import { loadGemma3Vocabulary } from '../../src/main/services/models/gguf/gemma3-vocab.js';

const FORMAT = 'dagger-tutor/gemma3-vocabulary@1';

export function writeVocabularyFile(file: string, vocabulary: Gemma3Tokenizer): number {
  const { tokens, scores, types, bosId, eosId, unkId, padId, addBos, addEos, addSep, chatTemplate } = vocabulary;
  const json = JSON.stringify({ format: FORMAT, tokens, scores, types, bosId, eosId, unkId, padId, addBos, addEos, addSep, chatTemplate });
  const packed = zlib.gzipSync(json, { level: 9 });
  fs.writeFileSync(file, packed);
  return packed.length;
}

export function readVocabularyFile(file: string): Gemma3Tokenizer {
  const value = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as Gemma3Tokenizer & { format?: string };
  if (value.format !== FORMAT) throw new Error(`${file} is not a vocabulary file written by bench:gpu:bundle (format ${String(value.format)})`);
  const { format: _format, ...vocabulary } = value;
  return vocabulary;
}

/** Where bench:gpu:bundle puts the file: beside the bundle, which is where this code then runs from. */
export const BUNDLED_VOCABULARY_NAME = 'gemma3-vocab.json.gz';

/**
 * From `file` when given; else from the file beside the bundled script (so the bundle runs with no
 * option); else from the tokenizer package (a development dependency: the unbundled benchmark).
 */
export function benchVocabulary(file: string | undefined): Gemma3Tokenizer {
  if (file !== undefined) return readVocabularyFile(file);
  const beside = fileURLToPath(new URL(`./${BUNDLED_VOCABULARY_NAME}`, import.meta.url));
  return fs.existsSync(beside) ? readVocabularyFile(beside) : loadGemma3Vocabulary();
}
