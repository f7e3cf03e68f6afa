/**
 * bench:gpu's model at DAGGER's real shapes (sizes and Q4_K_M tensor types checked against what
 * llama.cpp makes of Gemma-3 12B and 4B) and the benchmark itself at the tiny shape, end to end on
 * real llama.cpp (threads 1), leaving nothing behind.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GGML_TYPES } from '../../src/main/services/models/gguf/ggml-types.js';
import { f16PowerOfTwo, MODEL_SHAPES, q4kmTensorPlan, randomBlockPool, randomQuantModelDataBytes } from '../../src/main/services/models/gguf/random-quant-model.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VOCAB = 262_144;

describe('random-weight Q4_K_M model at DAGGER shapes', () => {
  it('has the size of the real Q4_K_M files (12B ≈ 7.3 GB, 4B ≈ 2.5 GB)', () => {
    expect(randomQuantModelDataBytes(MODEL_SHAPES['12b'], VOCAB) / 1e9).toBeCloseTo(7.3, 1);
    expect(randomQuantModelDataBytes(MODEL_SHAPES['4b'], VOCAB) / 1e9).toBeCloseTo(2.5, 1);
  });

  it('types tensors as llama.cpp\'s Q4_K_M rule does: 6-bit embedding, attn_v/ffn_down on the chosen layers, F32 norms', () => {
    const plan = q4kmTensorPlan(MODEL_SHAPES['12b'], VOCAB);
    const typeOf = (name: string) => plan.find((t) => t.name === name)?.type;
    expect(typeOf('token_embd.weight')).toBe('Q6_K');
    expect(plan.some((t) => t.name === 'output.weight')).toBe(false);
    // 48 layers: the first and last 6, and every third between (i - 6) % 3 == 2.
    const sixBit = plan.filter((t) => t.name.endsWith('attn_v.weight') && t.type === 'Q6_K').map((t) => Number(t.name.split('.')[1]));
    expect(sixBit).toEqual([0, 1, 2, 3, 4, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 42, 43, 44, 45, 46, 47]);
    expect(plan.filter((t) => t.name.endsWith('ffn_down.weight') && t.type === 'Q6_K')).toHaveLength(sixBit.length);
    expect(typeOf('blk.6.ffn_gate.weight')).toBe('Q4_K');
    expect(plan.filter((t) => t.dims.length === 1).every((t) => t.type === 'F32')).toBe(true);
    expect(plan.find((t) => t.name === 'blk.0.attn_k.weight')?.dims).toEqual([3840, 8 * 256]);
  });

  it('writes K-quant blocks whose scales are small finite float16 values', () => {
    expect(f16PowerOfTwo(0)).toBe(0x3c00);
    expect(f16PowerOfTwo(-14)).toBe(0x0400);
    expect(f16PowerOfTwo(-24)).toBe(0x0001);
    const q4 = new DataView(randomBlockPool('Q4_K', 5, 1).buffer);
    const q6 = new DataView(randomBlockPool('Q6_K', 5, 2).buffer);
    for (let b = 0; b < 5; b++) {
      expect(q4.getUint16(b * GGML_TYPES.Q4_K.blockBytes, true)).toBe(f16PowerOfTwo(-14));
      expect(q4.getUint16(b * GGML_TYPES.Q4_K.blockBytes + 2, true)).toBe(f16PowerOfTwo(-11));
      expect(q6.getUint16((b + 1) * GGML_TYPES.Q6_K.blockBytes - 2, true)).toBe(f16PowerOfTwo(-16));
    }
  });
});

describe('npm run bench:gpu -- --shape tiny', () => {
  it('builds the model, measures the pipeline and bare llama.cpp, prints one JSON and deletes the model', async () => {
    const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-gpu-bench-test-'));
    try {
      const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [
        'bench/gpu.bench.ts', '--json', '--shape', 'tiny', '--threads', '1', '--max-tokens', '8', '--model-dir', modelDir,
      ], { cwd: ROOT, timeout: 120_000 });
      const result = JSON.parse(stdout) as Record<string, unknown> & { pipeline: Record<string, number | null>; bare: Record<string, number | null> };
      expect(result).toMatchObject({ shape: 'tiny', backend: 'cpu', gpuNames: [], threads: 1, vocabulary: VOCAB });
      expect(result.modelBytes).toBeGreaterThan(VOCAB * 256 * (210 / 256));
      // The real vocabulary: the DAGGER prompt is ~780 tokens, the same for the pipeline and bare llama.cpp.
      expect(result.pipeline.promptTokens).toBeGreaterThan(700);
      expect(result.pipeline.promptTokens).toBeLessThan(900);
      expect(result.bare.promptTokens).toBe(result.pipeline.promptTokens);
      for (const run of [result.pipeline, result.bare]) {
        for (const key of ['loadMs', 'promptTokensPerSecond', 'ttftMs', 'decodeTokensPerSecond', 'noGrammarDecodeTokensPerSecond']) expect(run[key], key).toBeGreaterThan(0);
        // Up to --max-tokens (the grammar may end the output sooner).
        expect(run.generatedTokens).toBeGreaterThanOrEqual(2);
        expect(run.generatedTokens).toBeLessThanOrEqual(8);
      }
      // The second problem reuses the instruction prefix.
      expect(result.pipeline.warmPromptTokensEvaluated).toBeLessThan(100);
      expect(fs.readdirSync(modelDir)).toEqual([]);
    } finally {
      fs.rmSync(modelDir, { recursive: true, force: true });
    }
  }, 150_000);
});
