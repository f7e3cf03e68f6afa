/**
 * Which ggml type each Gemma-3 tensor gets for an output type: llama.cpp's converter rules for
 * the float outputs and llama-quantize's per-tensor rules (src/llama-quant.cpp, default
 * parameters, no importance matrix) for Q8_0 and Q4_K_M, restated for the tensors Gemma-3 has.
 */
import { GGML_TYPES, type GgmlType } from '../gguf/ggml-types.js';
import type { OutputType } from '../gguf/gemma3-metadata.js';

export interface TensorShapeInfo {
  ggufName: string;
  /** ggml order: dims[0] is the row length. */
  ggufDims: number[];
  layer: number | null;
}

/**
 * llama-quantize's "more bits" layers: the first and last eighth of the model and every third
 * layer in between (integer division, as in C).
 */
function usesMoreBits(layer: number, layers: number): boolean {
  const eighth = Math.trunc(layers / 8);
  return layer < eighth || layer >= Math.trunc((7 * layers) / 8) || (layer - eighth) % 3 === 2;
}

/** A K-quant needs rows that are whole 256-value blocks; llama-quantize falls back to a 32-block type, then F16. */
function fitRowLength(type: GgmlType, rowLength: number): GgmlType {
  if (rowLength % GGML_TYPES[type].blockElements === 0) return type;
  const fallback: Partial<Record<GgmlType, GgmlType>> = { Q4_K: 'Q5_0', Q6_K: 'Q8_0' };
  const next = fallback[type] ?? type;
  return rowLength % GGML_TYPES[next].blockElements === 0 ? next : 'F16';
}

/** The ggml type `tensor` is written in, for a model of `layers` blocks. */
export function tensorOutputType(tensor: TensorShapeInfo, output: OutputType, layers: number): GgmlType {
  // One-dimensional tensors and norms stay F32 in every output (llama.cpp reads them as F32).
  if (tensor.ggufDims.length < 2 || tensor.ggufName.endsWith('_norm.weight')) return 'F32';
  if (output === 'F32' || output === 'F16' || output === 'BF16') return output;
  const rowLength = tensor.ggufDims[0]!;
  if (output === 'Q8_0') return fitRowLength('Q8_0', rowLength);

  // Q4_K_M. The tied embedding is also the output head, so it gets the output head's type.
  if (tensor.ggufName === 'token_embd.weight') return rowLength % GGML_TYPES.Q6_K.blockElements === 0 ? 'Q6_K' : 'Q8_0';
  const moreBits = tensor.layer !== null && usesMoreBits(tensor.layer, layers);
  const isMoreBitsKind = tensor.ggufName.endsWith('.attn_v.weight') || tensor.ggufName.endsWith('.ffn_down.weight');
  return fitRowLength(isMoreBitsKind && moreBits ? 'Q6_K' : 'Q4_K', rowLength);
}
