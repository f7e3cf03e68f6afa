/**
 * Reads a Hugging Face Gemma-3 checkpoint folder: which layout it is, its text hyper-parameters
 * (a sparse config takes Gemma3TextConfig's defaults, then is checked against the tensor shapes),
 * its safetensors (one file or shards with an index) and the GGUF name of every text tensor.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Gemma3HyperParameters } from '../gguf/gemma3-metadata.js';
import { ConvertError } from './errors.js';
import { readSafetensorsHeader, type SafetensorsTensor, type SourceDtype } from './safetensors.js';
import type { TensorShapeInfo } from './tensor-types.js';
import { readJsonIfPresent } from './tokenizer.js';

export type CheckpointLayout = 'Gemma3ForCausalLM' | 'Gemma3ForConditionalGeneration';

/** transformers' Gemma3TextConfig defaults, for keys a saved config leaves out. */
const GEMMA3_TEXT_DEFAULTS = {
  vocab_size: 262_208,
  hidden_size: 2304,
  intermediate_size: 9216,
  num_hidden_layers: 26,
  num_attention_heads: 8,
  num_key_value_heads: 4,
  head_dim: 256,
  max_position_embeddings: 131_072,
  rms_norm_eps: 1e-6,
  rope_theta: 1_000_000,
  rope_local_base_freq: 10_000,
  sliding_window: 4096,
} as const;

/** One text tensor to convert. */
export interface SourceTensor extends SafetensorsTensor {
  ggufName: string;
  /** ggml order (reversed shape); the embedding's rows may be cut to the vocabulary size. */
  ggufDims: number[];
  /** Gemma's RMSNorm multiplies by (1 + w): the GGUF stores w + 1. */
  normPlusOne: boolean;
  /** Layer index for `blk.N.*` tensors, else null. */
  layer: number | null;
}

export interface Checkpoint {
  dir: string;
  layout: CheckpointLayout;
  /** config.json with text_config merged over it (what llama.cpp's converter reads). */
  config: Record<string, unknown>;
  hparams: Gemma3HyperParameters;
  /** Rows of the output vocabulary (= embedding rows written). */
  vocabSize: number;
  tensors: SourceTensor[];
  /** Tensors left out (vision tower, projector, tied head). */
  skipped: string[];
  /** The safetensors files, in the order their tensors are read. */
  files: string[];
  /** Sum of the safetensors files' sizes. */
  inputBytes: number;
  dtypes: SourceDtype[];
}

/** Per-layer HF name (after `model.layers.N.`) → GGUF name (after `blk.N.`). */
const LAYER_TENSORS: Record<string, string> = {
  'input_layernorm.weight': 'attn_norm.weight',
  'self_attn.q_proj.weight': 'attn_q.weight',
  'self_attn.k_proj.weight': 'attn_k.weight',
  'self_attn.v_proj.weight': 'attn_v.weight',
  'self_attn.o_proj.weight': 'attn_output.weight',
  'self_attn.q_norm.weight': 'attn_q_norm.weight',
  'self_attn.k_norm.weight': 'attn_k_norm.weight',
  'post_attention_layernorm.weight': 'post_attention_norm.weight',
  'pre_feedforward_layernorm.weight': 'ffn_norm.weight',
  'post_feedforward_layernorm.weight': 'post_ffw_norm.weight',
  'mlp.gate_proj.weight': 'ffn_gate.weight',
  'mlp.up_proj.weight': 'ffn_up.weight',
  'mlp.down_proj.weight': 'ffn_down.weight',
};

/** Prefixes of tensors a text-only GGUF leaves out. */
const SKIPPED_PREFIXES = ['vision_tower.', 'multi_modal_projector.', 'model.vision_tower.', 'model.multi_modal_projector.'];
/** The output head is tied to the embedding in Gemma-3: a saved copy is not written. */
const TIED_HEADS = ['lm_head.weight', 'language_model.lm_head.weight'];

/** The HF name with the multimodal wrapper's prefix removed: `model.…`, or null for a tensor to skip. */
function textTensorName(name: string): string | null {
  if (SKIPPED_PREFIXES.some((p) => name.startsWith(p)) || TIED_HEADS.includes(name)) return null;
  if (name.startsWith('language_model.model.')) return `model.${name.slice('language_model.model.'.length)}`;
  if (name.startsWith('model.language_model.')) return `model.${name.slice('model.language_model.'.length)}`;
  return name;
}

/** GGUF name and layer of a `model.…` text tensor, or null when it is not a Gemma-3 text tensor. */
export function ggufTensorName(textName: string): { name: string; layer: number | null } | null {
  if (textName === 'model.embed_tokens.weight') return { name: 'token_embd.weight', layer: null };
  if (textName === 'model.norm.weight') return { name: 'output_norm.weight', layer: null };
  const match = /^model\.layers\.(\d+)\.(.+)$/.exec(textName);
  const mapped = match ? LAYER_TENSORS[match[2]!] : undefined;
  if (!match || !mapped) return null;
  return { name: `blk.${match[1]}.${mapped}`, layer: Number(match[1]) };
}

