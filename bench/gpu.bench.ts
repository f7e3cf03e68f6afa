/**
 * `npm run bench:gpu -- [--json] [--shape 12b|4b|tiny | --shapes 12b,4b] [--model-dir DIR] [--vocab FILE]
 *                      [--threads N] [--max-tokens N] [--gpu auto|cpu]`
 *
 * Speed at DAGGER's real size. Builds a random-weight Gemma-3 with the real shapes, Gemma-3's real
 * vocabulary and the Q4_K_M layout (src/main/services/models/gguf/random-quant-model.ts) in a
 * temporary folder, then measures on it, one after the other (each unloaded before the next):
 * - pipeline: the app's InferenceService solving DAGGER problems (exact prompt, grammar, streaming
 *   node parser): load time, prompt and decode speed, time to first token and first node, the same
 *   again for a second problem (prefix reused), and decode speed without the grammar;
 * - bare: node-llama-cpp alone on the same model and tokens with the same settings.
 * The GPU is used when there is one (gpu 'auto', all layers offloaded when they fit), with
 * llama.cpp's math-core count as threads unless --threads says otherwise. The model is deleted
 * afterwards. Prints one JSON object per shape (an array for --shapes).
 *
 * Random weights make the grammar reject most greedy tokens, and each rejection costs a pass over
 * all 262,144 tokens on the CPU; DAGGER's real outputs are almost never rejected (issue 11). So the
 * decode figure that reflects the hardware is `noGrammarDecodeTokensPerSecond`; its ceiling is the
 * memory bandwidth divided by modelBytes.
 *
 * Bundled for a machine without npm by `npm run bench:gpu:bundle` (see scripts/bundle-gpu-bench.mjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LlamaCompletion, LlamaText, type Llama, type Token } from 'node-llama-cpp';
import { buildDaggerPrompt } from '../src/core/prompt.js';
import { daggerGrammarText } from '../src/main/services/inference/grammar.js';
import { InferenceService } from '../src/main/services/inference/inference-service.js';
import { backendOf, getLlamaRuntime } from '../src/main/services/inference/llama-runtime.js';
import { completionInputFor, contextTokensFor } from '../src/main/services/inference/prompt-tokens.js';
import type { Gemma3Tokenizer } from '../src/main/services/models/gguf/gemma3-metadata.js';
import { isShapeName, MODEL_SHAPES, writeRandomQuantModel, type ShapeName } from '../src/main/services/models/gguf/random-quant-model.js';
import { benchVocabulary } from './support/vocabulary-file.js';

const PROBLEMS = [
  'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?',
  'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?',
  'একটি বাক্সে ২৪টি ডিম থাকে। ৫টি বাক্সে কয়টি ডিম?',
];
const CONTEXT = 4096;
const CLOSING_FENCE = '\n```';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    shape: { type: 'string' },
    shapes: { type: 'string' },
    'model-dir': { type: 'string' },
    vocab: { type: 'string' },
    threads: { type: 'string' },
    'max-tokens': { type: 'string' },
    gpu: { type: 'string', default: 'auto' },
  },
});
const shapes = (args.shapes ?? args.shape ?? '12b').split(',').map((s) => s.trim());
for (const shape of shapes) if (!isShapeName(shape)) throw new Error(`unknown shape "${shape}": use 12b, 4b or tiny`);
if (args.gpu !== 'auto' && args.gpu !== 'cpu') throw new Error('--gpu is auto or cpu');
const gpu = args.gpu === 'auto' ? 'auto' as const : false as const;
const log = (text: string) => { if (!args.json) console.error(text); };

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} needs a positive whole number, got "${value}"`);
  return n;
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const perSecond = (count: number, ms: number) => (ms > 0 ? round((count * 1000) / ms) : 0);

interface Timing { promptTokens: number; ttftMs: number; decodeTokensPerSecond: number; generatedTokens: number }

/** Bare node-llama-cpp: the same context settings, tokens, grammar and greedy sampling as the service. */
async function bareRun(llama: Llama, modelPath: string, threads: number, maxTokens: number) {
  const before = await memoryNow(llama);
  const loadStarted = performance.now();
  const model = await llama.loadModel({ modelPath, gpuLayers: 'auto' });
  const context = await model.createContext({ contextSize: CONTEXT, threads, swaFullCache: true });
  const loadMs = performance.now() - loadStarted;
  const memory = memoryAdded(before, await memoryNow(llama));
  const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
  const grammar = await llama.createGrammar({ grammar: daggerGrammarText() });
  const run = async (question: string, withGrammar: boolean): Promise<Timing> => {
    const tokens: Token[] = contextTokensFor(model, buildDaggerPrompt(question));
    const started = performance.now();
    let first: number | null = null;
    let generated = 0;
    await completion.generateCompletion(completionInputFor(model, tokens), {
      maxTokens, temperature: 0, repeatPenalty: false, customStopTriggers: [LlamaText(CLOSING_FENCE)],
      ...(withGrammar ? { grammar } : {}),
      onToken: (chunk) => { first ??= performance.now(); generated += chunk.length; },
    });
    const end = performance.now();
    return {
      promptTokens: tokens.length,
      ttftMs: first === null ? 0 : first - started,
      decodeTokensPerSecond: first === null ? 0 : perSecond(generated - 1, end - first),
      generatedTokens: generated,
    };
  };
  try {
    const cold = await run(PROBLEMS[0]!, true);
    const noGrammar = await run(PROBLEMS[1]!, false);
    return {
      loadMs: round(loadMs),
      ...memory,
      gpuLayers: model.gpuLayers,
      promptTokens: cold.promptTokens,
      promptTokensPerSecond: perSecond(cold.promptTokens, cold.ttftMs),
      ttftMs: round(cold.ttftMs),
      decodeTokensPerSecond: cold.decodeTokensPerSecond,
      generatedTokens: cold.generatedTokens,
      noGrammarDecodeTokensPerSecond: noGrammar.decodeTokensPerSecond,
    };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

/** The app's pipeline: InferenceService with the app's settings (the prefix is evaluated by the first solve, as a cold start). */
async function pipelineRun(llama: Llama, modelPath: string, threads: number, maxTokens: number) {
  const service = new InferenceService();
  const before = await memoryNow(llama);
  const loadStarted = performance.now();
  await service.load(modelPath, { contextSize: CONTEXT, threads, gpu, preparePrefix: false });
  const loadMs = performance.now() - loadStarted;
  const memory = memoryAdded(before, await memoryNow(llama));
  try {
    const cold = await service.solve(PROBLEMS[0]!, { maxTokens });
    const warm = await service.solve(PROBLEMS[1]!, { maxTokens });
    const noGrammar = await service.solve(PROBLEMS[2]!, { maxTokens, grammar: false });
    const s = cold.stats;
    return {
      loadMs: round(loadMs),
      ...memory,
      promptTokens: s.promptTokens,
      promptTokensPerSecond: s.timeToFirstTokenMs ? perSecond(s.promptTokensEvaluated, s.timeToFirstTokenMs) : 0,
      ttftMs: s.timeToFirstTokenMs,
      ttfnMs: s.timeToFirstNodeMs,
      decodeTokensPerSecond: s.tokensPerSecond,
      generatedTokens: s.generatedTokens,
      warmPromptTokensEvaluated: warm.stats.promptTokensEvaluated,
      warmTtftMs: warm.stats.timeToFirstTokenMs,
      warmTtfnMs: warm.stats.timeToFirstNodeMs,
      noGrammarDecodeTokensPerSecond: noGrammar.stats.tokensPerSecond,
      backend: service.status.backend,
      fit: service.status.fit?.verdict ?? null,
    };
  } finally {
    await service.dispose();
  }
}

/** VRAM in use and this process's resident memory, to report what loading a model adds. */
async function memoryNow(llama: Llama) {
  const vram = llama.gpu === false ? null : await llama.getVramState();
  return { vramUsed: vram?.used ?? null, rss: process.memoryUsage().rss };
}

type MemoryReading = Awaited<ReturnType<typeof memoryNow>>;

/** What a load added: VRAM (null on the CPU) and resident memory (mapped weights that were touched count). */
function memoryAdded(before: MemoryReading, after: MemoryReading) {
  return {
    vramUsedBytes: after.vramUsed === null || before.vramUsed === null ? null : after.vramUsed - before.vramUsed,
    rssAddedBytes: after.rss - before.rss,
  };
}

async function benchShape(shapeName: ShapeName, vocabulary: Gemma3Tokenizer) {
  const shape = MODEL_SHAPES[shapeName];
  const { llama, gpuInitFailure } = await getLlamaRuntime(gpu);
  const threads = positive('threads', args.threads) ?? llama.cpuMathCores;
  const maxTokens = positive('max-tokens', args['max-tokens']) ?? (shapeName === 'tiny' ? 24 : 360);
  const parent = args['model-dir'] ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'dagger-gpu-bench-'));
  // A run stopped by a time limit (SIGTERM) or Ctrl-C must not leave a 7 GB file behind either.
  const removeOnSignal = (signal: NodeJS.Signals) => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', removeOnSignal).once('SIGINT', removeOnSignal);
  try {
    const modelPath = path.join(dir, `random-${shapeName}-Q4_K_M.gguf`);
    log(`${shapeName}: writing ${modelPath}`);
    const buildStarted = performance.now();
    const written = await writeRandomQuantModel(modelPath, { shape, tokenizer: vocabulary, name: `random-weight ${shapeName} (bench:gpu)` });
    const buildMs = performance.now() - buildStarted;
    log(`${shapeName}: ${(written.bytes / 1e9).toFixed(2)} GB in ${(buildMs / 1000).toFixed(1)} s; pipeline…`);

    const pipeline = await pipelineRun(llama, modelPath, threads, maxTokens);
    log(`${shapeName}: bare…`);
    const bare = await bareRun(llama, modelPath, threads, maxTokens);

    return {
      shape: shapeName,
      layers: shape.layers,
      embedding: shape.embedding,
      vocabulary: vocabulary.tokens.length,
      modelBytes: written.bytes,
      buildMs: round(buildMs),
      backend: backendOf(llama),
      gpuNames: await llama.getGpuDeviceNames().catch(() => []),
      gpuInitFailure,
      threads,
      contextSize: CONTEXT,
      maxTokens,
      pipeline,
      bare,
      decodeRatio: bare.decodeTokensPerSecond > 0 ? round((pipeline.decodeTokensPerSecond ?? 0) / bare.decodeTokensPerSecond, 3) : null,
    };
  } finally {
    process.off('SIGTERM', removeOnSignal).off('SIGINT', removeOnSignal);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
const vocabulary = benchVocabulary(args.vocab);
const results = [];
for (const shape of shapes as ShapeName[]) results.push({ ...(await benchShape(shape, vocabulary)), elapsedMs: round(performance.now() - started) });
const output = args.shapes ? results : results[0];
console.log(args.json ? JSON.stringify(output) : output);
