/**
 * Variants of the gemma3-tiny checkpoint built here, checked against what the conversion rules say:
 * the multimodal layouts (vision tensors skipped), shards with an index (deleted once read when
 * asked), a sparse config (Gemma-3 defaults), a padded vocabulary and an embedding with extra rows;
 * other architectures, bad shapes, a missing quantiser type and cancel are refused cleanly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvertError, convertCheckpoint, planConversion, type OutputType } from '../../src/main/services/models/convert/index.js';
import { readSafetensorsHeader } from '../../src/main/services/models/convert/safetensors.js';
import { ggufTensorName } from '../../src/main/services/models/convert/checkpoint.js';
import { readGguf } from '../../src/main/services/models/gguf/reader.js';
import { CHECKPOINT_DIR, differencesFromManifest, readManifest } from './reference.js';

interface RawTensor {
  name: string;
  dtype: string;
  shape: number[];
  data: Buffer;
}

/** The fixture's tensors with their bytes. */
function fixtureTensors(): RawTensor[] {
  const file = path.join(CHECKPOINT_DIR, 'model.safetensors');
  const bytes = fs.readFileSync(file);
  return readSafetensorsHeader(file).map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, data: bytes.subarray(t.offset, t.offset + t.byteLength) }));
}

function writeSafetensors(file: string, tensors: RawTensor[]): void {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([length, json, ...tensors.map((t) => t.data)]));
}

