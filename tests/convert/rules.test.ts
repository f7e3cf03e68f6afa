/**
 * The conversion rules at DAGGER's real sizes and at the edges of the number formats, where the
 * tiny fixture cannot reach: llama-quantize's Q4_K_M layer choice for 48 and 34 layers, the sizes
 * that follow, block-size fallbacks, f16/bf16 rounding, and malformed SentencePiece models.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedTextTensors, gemma3HyperParameters } from '../../src/main/services/models/convert/checkpoint.js';
import { f16BitsToF32Bits, f32BitsToBf16Bits, f32BitsToF16Bits } from '../../src/main/services/models/convert/float-formats.js';
import { readSentencePieceModel } from '../../src/main/services/models/convert/sentencepiece.js';
import { tensorOutputType } from '../../src/main/services/models/convert/tensor-types.js';
import { ggmlTensorBytes } from '../../src/main/services/models/gguf/ggml-types.js';
import { CHECKPOINT_DIR } from './reference.js';

/** The text configs of unsloth/gemma-3-{12b,4b}-it as saved (sparse: heads etc. only where not default). */
const GEMMA3_12B = { hidden_size: 3840, intermediate_size: 15360, num_attention_heads: 16, num_hidden_layers: 48, num_key_value_heads: 8, rope_scaling: { factor: 8, rope_type: 'linear' }, sliding_window: 1024 };
const GEMMA3_4B = { hidden_size: 2560, intermediate_size: 10240, num_hidden_layers: 34, rope_scaling: { factor: 8, rope_type: 'linear' }, sliding_window: 1024 };

function sizeAndQ6Layers(config: Record<string, unknown>) {
  const { vocabSize, ...h } = gemma3HyperParameters(config);
  const tensors = expectedTextTensors(h, vocabSize);
  let bytes = 0;
  const q6 = new Set<number>();
  for (const t of tensors) {
    const type = tensorOutputType(t, 'Q4_K_M', h.blockCount);
    bytes += ggmlTensorBytes(type, t.ggufDims);
    if (type === 'Q6_K' && t.layer !== null) q6.add(t.layer);
    if (t.ggufName === 'token_embd.weight') expect(type).toBe('Q6_K');
    if (t.ggufName.endsWith('norm.weight')) expect(type).toBe('F32');
  }
  return { h, vocabSize, bytes, q6: [...q6].sort((a, b) => a - b) };
}

describe('Q4_K_M at DAGGER sizes', () => {
  it('12B: Gemma-3 defaults fill the sparse config; Q6_K attn_v/ffn_down on the first and last eighth and every third layer; ≈ 7.3 GB', () => {
    const { h, vocabSize, bytes, q6 } = sizeAndQ6Layers(GEMMA3_12B);
    expect(h).toMatchObject({ headDim: 256, headCountKv: 8, ropeFreqBase: 1_000_000, ropeFreqBaseSwa: 10_000, ropeScalingLinearFactor: 8, contextLength: 131072, rmsNormEps: 1e-6 });
    expect(vocabSize).toBe(262_208);
    expect(q6).toEqual([0, 1, 2, 3, 4, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 42, 43, 44, 45, 46, 47]);
    expect(bytes / 1e9).toBeGreaterThan(7.1);
    expect(bytes / 1e9).toBeLessThan(7.4);
  });

  it('4B: 8 heads and 4 KV heads by default; ≈ 2.5 GB', () => {
    const { h, bytes, q6 } = sizeAndQ6Layers(GEMMA3_4B);
    expect(h).toMatchObject({ headCount: 8, headCountKv: 4 });
    expect(q6.slice(0, 6)).toEqual([0, 1, 2, 3, 6, 9]); // 34 / 8 = 4 in C
    expect(bytes / 1e9).toBeGreaterThan(2.3);
    expect(bytes / 1e9).toBeLessThan(2.6);
  });

  it('falls back like llama-quantize where a row is not whole blocks', () => {
    const t = (name: string, rowLength: number, layer: number | null = 3) => ({ ggufName: name, ggufDims: [rowLength, 64], layer });
    expect(tensorOutputType(t('blk.3.attn_q.weight', 96), 'Q4_K_M', 6)).toBe('Q5_0');
    expect(tensorOutputType(t('blk.2.attn_v.weight', 96, 2), 'Q4_K_M', 6)).toBe('Q8_0');
    expect(tensorOutputType(t('token_embd.weight', 96, null), 'Q4_K_M', 6)).toBe('Q8_0');
    expect(tensorOutputType(t('blk.3.attn_q.weight', 40), 'Q4_K_M', 6)).toBe('F16');
    expect(tensorOutputType(t('blk.3.attn_q.weight', 40), 'Q8_0', 6)).toBe('F16');
    expect(tensorOutputType(t('blk.3.attn_q.weight', 40), 'BF16', 6)).toBe('BF16');
  });
});