function readConfig(dir: string): { layout: CheckpointLayout; config: Record<string, unknown> } {
  const file = path.join(dir, 'config.json');
  const raw = readJsonIfPresent<Record<string, unknown>>(file);
  if (!raw) throw new ConvertError('NOT_FOUND', `${dir} has no config.json; choose the folder of a Hugging Face checkpoint (the one holding config.json and the .safetensors files)`);
  const architectures = Array.isArray(raw.architectures) ? (raw.architectures as unknown[]) : [];
  const declared = typeof architectures[0] === 'string' ? architectures[0] : null;
  const byModelType: Record<string, CheckpointLayout> = { gemma3_text: 'Gemma3ForCausalLM', gemma3: 'Gemma3ForConditionalGeneration' };
  const layout = declared ?? (typeof raw.model_type === 'string' ? byModelType[raw.model_type] : undefined) ?? null;
  if (layout !== 'Gemma3ForCausalLM' && layout !== 'Gemma3ForConditionalGeneration') {
    throw new ConvertError(
      'UNSUPPORTED_ARCHITECTURE',
      `${dir} holds a ${layout ?? String(raw.model_type ?? 'unknown')} model; only Gemma-3 checkpoints (Gemma3ForCausalLM or Gemma3ForConditionalGeneration, such as DAGGER 4B or 12B) can be converted`,
    );
  }
  const text = raw.text_config && typeof raw.text_config === 'object' ? (raw.text_config as Record<string, unknown>) : {};
  const config = { ...raw, ...text };
  // Gemma-3's output head is the embedding; a saved lm_head is only its copy, and is skipped.
  if (config.tie_word_embeddings === false) {
    throw new ConvertError('UNSUPPORTED_ARCHITECTURE', `${dir} is a Gemma-3 with a separate output head (tie_word_embeddings: false), which this converter does not handle; only standard Gemma-3 checkpoints can be converted`);
  }
  return { layout, config };
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Text hyper-parameters with Gemma-3's defaults for what the config leaves out (both rope styles). */
export function gemma3HyperParameters(config: Record<string, unknown>): Gemma3HyperParameters & { vocabSize: number } {
  const get = (key: keyof typeof GEMMA3_TEXT_DEFAULTS) => num(config[key]) ?? GEMMA3_TEXT_DEFAULTS[key];
  // transformers 5 writes rope settings per attention kind; older configs use rope_theta/rope_scaling.
  const ropeParameters = (config.rope_parameters ?? config.rope_scaling ?? {}) as Record<string, unknown>;
  const perKind = 'full_attention' in ropeParameters || 'sliding_attention' in ropeParameters;
  const full = (perKind ? ropeParameters.full_attention ?? {} : ropeParameters) as Record<string, unknown>;
  const sliding = (perKind ? ropeParameters.sliding_attention ?? {} : {}) as Record<string, unknown>;
  const ropeType = full.rope_type ?? full.type;
  const factor = num(full.factor);
  return {
    vocabSize: get('vocab_size'),
    contextLength: get('max_position_embeddings'),
    embeddingLength: get('hidden_size'),
    blockCount: get('num_hidden_layers'),
    feedForwardLength: get('intermediate_size'),
    headCount: get('num_attention_heads'),
    headCountKv: get('num_key_value_heads'),
    headDim: get('head_dim'),
    rmsNormEps: get('rms_norm_eps'),
    slidingWindow: config.sliding_window_pattern === 1 ? null : get('sliding_window'),
    ropeFreqBase: num(full.rope_theta) ?? get('rope_theta'),
    ropeFreqBaseSwa: num(sliding.rope_theta) ?? get('rope_local_base_freq'),
    ropeScalingLinearFactor: ropeType === 'linear' && factor !== undefined ? factor : null,
    finalLogitSoftcapping: num(config.final_logit_softcapping) ?? null,
  };
}

/** The safetensors files: from model.safetensors.index.json when present, else every *.safetensors. */
function safetensorsFiles(dir: string): string[] {
  const index = readJsonIfPresent<{ weight_map?: Record<string, string> }>(path.join(dir, 'model.safetensors.index.json'));
  let names: string[];
  if (index) {
    if (!index.weight_map || typeof index.weight_map !== 'object') throw new ConvertError('BAD_CHECKPOINT', `${dir}/model.safetensors.index.json has no weight_map`);
    names = [...new Set(Object.values(index.weight_map))];
  } else {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.safetensors'));
  }
  names.sort();
  if (names.length === 0) throw new ConvertError('NOT_FOUND', `${dir} has no .safetensors files; only safetensors checkpoints can be converted`);
  for (const name of names) {
    if (name !== path.basename(name)) throw new ConvertError('BAD_CHECKPOINT', `the index names ${name}, which is not a file in the checkpoint folder`);
  }
  return names.map((n) => path.join(dir, n));
}

/** The text tensors a Gemma-3 model with these hyper-parameters has, with their GGUF dims. */
export function expectedTextTensors(h: Gemma3HyperParameters, vocabSize: number): TensorShapeInfo[] {
  const e = h.embeddingLength;
  const out: TensorShapeInfo[] = [
    { ggufName: 'token_embd.weight', ggufDims: [e, vocabSize], layer: null },
    { ggufName: 'output_norm.weight', ggufDims: [e], layer: null },
  ];
  for (let i = 0; i < h.blockCount; i++) {
    const add = (name: string, dims: number[]) => out.push({ ggufName: `blk.${i}.${name}.weight`, ggufDims: dims, layer: i });
    for (const n of ['attn_norm', 'post_attention_norm', 'ffn_norm', 'post_ffw_norm']) add(n, [e]);
    add('attn_q', [e, h.headCount * h.headDim]);
    add('attn_k', [e, h.headCountKv * h.headDim]);
    add('attn_v', [e, h.headCountKv * h.headDim]);
    add('attn_output', [h.headCount * h.headDim, e]);
    add('attn_q_norm', [h.headDim]);
    add('attn_k_norm', [h.headDim]);
    add('ffn_gate', [e, h.feedForwardLength]);
    add('ffn_up', [e, h.feedForwardLength]);
    add('ffn_down', [h.feedForwardLength, e]);
  }
  return out;
}

/** Checks the tensors against the config (a sparse config read with wrong defaults fails here, not in llama.cpp). */
function checkShapes(dir: string, h: Gemma3HyperParameters, vocabSize: number, tensors: SourceTensor[]): void {
  const byName = new Map(tensors.map((t) => [t.ggufName, t]));
  const expected = expectedTextTensors(h, vocabSize);
  for (const { ggufName, ggufDims } of expected) {
    const t = byName.get(ggufName);
    if (!t) throw new ConvertError('BAD_CHECKPOINT', `${dir} lacks the tensor for ${ggufName}; the checkpoint is incomplete`);
    if (t.ggufDims.join('×') !== ggufDims.join('×')) {
      throw new ConvertError('BAD_CHECKPOINT', `${t.name} in ${dir} has shape ${t.shape.join('×')}, but config.json describes ${[...ggufDims].reverse().join('×')}; the config does not match the weights`);
    }
  }
  if (tensors.length !== expected.length) {
    const extra = tensors.find((t) => !expected.some((x) => x.ggufName === t.ggufName));
    throw new ConvertError('BAD_CHECKPOINT', `${extra?.name ?? 'a tensor'} is not part of the ${h.blockCount}-layer model config.json describes; the config does not match the weights`);
  }
}

export interface CheckpointConfig {
  layout: CheckpointLayout;
  config: Record<string, unknown>;
  hparams: Gemma3HyperParameters;
  vocabSize: number;
}

/** The folder's config.json, its layout and text hyper-parameters (no tensor is looked at). */
export function readCheckpointConfig(dir: string): CheckpointConfig {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ConvertError('NOT_FOUND', `${dir} is not a folder`);
  const { layout, config } = readConfig(dir);
  const { vocabSize, ...hparams } = gemma3HyperParameters(config);
  return { layout, config, hparams, vocabSize };
}

/** The safetensors files the folder should hold, and whether they are all there yet. */
export function checkpointFiles(dir: string): { files: string[]; allPresent: boolean; indexTotalBytes: number | null } {
  const files = safetensorsFiles(dir);
  const index = readJsonIfPresent<{ metadata?: { total_size?: unknown } }>(path.join(dir, 'model.safetensors.index.json'));
  const total = index?.metadata?.total_size;
  return { files, allPresent: files.every((f) => fs.existsSync(f)), indexTotalBytes: typeof total === 'number' ? total : null };
}

/** Reads and checks everything but the tensor data. */
export function readCheckpoint(dir: string): Checkpoint {
  const { layout, config, hparams, vocabSize } = readCheckpointConfig(dir);
  const files = safetensorsFiles(dir);
  const tensors: SourceTensor[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let inputBytes = 0;
  for (const file of files) {
    inputBytes += fs.statSync(file).size;
    for (const t of readSafetensorsHeader(file)) {
      const textName = textTensorName(t.name);
      if (textName === null) {
        skipped.push(t.name);
        continue;
      }
      const mapped = ggufTensorName(textName);
      if (!mapped) throw new ConvertError('BAD_CHECKPOINT', `${t.name} in ${path.basename(file)} is not a Gemma-3 text tensor; this checkpoint is not a plain Gemma-3 model`);
      if (seen.has(mapped.name)) throw new ConvertError('BAD_CHECKPOINT', `${t.name} appears twice in ${dir}`);
      seen.add(mapped.name);
      const ggufDims = [...t.shape].reverse();
      // llama.cpp's converter cuts embedding rows past the vocabulary (padding some checkpoints carry).
      if (mapped.name === 'token_embd.weight' && t.shape.length === 2 && t.shape[0]! > vocabSize) ggufDims[1] = vocabSize;
      tensors.push({ ...t, ggufName: mapped.name, ggufDims, normPlusOne: mapped.name.endsWith('norm.weight'), layer: mapped.layer });
    }
  }
  checkShapes(dir, hparams, vocabSize, tensors);
  return { dir, layout, config, hparams, vocabSize, tensors, skipped, files, inputBytes, dtypes: [...new Set(tensors.map((t) => t.dtype))] };
}
