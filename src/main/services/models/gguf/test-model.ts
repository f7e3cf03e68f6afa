/**
 * Builds the project's deterministic random-weight test models: tiny Gemma-3-architecture GGUFs
 * with one of two vocabularies. Same options → byte-identical file.
 * - 'gemma3': Gemma-3's real vocabulary (262,144 pieces, scores, types, special ids, add_bos true,
 *   add_space_prefix false, Gemma-3's chat template; see gemma3-vocab.ts), so the model tokenises
 *   exactly as a real DAGGER GGUF does. For everything where tokenisation, prompt length, the
 *   grammar's cost over the vocabulary or the output layer matter.
 * - 'byte-level' (default): every UTF-8 byte is a token (so Bangla encodes), plus the Gemma special
 *   tokens and a Gemma-style template; a 262-row output layer makes it very fast, for tests that
 *   only need a model that streams.
 *
 * Real DAGGER weights cannot be downloaded on the build machines; these models let tests and the
 * benchmarks drive real llama.cpp end to end. Their output is noise unless a grammar constrains it.
 */
import { fileTypeMetadata, gemma3ArchitectureMetadata, gemma3TokenizerMetadata, generalMetadata, TOKEN_TYPE } from './gemma3-metadata.js';
import type { Gemma3Vocabulary } from './gemma3-vocab.js';
import { writeGguf, type GgufMetadata, type GgufTensor, type GgufValue } from './writer.js';

export interface TestModelOptions {
  /** Embedding width (d_model). Default 64. */
  embedding?: number;
  /** Transformer blocks. Default 2. */
  layers?: number;
  /** Attention heads (head dim = embedding / heads). Default 4. */
  heads?: number;
  /** Feed-forward width. Default 2 × embedding. */
  feedForward?: number;
  /** Trained context length recorded in the metadata. Default 8192 (the byte-level prompt is ~3k tokens). */
  contextLength?: number;
  /** Sliding-window size for Gemma-3's local layers. Default 512, smaller than the prompt, so SWA is exercised. */
  slidingWindow?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
}

/** The tokenizer part of the test model: the byte-level one, or Gemma-3's real vocabulary (loadGemma3Vocabulary()). */
export type TestModelTokenizer = { kind: 'byte-level' } | { kind: 'gemma3'; vocabulary: Gemma3Vocabulary };

/** Gemma's special tokens, at Gemma's own ids for the first four. */
export const TEST_MODEL_SPECIAL_TOKENS = ['<pad>', '<eos>', '<bos>', '<unk>', '<start_of_turn>', '<end_of_turn>'] as const;

/** A Gemma-style chat template (own wording): bos, turns with trimmed content, assistant → model. */
export const TEST_MODEL_CHAT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'assistant' %}{% set role = 'model' %}" +
  "{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + " +
  "'<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<start_of_turn>model\n' }}{% endif %}";

/** GPT-2's reversible byte → printable-character mapping, so each of the 256 bytes is one vocabulary entry. */
export function byteLevelAlphabet(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const out: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable(b) ? b : 256 + extra++));
  return out;
}

/** mulberry32: tiny, fast, deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `general.*` and `gemma3.*` keys: the architecture llama.cpp builds (Gemma-3's rope bases and epsilon). */
function architectureMetadata(o: Required<TestModelOptions>): GgufMetadata {
  return {
    ...gemma3ArchitectureMetadata({
      contextLength: o.contextLength,
      embeddingLength: o.embedding,
      blockCount: o.layers,
      feedForwardLength: o.feedForward,
      headCount: o.heads,
      headCountKv: o.heads,
      headDim: o.embedding / o.heads,
      rmsNormEps: 1e-6,
      slidingWindow: o.slidingWindow,
      ropeFreqBase: 1_000_000,
      ropeFreqBaseSwa: 10_000,
      ropeScalingLinearFactor: null,
      finalLogitSoftcapping: null,
    }),
    ...generalMetadata({ name: 'dagger-tutor-test-model' }),
    ...fileTypeMetadata('F32'),
  };
}