describe('float formats', () => {
  const hex = (n: number) => n.toString(16);
  it('rounds float32 to float16 to nearest even, subnormals and overflow included', () => {
    expect(hex(f32BitsToF16Bits(0x3f800000))).toBe('3c00'); // 1
    expect(hex(f32BitsToF16Bits(0x477fe000))).toBe('7bff'); // 65504, the largest half
    expect(hex(f32BitsToF16Bits(0x477ff000))).toBe('7c00'); // 65520: a tie, rounds to even = infinity
    expect(hex(f32BitsToF16Bits(0x33800000))).toBe('1'); // 2^-24, the smallest subnormal
    expect(hex(f32BitsToF16Bits(0x33000000))).toBe('0'); // 2^-25: a tie, rounds to even = 0
    expect(hex(f32BitsToF16Bits(0x33400000))).toBe('1'); // 1.5 × 2^-25 rounds up
    expect(hex(f32BitsToF16Bits(0xb3c00000))).toBe('8002'); // -1.5 × 2^-24: tie → even (2)
    expect(hex(f32BitsToF16Bits(0x387fe000))).toBe('400'); // just under 2^-14 rounds up into the normals
    expect(hex(f32BitsToF16Bits(0x7fc00000))).toBe('7e00'); // NaN stays NaN
  });

  it('every float16 survives float32 and back', () => {
    const changed: number[] = [];
    for (let h = 0; h < 65536; h++) {
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (!isNaN && f32BitsToF16Bits(f16BitsToF32Bits(h)) !== h) changed.push(h);
    }
    expect(changed).toEqual([]);
  });

  it('rounds float32 to bfloat16 to nearest even and keeps NaN quiet', () => {
    expect(hex(f32BitsToBf16Bits(0x3f808000))).toBe('3f80');
    expect(hex(f32BitsToBf16Bits(0x3f818000))).toBe('3f82');
    expect(hex(f32BitsToBf16Bits(0x3f808001))).toBe('3f81');
    expect(hex(f32BitsToBf16Bits(0x7f800001))).toBe('7fc0');
  });
});

describe('SentencePiece reader', () => {
  const model = fs.readFileSync(path.join(CHECKPOINT_DIR, 'tokenizer.model'));

  it("reads the fixture's pieces with their types", () => {
    const pieces = readSentencePieceModel(model);
    expect(pieces.slice(0, 4).map((p) => p.piece)).toEqual(['<pad>', '<eos>', '<bos>', '<unk>']);
    expect(pieces[3]!.type).toBe(2);
    expect(pieces[12]).toMatchObject({ piece: '<0x00>', type: 6 });
  });

  it('refuses cut-off and foreign bytes with a reason', () => {
    expect(() => readSentencePieceModel(model.subarray(0, 1001))).toThrow(/runs past|truncated/);
    expect(() => readSentencePieceModel(Buffer.from('{"not": "protobuf"}'))).toThrow();
    expect(() => readSentencePieceModel(new Uint8Array(0))).toThrow(/no pieces/);
  });
});