const baseConfig = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(CHECKPOINT_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;

let tmp: string;
let llama: Llama;
let count = 0;

/** A checkpoint folder: the fixture's tokenizer files, the given config and tensors (sharded when `shards` > 1). */
function makeCheckpoint(config: Record<string, unknown>, tensors: RawTensor[], shards = 1): string {
  const dir = path.join(tmp, `checkpoint-${++count}`);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(CHECKPOINT_DIR)) {
    if (f !== 'model.safetensors' && f !== 'config.json') fs.copyFileSync(path.join(CHECKPOINT_DIR, f), path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  if (shards === 1) {
    writeSafetensors(path.join(dir, 'model.safetensors'), tensors);
    return dir;
  }
  const weightMap: Record<string, string> = {};
  const per = Math.ceil(tensors.length / shards);
  for (let s = 0; s < shards; s++) {
    const name = `model-${String(s + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const part = tensors.slice(s * per, (s + 1) * per);
    writeSafetensors(path.join(dir, name), part);
    for (const t of part) weightMap[t.name] = name;
  }
  const totalSize = tensors.reduce((sum, t) => sum + t.data.length, 0);
  fs.writeFileSync(path.join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }));
  return dir;
}

async function convert(dir: string, quant: OutputType, extra: { deleteSourceWhenRead?: boolean; signal?: AbortSignal; name?: string } = {}): Promise<string> {
  const out = path.join(tmp, `out-${++count}-${quant}.gguf`);
  await convertCheckpoint({ sourceDir: dir, outFile: out, quant, verify: { llama }, ...extra });
  return out;
}

/** The multimodal wrapper's config: text settings under text_config, plus a vision config. */
function multimodalConfig(): Record<string, unknown> {
  const text = baseConfig();
  return { architectures: ['Gemma3ForConditionalGeneration'], model_type: 'gemma3', text_config: { ...text, model_type: 'gemma3_text' }, vision_config: { hidden_size: 32 } };
}

const visionTensors = (): RawTensor[] => [
  { name: 'vision_tower.vision_model.embeddings.patch_embedding.weight', dtype: 'BF16', shape: [32, 3, 2, 2], data: Buffer.alloc(32 * 3 * 2 * 2 * 2, 7) },
  { name: 'multi_modal_projector.mm_input_projection_weight', dtype: 'BF16', shape: [32, 256], data: Buffer.alloc(32 * 256 * 2, 9) },
];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-convert-variants-'));
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Differences from the reference except general.name (the folder name is a provenance key). */
const differences = (file: string, quant: OutputType) => differencesFromManifest(file, readManifest(quant));

describe('checkpoint layouts', () => {
  it('Gemma3ForConditionalGeneration with model.language_model.* names: vision tower and projector left out, the rest as llama.cpp makes it', async () => {
    const tensors = fixtureTensors().map((t) => ({ ...t, name: t.name.replace(/^model\./, 'model.language_model.') }));
    const dir = makeCheckpoint(multimodalConfig(), [...visionTensors(), ...tensors]);
    expect(planConversion(dir, 'F16')).toMatchObject({ layout: 'Gemma3ForConditionalGeneration', tensors: 80 });
    const out = await convert(dir, 'F16', { name: 'dipta007/dagger-12B_SFT_GRPO' });
    expect(differences(out, 'F16')).toEqual([]);
    expect(readGguf(out).metadata.get('general.name')?.value).toBe('dipta007/dagger-12B_SFT_GRPO');
  });

  it('language_model.model.* names in three shards with an index; shards deleted once read when asked', async () => {
    const tensors = fixtureTensors().map((t) => ({ ...t, name: t.name.replace(/^model\./, 'language_model.model.') }));
    const dir = makeCheckpoint(multimodalConfig(), [...tensors, ...visionTensors()], 3);
    const out = await convert(dir, 'Q8_0', { deleteSourceWhenRead: true });
    expect(differences(out, 'Q8_0')).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.safetensors'))).toEqual([]);
  });

  it('plans from config.json, the index and the tokenizer before the shards are downloaded', async () => {
    const dir = makeCheckpoint(baseConfig(), fixtureTensors(), 2);
    const withShards = planConversion(dir, 'Q4_K_M');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.safetensors'))) fs.rmSync(path.join(dir, f));
    const withoutShards = planConversion(dir, 'Q4_K_M');
    expect(withoutShards).toMatchObject({ shardsChecked: false, outBytes: withShards.outBytes, tensors: 80 });
    expect(withoutShards.inputBytes).toBe(fixtureTensors().reduce((sum, t) => sum + t.data.length, 0));
  });
});

describe('configs and vocabularies', () => {
  it('a sparse config takes Gemma-3 defaults for what it leaves out', async () => {
    const config = baseConfig();
    for (const key of ['rms_norm_eps', 'rope_local_base_freq', 'max_position_embeddings', 'rope_scaling']) delete config[key];
    const out = await convert(makeCheckpoint(config, fixtureTensors()), 'F16');
    const meta = readGguf(out).metadata;
    expect(meta.get('gemma3.context_length')?.value).toBe(131072);
    expect(meta.get('gemma3.rope.freq_base_swa')?.value).toBe(10000);
    expect(meta.get('gemma3.attention.layer_norm_rms_epsilon')?.value).toBe(Math.fround(1e-6));
    expect(meta.has('gemma3.rope.scaling.type')).toBe(false);
    // Everything else, tensors included, is as llama.cpp made it from the full config.
    const changed = ['gemma3.context_length', 'gemma3.rope.freq_base_swa'];
    expect(differences(out, 'F16').filter((d) => !changed.some((k) => d.startsWith(`metadata ${k}:`)))).toEqual([]);
  });

  it("transformers 5's rope_parameters and linear rope scaling become freq_base, freq_base_swa and scaling keys", async () => {
    const config = baseConfig();
    delete config.rope_theta;
    delete config.rope_local_base_freq;
    config.rope_parameters = { full_attention: { rope_type: 'linear', factor: 8, rope_theta: 1_000_000 }, sliding_attention: { rope_type: 'default', rope_theta: 10_000 } };
    const meta = readGguf(await convert(makeCheckpoint(config, fixtureTensors()), 'BF16')).metadata;
    expect(meta.get('gemma3.rope.freq_base')?.value).toBe(1_000_000);
    expect(meta.get('gemma3.rope.freq_base_swa')?.value).toBe(10_000);
    expect(meta.get('gemma3.rope.scaling.type')?.value).toBe('linear');
    expect(meta.get('gemma3.rope.scaling.factor')?.value).toBe(8);
  });

  it('a vocabulary padded past the SentencePiece pieces gets the added tokens in range, then [PADn] unused tokens, one per embedding row', async () => {
    const config = { ...baseConfig(), vocab_size: 2112 };
    const tensors = fixtureTensors().map((t) =>
      t.name === 'model.embed_tokens.weight' ? { ...t, shape: [2112, 256], data: Buffer.concat([t.data, Buffer.alloc(64 * 256 * 2, 1)]) } : t,
    );
    const gguf = readGguf(await convert(makeCheckpoint(config, tensors), 'F16'));
    const tokens = gguf.metadata.get('tokenizer.ggml.tokens')!.value as string[];
    const types = gguf.metadata.get('tokenizer.ggml.token_type')!.value as number[];
    const scores = gguf.metadata.get('tokenizer.ggml.scores')!.value as number[];
    expect(tokens).toHaveLength(2112);
    // added_tokens.json puts <image_soft_token> at 2048, as in the real Gemma-3 (262,144).
    expect(tokens[2048]).toBe('<image_soft_token>');
    expect(types[2048]).toBe(3); // special in added_tokens_decoder → CONTROL
    expect(tokens[2049]).toBe('[PAD2049]');
    expect(tokens[2111]).toBe('[PAD2111]');
    expect(types.slice(2049).every((t) => t === 5)).toBe(true);
    expect(scores[2100]).toBe(-10000);
    expect(gguf.tensors.find((t) => t.name === 'token_embd.weight')?.dims).toEqual([256, 2112]);
    // The real tokens are untouched.
    const reference = readManifest('F16').metadata['tokenizer.ggml.tokens']!.value as string[];
    expect(tokens.slice(0, 2048)).toEqual(reference);
  });

  it('embedding rows past the vocabulary are cut, as llama.cpp does', async () => {
    const tensors = fixtureTensors().map((t) =>
      t.name === 'model.embed_tokens.weight' ? { ...t, shape: [2112, 256], data: Buffer.concat([t.data, Buffer.alloc(64 * 256 * 2, 1)]) } : t,
    );
    expect(differences(await convert(makeCheckpoint(baseConfig(), tensors), 'Q4_K_M'), 'Q4_K_M')).toEqual([]);
  });
});

describe('source dtypes', () => {
  /** The fixture's tensors re-encoded: bf16 widened to f32 exactly. */
  const asF32 = (): RawTensor[] =>
    fixtureTensors().map((t) => {
      const data = Buffer.alloc(t.data.length * 2);
      for (let i = 0; i < t.data.length / 2; i++) data.writeUInt32LE(t.data.readUInt16LE(i * 2) << 16 >>> 0, i * 4);
      return { ...t, dtype: 'F32', data };
    });

  it('an f32 checkpoint holding the same values gives the same GGUF for every output type', async () => {
    const dir = makeCheckpoint({ ...baseConfig(), torch_dtype: 'float32' }, asF32());
    for (const quant of ['F32', 'F16', 'BF16', 'Q4_K_M'] as const) expect(differences(await convert(dir, quant), quant), quant).toEqual([]);
  });

  it("an f16 checkpoint made from llama.cpp's F16 output converts back to the same F16 matrices", async () => {
    const f16 = path.join(tmp, 'reference-f16.gguf');
    await convertCheckpoint({ sourceDir: CHECKPOINT_DIR, outFile: f16, quant: 'F16', verify: { structureOnly: true } });
    const gguf = readGguf(f16);
    const bytes = fs.readFileSync(f16);
    const tensors = fixtureTensors().map((t) => {
      const info = gguf.tensors.find((x) => x.name === ggufTensorName(t.name)!.name)!;
      if (info.type !== 'F16') return t; // norms stay bf16 (F32 in the GGUF)
      const start = gguf.dataOffset + info.offset;
      return { ...t, dtype: 'F16', data: bytes.subarray(start, start + t.data.length) };
    });
    const out = await convert(makeCheckpoint(baseConfig(), tensors), 'F16');
    expect(differences(out, 'F16')).toEqual([]);
  });
});

describe('refusals', () => {
  const refusal = (fn: () => unknown): ConvertError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ConvertError);
      return error as ConvertError;
    }
    throw new Error('expected a refusal');
  };

  it('refuses another architecture with a sentence', () => {
    const dir = makeCheckpoint({ ...baseConfig(), architectures: ['LlamaForCausalLM'], model_type: 'llama' }, fixtureTensors());
    const error = refusal(() => planConversion(dir, 'F16'));
    expect(error.code).toBe('UNSUPPORTED_ARCHITECTURE');
    expect(error.message).toMatch(/LlamaForCausalLM model; only Gemma-3 checkpoints/);
  });

  it('refuses an untied output head rather than dropping it', () => {
    const dir = makeCheckpoint({ ...baseConfig(), tie_word_embeddings: false }, fixtureTensors());
    expect(refusal(() => planConversion(dir, 'F16')).message).toMatch(/separate output head/);
  });

  it('refuses a config that does not match the weights, naming the tensor', () => {
    const dir = makeCheckpoint({ ...baseConfig(), num_attention_heads: 8 }, fixtureTensors());
    const error = refusal(() => planConversion(dir, 'F16'));
    expect(error.code).toBe('BAD_CHECKPOINT');
    expect(error.message).toMatch(/q_proj.*config does not match the weights/);
  });

  it('refuses a folder that is not a checkpoint, and an int8 checkpoint', () => {
    expect(refusal(() => planConversion(tmp, 'F16')).code).toBe('NOT_FOUND');
    const tensors = fixtureTensors().map((t, i) => (i === 0 ? { ...t, dtype: 'I8', data: t.data.subarray(0, t.data.length / 2) } : t));
    expect(refusal(() => planConversion(makeCheckpoint(baseConfig(), tensors), 'F16')).code).toBe('UNSUPPORTED_DTYPE');
  });

  it.skipIf(!fs.existsSync('/dev/full'))('a full disk is a DISK_FULL sentence and leaves no temporary file', async () => {
    // Writing to /dev/full fails with ENOSPC, as a full disk does.
    const out = path.join(tmp, 'full-disk.gguf');
    fs.symlinkSync('/dev/full', `${out}.converting`);
    await expect(convertCheckpoint({ sourceDir: CHECKPOINT_DIR, outFile: out, quant: 'F16' })).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/is full: the GGUF needs 0\.01 GB; free some space/),
    });
    expect(fs.existsSync(out) || fs.existsSync(`${out}.converting`)).toBe(false);
  });

  it('cancel removes the half-written file and keeps nothing', async () => {
    const controller = new AbortController();
    const out = path.join(tmp, 'cancelled.gguf');
    const run = convertCheckpoint({
      sourceDir: CHECKPOINT_DIR,
      outFile: out,
      quant: 'Q4_K_M',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.doneBytes > 1_000_000) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.converting`)).toBe(false);
  });
});
