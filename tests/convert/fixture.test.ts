/**
 * The converter against llama.cpp itself, on the gemma3-tiny checkpoint: for every output type the
 * GGUF has the tensors (names, shapes, types, data SHA-256) and metadata llama.cpp's converter and
 * quantiser made; node-llama-cpp loads it and gives the recorded greedy tokens; the recorded texts
 * tokenise to the recorded reference tokens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCheckpoint, planConversion, verifyGguf, type OutputType } from '../../src/main/services/models/convert/index.js';
import { CHECKPOINT_DIR, differencesFromManifest, readManifest, readReference } from './reference.js';

const TYPES: OutputType[] = ['F32', 'F16', 'BF16', 'Q8_0', 'Q4_K_M'];

interface LoaderCheck {
  models: Record<string, { generation: { prompt: string; promptTokens: number[]; generated: number[] } }>;
}
interface Tokenization {
  texts: Record<string, { text: string; llama_cpp_parse_special_true: number[]; llama_cpp_parse_special_false: number[] }>;
}

let tmp: string;
let llama: Llama;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-convert-'));
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(TYPES)('gemma3-tiny → %s', (quant) => {
  let out: string;
  beforeAll(async () => {
    out = path.join(tmp, `tiny-${quant}.gguf`);
    const result = await convertCheckpoint({ sourceDir: CHECKPOINT_DIR, outFile: out, quant, verify: { llama } });
    expect(result).toMatchObject({ out, quant, tensors: 80, bytes: fs.statSync(out).size });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('plans the exact size it writes', () => {
    expect(planConversion(CHECKPOINT_DIR, quant)).toMatchObject({ outBytes: fs.statSync(out).size, tempBytes: 0, layout: 'Gemma3ForCausalLM', tensors: 80 });
  });

  it("has llama.cpp's tensors and metadata", () => {
    expect(differencesFromManifest(out, readManifest(quant))).toEqual([]);
  });

  it('loads in node-llama-cpp and gives the recorded greedy tokens', async () => {
    const recorded = readReference<LoaderCheck>('loader_check.json').models[`gemma3-tiny-text-${quant}.gguf`]!.generation;
    const verification = await verifyGguf(out, { llama, threads: 1, generateTokens: recorded.generated.length });
    expect(verification.problems).toEqual([]);
    expect(verification.generated).toEqual(recorded.generated);
  });

  it('tokenises the recorded texts as the reference does', async () => {
    const model: LlamaModel = await llama.loadModel({ modelPath: out, vocabOnly: true });
    try {
      for (const [name, t] of Object.entries(readReference<Tokenization>('tokenization.json').texts)) {
        expect(model.tokenize(t.text, true), name).toEqual(t.llama_cpp_parse_special_true);
        expect(model.tokenize(t.text, false), name).toEqual(t.llama_cpp_parse_special_false);
      }
    } finally {
      await model.dispose();
    }
  });
});
