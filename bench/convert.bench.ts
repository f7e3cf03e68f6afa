/**
 * Checkpoint-conversion benchmark: generates a random bf16 Gemma-3 checkpoint of at least 2 GB
 * (two shards with an index, the gemma3-tiny tokenizer) in a temporary folder, copies its bytes
 * once with a plain read/write loop (the disk's speed in this run), converts it, and deletes it all.
 *
 *   npm run bench:convert -- [--json] [--quant F16|BF16|F32|Q8_0|Q4_K_M] [--gigabytes 2.1]
 *
 * seconds / megabytesPerSecond: the conversion pass (read, convert or quantise, write, hash,
 * fsync — the copy is fsynced too);
 * totalSeconds adds the verification (node-llama-cpp load + short generation).
 * peakRssMegabytes: the process's peak resident memory up to the end of the pass (getrusage;
 * the generated checkpoint is written in 16 MB pieces, so it adds little); verifyPeakRssMegabytes
 * includes the verification, whose model load maps the whole output file.
 * Target (issue 12): ratio = megabytesPerSecond / copyMegabytesPerSecond ≥ 0.5 for F16.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { convertCheckpoint, isOutputType } from '../src/main/services/models/convert/index.js';
import { CHECKPOINT_DIR } from '../tests/convert/reference.js';

const { values } = parseArgs({ options: {
  json: { type: 'boolean', default: false },
  quant: { type: 'string', default: 'F16' },
  gigabytes: { type: 'string', default: '2.1' },
} });
const quant = values.quant;
if (!isOutputType(quant)) throw new Error(`--quant must be F16, BF16, F32, Q8_0 or Q4_K_M, not ${quant}`);
const log = (text: string) => { if (!values.json) process.stderr.write(`${text}\n`); };

/** A 4B-like layer (hidden 2560, ffn 10240, 8 heads, 4 KV heads, head_dim 256) with the tiny 2048-token vocabulary. */
const SHAPE = { hidden: 2560, ffn: 10240, heads: 8, kvHeads: 4, headDim: 256, vocab: 2048 };

function layerTensors(i: number): Array<[string, number[]]> {
  const { hidden: e, ffn, heads, kvHeads, headDim: d } = SHAPE;
  const p = `model.layers.${i}.`;
  return [
    [`${p}input_layernorm.weight`, [e]], [`${p}post_attention_layernorm.weight`, [e]],
    [`${p}pre_feedforward_layernorm.weight`, [e]], [`${p}post_feedforward_layernorm.weight`, [e]],
    [`${p}self_attn.q_proj.weight`, [heads * d, e]], [`${p}self_attn.k_proj.weight`, [kvHeads * d, e]],
    [`${p}self_attn.v_proj.weight`, [kvHeads * d, e]], [`${p}self_attn.o_proj.weight`, [e, heads * d]],
    [`${p}self_attn.q_norm.weight`, [d]], [`${p}self_attn.k_norm.weight`, [d]],
    [`${p}mlp.gate_proj.weight`, [ffn, e]], [`${p}mlp.up_proj.weight`, [ffn, e]], [`${p}mlp.down_proj.weight`, [e, ffn]],
  ];
}

/** 16 MB of random bf16 values in ±0.05, reused (rotated) for every tensor: weights need not be unique. */
function randomBf16Block(): Buffer {
  const block = Buffer.alloc(16 << 20);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < block.length; i += 2) {
    f32[0] = (Math.random() - 0.5) * 0.1;
    block.writeUInt16LE(u32[0]! >>> 16, i);
  }
  return block;
}

