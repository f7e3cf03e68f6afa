/**
 * The GGUF metadata llama.cpp needs for a Gemma-3 (`gemma3`) model, with the keys, GGUF types and
 * values llama.cpp's own converter (convert_hf_to_gguf.py, Gemma3Model + SpecialVocab) writes.
 * Shared by the checkpoint converter, the real-vocabulary test model and the 12B-shaped benchmark
 * model, so all three describe a model the same way.
 */
import type { GgufMetadata, GgufValue } from './writer.js';

/** Gemma-3 text hyper-parameters, already resolved (no defaults applied here). */
export interface Gemma3HyperParameters {
  /** max_position_embeddings */
  contextLength: number;
  /** hidden_size */
  embeddingLength: number;
  /** num_hidden_layers */
  blockCount: number;
  /** intermediate_size */
  feedForwardLength: number;
  headCount: number;
  headCountKv: number;
  /** head_dim: Gemma-3's is not hidden_size / heads. */
  headDim: number;
  rmsNormEps: number;
  /** Size of the local (sliding-window) attention; null only when the model has no sliding layers. */
  slidingWindow: number | null;
  /** rope_theta of the global layers. */
  ropeFreqBase: number;
  /** rope_local_base_freq of the sliding layers; null to leave the key out. */
  ropeFreqBaseSwa: number | null;
  /** Linear rope scaling (4B and 12B have factor 8); null when the config has none. */
  ropeScalingLinearFactor: number | null;
  /** Gemma-3 has none; kept for a config that sets one. */
  finalLogitSoftcapping: number | null;
}

/** llama.cpp's llama_ftype values for the output types the converter makes. */
export const LLAMA_FTYPE = { F32: 0, F16: 1, Q8_0: 7, Q4_K_M: 15, BF16: 32 } as const;
export type OutputType = keyof typeof LLAMA_FTYPE;

/** ggml's quantisation format version (GGML_QNT_VERSION), written by every converter and quantiser. */
export const GGML_QUANTIZATION_VERSION = 2;

const u32 = (value: number): GgufValue => ({ type: 'uint32', value });
const f32 = (value: number): GgufValue => ({ type: 'float32', value });
const bool = (value: boolean): GgufValue => ({ type: 'bool', value });
const str = (value: string): GgufValue => ({ type: 'string', value });

/** `general.architecture` and every `gemma3.*` key. */
export function gemma3ArchitectureMetadata(h: Gemma3HyperParameters): GgufMetadata {
  const m: GgufMetadata = {
    'general.architecture': str('gemma3'),
    'gemma3.block_count': u32(h.blockCount),
    'gemma3.context_length': u32(h.contextLength),
    'gemma3.embedding_length': u32(h.embeddingLength),
    'gemma3.feed_forward_length': u32(h.feedForwardLength),
    'gemma3.attention.head_count': u32(h.headCount),
    'gemma3.attention.head_count_kv': u32(h.headCountKv),
    'gemma3.rope.freq_base': f32(h.ropeFreqBase),
  };
  if (h.ropeFreqBaseSwa !== null) m['gemma3.rope.freq_base_swa'] = f32(h.ropeFreqBaseSwa);
  if (h.ropeScalingLinearFactor !== null) {
    m['gemma3.rope.scaling.type'] = str('linear');
    m['gemma3.rope.scaling.factor'] = f32(h.ropeScalingLinearFactor);
  }
  m['gemma3.attention.layer_norm_rms_epsilon'] = f32(h.rmsNormEps);
  m['gemma3.attention.key_length'] = u32(h.headDim);
  m['gemma3.attention.value_length'] = u32(h.headDim);
  if (h.finalLogitSoftcapping !== null) m['gemma3.final_logit_softcapping'] = f32(h.finalLogitSoftcapping);
  if (h.slidingWindow !== null) m['gemma3.attention.sliding_window'] = u32(h.slidingWindow);
  return m;
}

/** SentencePiece token types as llama.cpp stores them in `tokenizer.ggml.token_type`. */
export const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

export interface Gemma3Tokenizer {
  /** One entry per embedding row. */
  tokens: string[];
  scores: number[];
  /** TOKEN_TYPE values. */
  types: number[];
  bosId: number;
  eosId: number;
  unkId: number;
  padId: number;
  /** Gemma: true (one <bos> at the start of every prompt). */
  addBos: boolean;
  /** Gemma: false. */
  addEos: boolean;
  /** Gemma: false (no separator between a pair of sequences). */
  addSep: boolean;
  /** Jinja chat template; null leaves the key out. */
  chatTemplate: string | null;
}

/**
 * Every `tokenizer.*` key of a SentencePiece ("llama") vocabulary. The special ids are always
 * written: llama.cpp's defaults for this tokenizer are LLaMA's, which are wrong for Gemma.
 */
export function gemma3TokenizerMetadata(t: Gemma3Tokenizer): GgufMetadata {
  if (t.scores.length !== t.tokens.length || t.types.length !== t.tokens.length) {
    throw new Error(`tokenizer: ${t.tokens.length} tokens but ${t.scores.length} scores and ${t.types.length} types`);
  }
  const m: GgufMetadata = {
    'tokenizer.ggml.model': str('llama'),
    'tokenizer.ggml.pre': str('default'),
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: t.tokens },
    'tokenizer.ggml.scores': { type: 'array', itemType: 'float32', value: t.scores },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', value: t.types },
    'tokenizer.ggml.bos_token_id': u32(t.bosId),
    'tokenizer.ggml.eos_token_id': u32(t.eosId),
    'tokenizer.ggml.unknown_token_id': u32(t.unkId),
    'tokenizer.ggml.padding_token_id': u32(t.padId),
    'tokenizer.ggml.add_bos_token': bool(t.addBos),
    'tokenizer.ggml.add_sep_token': bool(t.addSep),
    'tokenizer.ggml.add_eos_token': bool(t.addEos),
  };
  if (t.chatTemplate !== null) m['tokenizer.chat_template'] = str(t.chatTemplate);
  // Gemma's SentencePiece model has no dummy prefix: "Hello" must not become "▁Hello".
  m['tokenizer.ggml.add_space_prefix'] = bool(false);
  return m;
}

/** `general.file_type` and `general.quantization_version` for an output type. */
export function fileTypeMetadata(type: OutputType): GgufMetadata {
  return {
    'general.file_type': u32(LLAMA_FTYPE[type]),
    'general.quantization_version': u32(GGML_QUANTIZATION_VERSION),
  };
}

/** Sampling defaults from generation_config.json, as llama.cpp's converter records them. */
export interface SamplingDefaults {
  topK?: number;
  topP?: number;
  minP?: number;
  temperature?: number;
  repeatPenalty?: number;
}

/** `general.type` and the `general.sampling.*` keys; `general.name` when a name is given. */
export function generalMetadata(options: { name?: string; sampling?: SamplingDefaults } = {}): GgufMetadata {
  const m: GgufMetadata = { 'general.type': str('model') };
  const s = options.sampling ?? {};
  if (s.topK !== undefined) m['general.sampling.top_k'] = { type: 'int32', value: s.topK };
  if (s.topP !== undefined) m['general.sampling.top_p'] = f32(s.topP);
  if (s.minP !== undefined) m['general.sampling.min_p'] = f32(s.minP);
  if (s.temperature !== undefined) m['general.sampling.temp'] = f32(s.temperature);
  if (s.repeatPenalty !== undefined) m['general.sampling.penalty_repeat'] = f32(s.repeatPenalty);
  if (options.name !== undefined) m['general.name'] = str(options.name);
  return m;
}
