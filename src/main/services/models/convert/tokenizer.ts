/**
 * Builds a Gemma-3 GGUF vocabulary from a checkpoint folder the way llama.cpp's converter does:
 * SentencePiece pieces from tokenizer.model, `[PADn]` placeholders up to the embedding's rows,
 * added_tokens.json entries, tokenizer_config.json's added_tokens_decoder (special → CONTROL),
 * explicit special ids, the add-BOS/EOS flags and the chat template.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_TYPE, type Gemma3Tokenizer } from '../gguf/gemma3-metadata.js';
import { ConvertError } from './errors.js';
import { PIECE_TYPE, readSentencePieceModel } from './sentencepiece.js';

/** Gemma's special ids, used when neither tokenizer_config.json nor config.json names one. */
const GEMMA_SPECIAL_IDS = { pad: 0, eos: 1, bos: 2, unk: 3 } as const;
type SpecialKind = keyof typeof GEMMA_SPECIAL_IDS;

/** Score llama.cpp's converter gives added tokens, and placeholder slots. */
const ADDED_TOKEN_SCORE = -1000;
const PLACEHOLDER_SCORE = -10000;

interface TokenizerConfig {
  added_tokens_decoder?: Record<string, { content?: unknown; special?: unknown }>;
  chat_template?: unknown;
  add_bos_token?: unknown;
  add_eos_token?: unknown;
  [key: string]: unknown;
}

