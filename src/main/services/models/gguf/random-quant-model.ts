/**
 * A random-weight Gemma-3 GGUF with DAGGER's real shapes and the byte layout of a Q4_K_M file, for
 * measuring speed at the real size (bench/gpu.bench.ts). Speed depends on shapes and tensor types,
 * not on values, so instead of quantising floats the K-quant blocks are written directly:
 * - Q4_K (256 values in 144 bytes): f16 d, f16 dmin, 12 bytes of packed 6-bit scales and mins,
 *   128 bytes of 4-bit quants; value = d·scale·q − dmin·min. Any bytes are valid scales and quants;
 *   d and dmin are small powers of two, so weights stay within ±0.06 and no NaN or infinity arises.
 * - Q6_K (256 values in 210 bytes): 128 bytes of low 4 bits, 64 of high 2 bits, 16 int8 scales,
 *   f16 d; value = d·scale·(q − 32), again within ±0.07.
 * Tensor types follow llama.cpp's Q4_K_M rule for Gemma-3 (../shared/dagger/GEMMA3-GGUF.md):
 * Q4_K by default, token_embd (tied, so also the output layer) Q6_K, attn_v and ffn_down Q6_K on
 * the layers the rule picks, norms F32 (value 1: Gemma's stored 1 + w with w = 0).
 *
 * A pool of random blocks is generated once and repeated (offset per tensor), so writing the 7.3 GB
 * 12B file costs the disk's time, not a random generator's.
 */
import { fileTypeMetadata, gemma3ArchitectureMetadata, gemma3TokenizerMetadata, generalMetadata, type Gemma3Tokenizer } from './gemma3-metadata.js';
import { GGML_TYPES, ggmlTensorBytes, type GgmlType } from './ggml-types.js';
import { writeGgufStream, type GgufDataSink, type GgufTensorSource, type GgufWriteResult } from './writer.js';

export interface ModelShape {
  layers: number;
  embedding: number;
  feedForward: number;
  heads: number;
  kvHeads: number;
  headDim: number;
}

/** DAGGER's two sizes (Gemma-3 12B and 4B) and a tiny one for tests (rows a whole number of 256-value blocks). */
export const MODEL_SHAPES = {
  '12b': { layers: 48, embedding: 3840, feedForward: 15360, heads: 16, kvHeads: 8, headDim: 256 },
  '4b': { layers: 34, embedding: 2560, feedForward: 10240, heads: 8, kvHeads: 4, headDim: 256 },
  tiny: { layers: 2, embedding: 256, feedForward: 512, heads: 2, kvHeads: 1, headDim: 256 },
} as const satisfies Record<string, ModelShape>;

export type ShapeName = keyof typeof MODEL_SHAPES;

export function isShapeName(name: string): name is ShapeName {
  return Object.hasOwn(MODEL_SHAPES, name);
}

/** llama.cpp's Q4_K_M choice for attn_v and ffn_down: the more sensitive layers keep 6 bits. */
export function usesMoreBits(layer: number, layers: number): boolean {
  // Integer division, as in llama-quant.cpp's use_more_bits.
  const eighth = Math.floor(layers / 8);
  return layer < eighth || layer >= Math.floor((7 * layers) / 8) || (layer - eighth) % 3 === 2;
}

interface TensorPlan {
  name: string;
  /** ggml order: dims[0] is the row length. */
  dims: number[];
  type: GgmlType;
}

/** Every tensor of a Gemma-3 text model of `shape` with `vocabSize` rows, typed as Q4_K_M. */
export function q4kmTensorPlan(shape: ModelShape, vocabSize: number): TensorPlan[] {
  const { embedding: e, feedForward: f, headDim: d } = shape;
  const norm = (name: string, n: number): TensorPlan => ({ name, dims: [n], type: 'F32' });
  const plan: TensorPlan[] = [{ name: 'token_embd.weight', dims: [e, vocabSize], type: 'Q6_K' }, norm('output_norm.weight', e)];
  for (let l = 0; l < shape.layers; l++) {
    const b = `blk.${l}`;
    const sensitive: GgmlType = usesMoreBits(l, shape.layers) ? 'Q6_K' : 'Q4_K';
    plan.push(
      norm(`${b}.attn_norm.weight`, e),
      { name: `${b}.attn_q.weight`, dims: [e, shape.heads * d], type: 'Q4_K' },
      { name: `${b}.attn_k.weight`, dims: [e, shape.kvHeads * d], type: 'Q4_K' },
      { name: `${b}.attn_v.weight`, dims: [e, shape.kvHeads * d], type: sensitive },
      norm(`${b}.attn_q_norm.weight`, d),
      norm(`${b}.attn_k_norm.weight`, d),
      { name: `${b}.attn_output.weight`, dims: [shape.heads * d, e], type: 'Q4_K' },
      norm(`${b}.post_attention_norm.weight`, e),
      norm(`${b}.ffn_norm.weight`, e),
      { name: `${b}.ffn_gate.weight`, dims: [e, f], type: 'Q4_K' },
      { name: `${b}.ffn_up.weight`, dims: [e, f], type: 'Q4_K' },
      { name: `${b}.ffn_down.weight`, dims: [f, e], type: sensitive },
      norm(`${b}.post_ffw_norm.weight`, e),
    );
  }
  return plan;
}

