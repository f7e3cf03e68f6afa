/**
 * `npm run bench:inference -- [--json] [--embedding 512] [--layers 8] [--max-tokens 96] [--rounds 2]`
 *
 * Overhead of the app's inference pipeline (InferenceService.solve: exact prompt, grammar, streaming
 * node parser, stop detection, graph analysis) against bare node-llama-cpp (LlamaCompletion on the
 * same tokens, same grammar, same greedy settings), on the same generated model, in the same run,
 * alternating problem by problem so machine noise hits both alike. The model is made big enough
 * that a token costs several milliseconds, like a real model's, so the ratio measures the
 * pipeline's own cost rather than llama.cpp's fixed per-call overhead.
 *
 * Prints {"bareTokensPerSecond", "pipelineTokensPerSecond", "ratio", "modelBytes", ...}.
 */
import fs from 'node:fs';
import { LlamaCompletion, LlamaText } from 'node-llama-cpp';
import { buildDaggerPrompt } from '../src/core/prompt.js';
import { daggerGrammarText } from '../src/main/services/inference/grammar.js';
import { InferenceService } from '../src/main/services/inference/inference-service.js';
import { getSharedLlama } from '../src/main/services/inference/llama-runtime.js';
import { ensureTestModel } from '../tests/support/test-model.js';

const PROBLEMS = [
  'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?',
  'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?',
  'একটি বাক্সে ২৪টি ডিম থাকে। ৫টি বাক্সে কয়টি ডিম?',
];

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const json = process.argv.includes('--json');
const embedding = flag('embedding', 512);
const layers = flag('layers', 8);
const maxTokens = flag('max-tokens', 96);
const rounds = flag('rounds', 2);
const threads = flag('threads', 1);
const CONTEXT = 8192;

const log = (text: string) => { if (!json) console.error(text); };

const modelPath = await ensureTestModel({ embedding, layers, heads: 8 });
const modelBytes = fs.statSync(modelPath).size;
log(`model ${modelPath} (${(modelBytes / 1e6).toFixed(0)} MB)`);

// Pipeline: the app's service.
const service = new InferenceService();
await service.load(modelPath, { contextSize: CONTEXT, threads, gpu: false });

// Bare: node-llama-cpp directly, same model file, same context settings, same grammar and sampling.
const llama = await getSharedLlama(false);
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize: CONTEXT, threads, swaFullCache: true });
const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
const grammar = await llama.createGrammar({ grammar: daggerGrammarText() });

interface Run { generated: number; decodeMs: number }

async function bare(question: string): Promise<Run> {
  const tokens = model.tokenize(buildDaggerPrompt(question), true);
  let generated = 0;
  let first: number | null = null;
  await completion.generateCompletion(tokens, {
    maxTokens, temperature: 0, repeatPenalty: false, grammar, customStopTriggers: [LlamaText('\n```')],
    onToken: (chunk) => { first ??= performance.now(); generated += chunk.length; },
  });
  const end = performance.now();
  return { generated, decodeMs: first === null ? 0 : end - first };
}

async function pipeline(question: string): Promise<Run> {
  const r = await service.solve(question, { maxTokens, onNode: () => undefined, onToken: () => undefined });
  const decodeMs = r.stats.generatedTokens > 1 ? ((r.stats.generatedTokens - 1) * 1000) / r.stats.tokensPerSecond : 0;
  return { generated: r.stats.generatedTokens, decodeMs };
}

// Warm-up: evaluates the shared prompt prefix in both contexts (reused afterwards by both).
await bare(PROBLEMS[0]!);
await pipeline(PROBLEMS[0]!);

const totals = { bare: { tokens: 0, ms: 0 }, pipeline: { tokens: 0, ms: 0 } };
/** pipeline ÷ bare speed for each back-to-back pair: robust to load that changes between pairs (shared machines). */
const pairRatios: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [i, q] of PROBLEMS.entries()) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    const order = (round + i) % 2 === 0 ? (['bare', 'pipeline'] as const) : (['pipeline', 'bare'] as const);
    const speed: Record<string, number> = {};
    for (const kind of order) {
      const r = kind === 'bare' ? await bare(q) : await pipeline(q);
      speed[kind] = (r.generated - 1) / r.decodeMs;
      // Decode speed counts tokens after the first (the first token's time is prompt evaluation).
      totals[kind].tokens += Math.max(0, r.generated - 1);
      totals[kind].ms += r.decodeMs;
      log(`${kind.padEnd(8)} problem ${i + 1}: ${r.generated} tokens, ${(((r.generated - 1) * 1000) / r.decodeMs).toFixed(1)} tokens/s`);
    }
    pairRatios.push(speed.pipeline! / speed.bare!);
  }
}

const bareTokensPerSecond = (totals.bare.tokens * 1000) / totals.bare.ms;
const pipelineTokensPerSecond = (totals.pipeline.tokens * 1000) / totals.pipeline.ms;
const result = {
  bareTokensPerSecond: Number(bareTokensPerSecond.toFixed(2)),
  pipelineTokensPerSecond: Number(pipelineTokensPerSecond.toFixed(2)),
  ratio: Number((pipelineTokensPerSecond / bareTokensPerSecond).toFixed(3)),
  modelBytes,
  medianPairRatio: Number(median(pairRatios).toFixed(3)),
  msPerToken: Number((1000 / bareTokensPerSecond).toFixed(2)),
  problems: PROBLEMS.length * rounds,
  maxTokens,
  threads,
};
console.log(json ? JSON.stringify(result) : result);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

await service.dispose();
await context.dispose();
await model.dispose();