export function readJsonIfPresent<T>(file: string): T | null {
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new ConvertError('BAD_CHECKPOINT', `${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** Added tokens that should be control tokens even where a repo forgot to mark them special (llama.cpp's list). */
function looksSpecial(token: string): boolean {
  return (
    ['<pad>', '<mask>', '<2mass>', '[@BOS@]'].includes(token) ||
    (token.startsWith('<|') && token.endsWith('|>')) ||
    (token.startsWith('<｜') && token.endsWith('｜>')) ||
    (token.startsWith('<unused') && token.endsWith('>'))
  );
}

/**
 * Applies tokenizer_config.json's `added_tokens_decoder` to a vocabulary in place, as llama.cpp's
 * converter does: each added token within the vocabulary becomes CONTROL when special or looking
 * special, else USER_DEFINED with its space marks as spaces; both score -1000. Returns content → id
 * of every added token, to resolve the special tokens tokenizer_config names. (Also used for the
 * real-vocabulary test model, gguf/gemma3-vocab.ts.)
 */
export function applyAddedTokensDecoder(
  decoder: TokenizerConfig['added_tokens_decoder'],
  vocab: { tokens: string[]; scores: number[]; types: number[] },
): Map<string, number> {
  const addedIds = new Map<string, number>();
  for (const [key, entry] of Object.entries(decoder ?? {})) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || typeof entry?.content !== 'string') continue;
    if (!addedIds.has(entry.content)) addedIds.set(entry.content, id);
    if (id >= vocab.tokens.length) continue;
    let content = entry.content;
    if (entry.special === true || looksSpecial(content)) {
      vocab.types[id] = TOKEN_TYPE.CONTROL;
    } else {
      // A user-defined token is matched as typed text, so SentencePiece's space mark becomes a space.
      content = content.replaceAll('\u2581', ' ');
      vocab.types[id] = TOKEN_TYPE.USER_DEFINED;
    }
    vocab.scores[id] = ADDED_TOKEN_SCORE;
    vocab.tokens[id] = content;
  }
  return addedIds;
}

/** SentencePiece's type → llama.cpp's token type; user-defined pieces count as normal, as in llama.cpp's converter. */
function tokenTypeOfPiece(type: number): number {
  switch (type) {
    case PIECE_TYPE.UNKNOWN: return TOKEN_TYPE.UNKNOWN;
    case PIECE_TYPE.CONTROL: return TOKEN_TYPE.CONTROL;
    case PIECE_TYPE.UNUSED: return TOKEN_TYPE.UNUSED;
    case PIECE_TYPE.BYTE: return TOKEN_TYPE.BYTE;
    default: return TOKEN_TYPE.NORMAL;
  }
}

function chatTemplate(dir: string, config: TokenizerConfig | null): string | null {
  const pick = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    // A list of named templates: the default one is the chat template.
    if (Array.isArray(value)) {
      const named = value.find((t: { name?: unknown }) => t?.name === 'default') as { template?: unknown } | undefined;
      return typeof named?.template === 'string' ? named.template : null;
    }
    return null;
  };
  const fromConfig = pick(config?.chat_template);
  if (fromConfig !== null) return fromConfig;
  const jinja = path.join(dir, 'chat_template.jinja');
  if (fs.existsSync(jinja)) return fs.readFileSync(jinja, 'utf8');
  return pick(readJsonIfPresent<{ chat_template?: unknown }>(path.join(dir, 'chat_template.json'))?.chat_template);
}

/**
 * The vocabulary for an embedding of `vocabSize` rows. `modelConfig` is config.json (merged with
 * text_config), consulted for special ids after tokenizer_config.json, as llama.cpp does.
 */
export function readGemmaTokenizer(dir: string, vocabSize: number, modelConfig: Record<string, unknown>): Gemma3Tokenizer {
  const modelFile = path.join(dir, 'tokenizer.model');
  if (!fs.existsSync(modelFile)) {
    throw new ConvertError('BAD_CHECKPOINT', `${dir} has no tokenizer.model; a Gemma-3 checkpoint needs its SentencePiece tokenizer to be converted`);
  }
  let pieces;
  try {
    pieces = readSentencePieceModel(fs.readFileSync(modelFile));
  } catch (error) {
    throw new ConvertError('BAD_CHECKPOINT', `${modelFile} is not a SentencePiece model: ${(error as Error).message}`);
  }

  const tokens = Array.from({ length: vocabSize }, (_, i) => `[PAD${i}]`);
  const scores = new Array<number>(vocabSize).fill(PLACEHOLDER_SCORE);
  const types = new Array<number>(vocabSize).fill(TOKEN_TYPE.UNUSED);
  pieces.slice(0, vocabSize).forEach((p, id) => {
    tokens[id] = p.piece;
    scores[id] = p.score;
    types[id] = tokenTypeOfPiece(p.type);
  });

  const addedTokens = readJsonIfPresent<Record<string, unknown>>(path.join(dir, 'added_tokens.json')) ?? {};
  for (const [content, id] of Object.entries(addedTokens)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= vocabSize) continue;
    tokens[id] = content;
    scores[id] = ADDED_TOKEN_SCORE;
    types[id] = TOKEN_TYPE.USER_DEFINED;
  }

  const config = readJsonIfPresent<TokenizerConfig>(path.join(dir, 'tokenizer_config.json'));
  const addedIds = applyAddedTokensDecoder(config?.added_tokens_decoder, { tokens, scores, types });

  const specialId = (kind: SpecialKind): number => {
    const entry = config?.[`${kind}_token`];
    const content = typeof entry === 'string' ? entry : typeof (entry as { content?: unknown })?.content === 'string' ? (entry as { content: string }).content : null;
    const fromTokenizer = content !== null ? addedIds.get(content) : undefined;
    if (fromTokenizer !== undefined && fromTokenizer < vocabSize) return fromTokenizer;
    const fromModel = modelConfig[`${kind}_token_id`];
    if (typeof fromModel === 'number' && Number.isInteger(fromModel) && fromModel >= 0 && fromModel < vocabSize) return fromModel;
    return GEMMA_SPECIAL_IDS[kind];
  };

  return {
    tokens,
    scores,
    types,
    bosId: specialId('bos'),
    eosId: specialId('eos'),
    unkId: specialId('unk'),
    padId: specialId('pad'),
    addBos: typeof config?.add_bos_token === 'boolean' ? config.add_bos_token : true,
    addEos: typeof config?.add_eos_token === 'boolean' ? config.add_eos_token : false,
    addSep: false,
    chatTemplate: chatTemplate(dir, config),
  };
}