/** float16 bits of 2^exponent, for exponents from −24 (smallest subnormal) to 15. */
export function f16PowerOfTwo(exponent: number): number {
  if (!Number.isInteger(exponent) || exponent < -24 || exponent > 15) throw new Error(`2^${exponent} is not a float16 power of two`);
  return exponent >= -14 ? (exponent + 15) << 10 : 1 << (exponent + 24);
}

/** Q4_K: d = 2^-14, dmin = 2^-11, so d·scale·q (mean ≈ 0.0144) and dmin·min (≈ 0.0154) nearly cancel. */
const Q4_K_D = f16PowerOfTwo(-14);
const Q4_K_DMIN = f16PowerOfTwo(-11);
/** Q6_K: d = 2^-16: |d·scale·(q − 32)| ≤ 2^-16 · 128 · 32 = 0.0625. */
const Q6_K_D = f16PowerOfTwo(-16);

/** xorshift32: fast, deterministic bytes for the block pool. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * `blocks` valid blocks of `type`, back to back. An odd count, so a tensor's rows (whole numbers of
 * blocks) do not all start on the same block.
 */
export function randomBlockPool(type: 'Q4_K' | 'Q6_K', blocks: number, seed: number): Uint8Array {
  const { blockBytes } = GGML_TYPES[type];
  const pool = randomBytes(blocks * blockBytes, seed);
  const view = new DataView(pool.buffer);
  for (let b = 0; b < blocks; b++) {
    const at = b * blockBytes;
    if (type === 'Q4_K') {
      view.setUint16(at, Q4_K_D, true);
      view.setUint16(at + 2, Q4_K_DMIN, true);
    } else {
      view.setUint16(at + blockBytes - 2, Q6_K_D, true);
    }
  }
  return pool;
}

const POOL_BLOCKS = 16_383;

/** Writes `bytes` bytes by cycling through `pool`, starting at block `startBlock`. */
async function writeFromPool(sink: GgufDataSink, pool: Uint8Array, blockBytes: number, startBlock: number, bytes: number): Promise<void> {
  let position = (startBlock * blockBytes) % pool.length;
  for (let left = bytes; left > 0;) {
    const n = Math.min(left, pool.length - position);
    await sink.write(pool.subarray(position, position + n));
    left -= n;
    position = (position + n) % pool.length;
  }
}

export interface RandomQuantModelOptions {
  shape: ModelShape;
  /** The vocabulary written into the file (its size sets token_embd's rows). */
  tokenizer: Gemma3Tokenizer;
  /** Context length recorded in the metadata. Default 131072 (Gemma-3's). */
  contextLength?: number;
  name?: string;
  signal?: AbortSignal;
  onData?: (doneBytes: number, totalBytes: number) => void;
}

/** The file's size before writing it (header excluded): for disk checks and progress. */
export function randomQuantModelDataBytes(shape: ModelShape, vocabSize: number): number {
  return q4kmTensorPlan(shape, vocabSize).reduce((sum, t) => sum + ggmlTensorBytes(t.type, t.dims), 0);
}

/** Writes the model to `file` (streamed; a 12B file never sits in memory). */
export async function writeRandomQuantModel(file: string, options: RandomQuantModelOptions): Promise<GgufWriteResult> {
  const { shape, tokenizer } = options;
  const metadata = {
    ...gemma3ArchitectureMetadata({
      contextLength: options.contextLength ?? 131_072,
      embeddingLength: shape.embedding,
      blockCount: shape.layers,
      feedForwardLength: shape.feedForward,
      headCount: shape.heads,
      headCountKv: shape.kvHeads,
      headDim: shape.headDim,
      rmsNormEps: 1e-6,
      slidingWindow: 1024,
      ropeFreqBase: 1_000_000,
      ropeFreqBaseSwa: 10_000,
      ropeScalingLinearFactor: 8,
      finalLogitSoftcapping: null,
    }),
    ...generalMetadata({ name: options.name ?? 'random-weight gemma3 (Q4_K_M layout)' }),
    ...fileTypeMetadata('Q4_K_M'),
    ...gemma3TokenizerMetadata(tokenizer),
  };
  const pools = { Q4_K: randomBlockPool('Q4_K', POOL_BLOCKS, 0x9e3779b9), Q6_K: randomBlockPool('Q6_K', POOL_BLOCKS, 0x85ebca6b) };
  const ones = new Float32Array(Math.max(shape.embedding, shape.headDim)).fill(1);
  const tensors: GgufTensorSource[] = q4kmTensorPlan(shape, tokenizer.tokens.length).map((plan, index) => ({
    ...plan,
    writeData: async (sink) => {
      if (plan.type === 'F32') {
        await sink.write(new Uint8Array(ones.buffer, 0, plan.dims[0]! * 4));
        return;
      }
      const type = plan.type as 'Q4_K' | 'Q6_K';
      await writeFromPool(sink, pools[type], GGML_TYPES[type].blockBytes, index * 7919, ggmlTensorBytes(type, plan.dims));
    },
  }));
  return writeGgufStream(file, metadata, tensors, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onData ? { onData: options.onData } : {}),
  });
}