/** A byte-level vocabulary (GPT-2 style, no merges) with Gemma's special tokens; add_bos false. */
function byteLevelTokenizerMetadata(): GgufMetadata {
  const tokens = [...TEST_MODEL_SPECIAL_TOKENS, ...byteLevelAlphabet()];
  const types = tokens.map((_, i) => (i === 3 ? TOKEN_TYPE.UNKNOWN : i < TEST_MODEL_SPECIAL_TOKENS.length ? TOKEN_TYPE.CONTROL : TOKEN_TYPE.NORMAL));
  const u32 = (value: number): GgufValue => ({ type: 'uint32', value });
  return {
    'tokenizer.ggml.model': { type: 'string', value: 'gpt2' },
    'tokenizer.ggml.pre': { type: 'string', value: 'default' },
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: tokens },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', value: types },
    // No merges: every character falls back to its byte tokens. llama.cpp requires the key.
    'tokenizer.ggml.merges': { type: 'array', itemType: 'string', value: [] },
    'tokenizer.ggml.padding_token_id': u32(0),
    'tokenizer.ggml.eos_token_id': u32(1),
    'tokenizer.ggml.bos_token_id': u32(2),
    'tokenizer.ggml.unknown_token_id': u32(3),
    'tokenizer.ggml.eot_token_id': u32(5),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: false },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
    'tokenizer.chat_template': { type: 'string', value: TEST_MODEL_CHAT_TEMPLATE },
  };
}

export function testModelMetadata(o: Required<TestModelOptions>, tokenizer: TestModelTokenizer = { kind: 'byte-level' }): GgufMetadata {
  return {
    ...architectureMetadata(o),
    ...(tokenizer.kind === 'gemma3' ? gemma3TokenizerMetadata(tokenizer.vocabulary) : byteLevelTokenizerMetadata()),
  };
}

function testModelTensors(o: Required<TestModelOptions>, vocabSize: number): GgufTensor[] {
  const random = prng(o.seed);
  const headDim = o.embedding / o.heads;
  const matrix = (name: string, cols: number, rows: number): GgufTensor => {
    // Scaled like a trained layer (≈ 1/sqrt(fan-in)) so activations neither vanish nor explode.
    const scale = 1 / Math.sqrt(cols);
    const data = new Float32Array(cols * rows);
    for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * scale;
    return { name, dims: [cols, rows], data };
  };
  // Gemma's RMSNorm multiplies by (1 + w); the converter stores w + 1, so 1 is the neutral value.
  const norm = (name: string, n: number): GgufTensor => ({ name, dims: [n], data: new Float32Array(n).fill(1) });
  const e = o.embedding;
  const tensors: GgufTensor[] = [matrix('token_embd.weight', e, vocabSize), norm('output_norm.weight', e)];
  for (let l = 0; l < o.layers; l++) {
    const b = `blk.${l}`;
    tensors.push(
      norm(`${b}.attn_norm.weight`, e),
      matrix(`${b}.attn_q.weight`, e, o.heads * headDim),
      matrix(`${b}.attn_k.weight`, e, o.heads * headDim),
      matrix(`${b}.attn_v.weight`, e, o.heads * headDim),
      norm(`${b}.attn_q_norm.weight`, headDim),
      norm(`${b}.attn_k_norm.weight`, headDim),
      matrix(`${b}.attn_output.weight`, o.heads * headDim, e),
      norm(`${b}.post_attention_norm.weight`, e),
      norm(`${b}.ffn_norm.weight`, e),
      matrix(`${b}.ffn_gate.weight`, e, o.feedForward),
      matrix(`${b}.ffn_up.weight`, e, o.feedForward),
      matrix(`${b}.ffn_down.weight`, o.feedForward, e),
      norm(`${b}.post_ffw_norm.weight`, e),
    );
  }
  return tensors;
}

export function resolveTestModelOptions(options: TestModelOptions = {}): Required<TestModelOptions> {
  const embedding = options.embedding ?? 64;
  const resolved = {
    embedding,
    layers: options.layers ?? 2,
    heads: options.heads ?? 4,
    feedForward: options.feedForward ?? embedding * 2,
    contextLength: options.contextLength ?? 8192,
    slidingWindow: options.slidingWindow ?? 512,
    seed: options.seed ?? 1,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`test model: ${key} must be a positive integer, got ${value}`);
  }
  if (embedding % resolved.heads !== 0) throw new Error(`test model: embedding (${embedding}) must be divisible by heads (${resolved.heads})`);
  return resolved;
}

/** Writes the test model to `file` (byte-level vocabulary unless told otherwise); returns its size in bytes. */
export function writeTestModel(file: string, options: TestModelOptions = {}, tokenizer: TestModelTokenizer = { kind: 'byte-level' }): number {
  const o = resolveTestModelOptions(options);
  const metadata = testModelMetadata(o, tokenizer);
  const vocab = metadata['tokenizer.ggml.tokens'];
  // The embedding has one row per token (and is also the tied output layer).
  const vocabSize = vocab?.type === 'array' ? vocab.value.length : 0;
  return writeGguf(file, metadata, testModelTensors(o, vocabSize));
}