function writeShard(file: string, tensors: Array<[string, number[]]>, block: Buffer): number {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, shape] of tensors) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 2;
    header[name] = { dtype: 'BF16', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, Buffer.concat([length, json]));
    let rotation = 0;
    for (const [, shape] of tensors) {
      let left = shape.reduce((a, b) => a * b, 1) * 2;
      while (left > 0) {
        const n = Math.min(left, block.length - rotation);
        fs.writeSync(fd, block, rotation, n);
        left -= n;
        rotation = (rotation + 4098) % block.length;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return offset;
}

function makeCheckpoint(dir: string, targetBytes: number): number {
  const perLayer = layerTensors(0).reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1) * 2, 0);
  const layers = Math.ceil(targetBytes / perLayer);
  for (const f of fs.readdirSync(CHECKPOINT_DIR)) {
    if (!f.endsWith('.safetensors') && f !== 'config.json') fs.copyFileSync(path.join(CHECKPOINT_DIR, f), path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
    architectures: ['Gemma3ForCausalLM'], model_type: 'gemma3_text', hidden_size: SHAPE.hidden, intermediate_size: SHAPE.ffn,
    num_hidden_layers: layers, num_attention_heads: SHAPE.heads, num_key_value_heads: SHAPE.kvHeads, head_dim: SHAPE.headDim,
    vocab_size: SHAPE.vocab, sliding_window: 1024, rope_scaling: { rope_type: 'linear', factor: 8 },
  }));
  const all: Array<[string, number[]]> = [['model.embed_tokens.weight', [SHAPE.vocab, SHAPE.hidden]], ['model.norm.weight', [SHAPE.hidden]]];
  for (let i = 0; i < layers; i++) all.push(...layerTensors(i));
  const half = Math.ceil(all.length / 2);
  const shards = [all.slice(0, half), all.slice(half)];
  const block = randomBf16Block();
  const weightMap: Record<string, string> = {};
  let total = 0;
  shards.forEach((tensors, i) => {
    const name = `model-0000${i + 1}-of-00002.safetensors`;
    total += writeShard(path.join(dir, name), tensors, block);
    for (const [t] of tensors) weightMap[t] = name;
  });
  fs.writeFileSync(path.join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: total }, weight_map: weightMap }));
  return layers;
}

/** A plain copy of the shards' bytes (8 MB read/write loop) on the same disk. */
function copySeconds(dir: string, target: string): { seconds: number; bytes: number } {
  const buffer = Buffer.allocUnsafe(8 << 20);
  const started = performance.now();
  let bytes = 0;
  const out = fs.openSync(target, 'w');
  try {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.safetensors')).sort()) {
      const fd = fs.openSync(path.join(dir, f), 'r');
      try {
        for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
          fs.writeSync(out, buffer, 0, n);
          bytes += n;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  return { seconds: (performance.now() - started) / 1000, bytes };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-bench-convert-'));
try {
  const dir = path.join(root, 'checkpoint');
  fs.mkdirSync(dir);
  const layers = makeCheckpoint(dir, Number(values.gigabytes) * 1e9);
  const copy = copySeconds(dir, path.join(root, 'copy.bin'));
  fs.rmSync(path.join(root, 'copy.bin'));
  log(`checkpoint: ${layers} layers, ${(copy.bytes / 1e9).toFixed(2)} GB; plain copy ${copy.seconds.toFixed(1)} s`);

  const out = path.join(root, `bench-${quant}.gguf`);
  const started = performance.now();
  let passSeconds = 0;
  let passPeakRssKb = 0;
  const result = await convertCheckpoint({
    sourceDir: dir, outFile: out, quant,
    onProgress: (p) => {
      if (p.stage === 'verify' && passSeconds === 0) {
        passSeconds = (performance.now() - started) / 1000;
        passPeakRssKb = process.resourceUsage().maxRSS;
      }
    },
  });
  const mbps = copy.bytes / 1e6 / passSeconds;
  const copyMbps = copy.bytes / 1e6 / copy.seconds;
  const report = {
    inputBytes: copy.bytes,
    seconds: Math.round(passSeconds * 10) / 10,
    megabytesPerSecond: Math.round(mbps),
    copyMegabytesPerSecond: Math.round(copyMbps),
    ratio: Math.round((mbps / copyMbps) * 100) / 100,
    peakRssMegabytes: Math.round(passPeakRssKb / 1024),
    quant,
    outputBytes: result.bytes,
    totalSeconds: Math.round(((performance.now() - started) / 1000) * 10) / 10,
    verifyPeakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
