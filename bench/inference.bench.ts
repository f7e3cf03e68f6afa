/**
 * `npm run bench:inference -- [--json] [--embedding 128] [--layers 4] [--max-tokens 48] [--rounds 2] [--threads 1]`
 *
 * On the generated test model with Gemma-3's real vocabulary (262,144 tokens, so the output layer
 * and the grammar cost what they cost on DAGGER; tests/support/test-model.ts), in one run:
 * - pipeline vs bare: the app's inference pipeline (InferenceService.solve: exact prompt with one
 *   <bos>, grammar, streaming node parser, stop detection, graph analysis) against bare
 *   node-llama-cpp (LlamaCompletion on the same context tokens, same grammar, same greedy
 *   settings), alternating problem by problem so machine noise hits both alike. `ratio` is
 *   pipeline ÷ bare decode speed (target ≥ 0.95).
 * - bareNoGrammarTokensPerSecond: bare greedy decoding without a grammar (the paper's setting).
 * - the grammar's own cost, from forcing a real DAGGER output (examples.json) through it token by
 *   token (tests/support/grammar-forcing.ts): `grammarAcceptedMsPerToken` is what the grammar adds
 *   to a token it accepts (forced with minus without the grammar); `grammarFullPassMs` is what a
 *   rejected greedy token costs (a decoy the grammar never allows is made the greedy choice, so
 *   llama.cpp checks the whole vocabulary before taking the real token), over the accepted cost.
 *   The random-weight model's greedy token is nearly always rejected, so with the grammar it decodes
 *   at the full-pass speed; a trained DAGGER model's greedy token is nearly always accepted.
 *
 * Prints {"bareTokensPerSecond", "pipelineTokensPerSecond", "ratio", "bareNoGrammarTokensPerSecond",
 * "grammarAcceptedMsPerToken", "grammarFullPassMs", "promptTokens", "modelBytes", ...}.
 */
import fs from 'node:fs';
import { LlamaCompletion, LlamaText, type Token } from 'node-llama-cpp';
import { buildDaggerPrompt } from '../src/core/prompt.js';
import { daggerGrammarText } from '../src/main/services/inference/grammar.js';
import { InferenceService } from '../src/main/services/inference/inference-service.js';
import { getSharedLlama } from '../src/main/services/inference/llama-runtime.js';
import { completionInputFor, contextTokensFor } from '../src/main/services/inference/prompt-tokens.js';
import { loadDaggerExamples } from '../tests/support/dagger-fixtures.js';
import { forceThroughGrammar, type ForcedRun } from '../tests/support/grammar-forcing.js';
import { realVocabTestModel } from '../tests/support/test-model.js';

const PROBLEMS = [
  'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?',
  'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?',
  'একটি বাক্সে ২৪টি ডিম থাকে। ৫টি বাক্সে কয়টি ডিম?',
];
/** Tokens of the real output forced with the decoy: every one costs a full pass, so a sample is enough. */
const FULL_PASS_SAMPLE = 48;
/** Short with/without-grammar pairs on the output's first tokens (the accepted cost is ~0.2 ms, under the noise of long runs). */
const ACCEPTED_PAIRS = 10;
const ACCEPTED_SAMPLE = 64;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const json = process.argv.includes('--json');
const embedding = flag('embedding', 128);
const layers = flag('layers', 4);
const maxTokens = flag('max-tokens', 48);
const rounds = flag('rounds', 2);
const threads = flag('threads', 1);
const CONTEXT = 4096;

const log = (text: string) => { if (!json) console.error(text); };

const modelPath = await realVocabTestModel({ embedding, layers });
const modelBytes = fs.statSync(modelPath).size;
log(`model ${modelPath} (${(modelBytes / 1e6).toFixed(0)} MB)`);

// Pipeline: the app's service (no background prefix preparation competing for the CPU).
const service = new InferenceService();
await service.load(modelPath, { contextSize: CONTEXT, threads, gpu: false, preparePrefix: false });

// Bare: node-llama-cpp directly, same model file, same context settings, same grammar and sampling.
const llama = await getSharedLlama(false);
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize: CONTEXT, threads, swaFullCache: true });
const sequence = context.getSequence();
const completion = new LlamaCompletion({ contextSequence: sequence });
const grammar = await llama.createGrammar({ grammar: daggerGrammarText() });

interface Run { generated: number; decodeMs: number }

async function bare(question: string, withGrammar = true): Promise<Run> {
  const tokens = completionInputFor(model, contextTokensFor(model, buildDaggerPrompt(question)));
  let generated = 0;
  let first: number | null = null;
  await completion.generateCompletion(tokens, {
    maxTokens, temperature: 0, repeatPenalty: false, grammar: withGrammar ? grammar : undefined,
    customStopTriggers: [LlamaText('\n```')], contextShiftSize: 1, disableContextShift: true,
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

/** Decode speed counts tokens after the first (the first token's time is prompt evaluation). */
const speedOf = (r: Run) => (r.generated - 1) / r.decodeMs;

// Warm-up: evaluates the shared prompt prefix in both contexts (reused afterwards by both).
await bare(PROBLEMS[0]!);
await pipeline(PROBLEMS[0]!);

const totals = { bare: { tokens: 0, ms: 0 }, pipeline: { tokens: 0, ms: 0 }, noGrammar: { tokens: 0, ms: 0 } };
/** pipeline ÷ bare speed for each back-to-back pair: robust to load that changes between pairs (shared machines). */
const pairRatios: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [i, q] of PROBLEMS.entries()) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    const order = (round + i) % 2 === 0 ? (['bare', 'pipeline'] as const) : (['pipeline', 'bare'] as const);
    const speed: Record<string, number> = {};
    for (const kind of order) {
      const r = kind === 'bare' ? await bare(q) : await pipeline(q);
      speed[kind] = speedOf(r);
      totals[kind].tokens += Math.max(0, r.generated - 1);
      totals[kind].ms += r.decodeMs;
      log(`${kind.padEnd(10)} problem ${i + 1}: ${r.generated} tokens, ${(speed[kind]! * 1000).toFixed(1)} tokens/s`);
    }
    pairRatios.push(speed.pipeline! / speed.bare!);
    const free = await bare(q, false);
    totals.noGrammar.tokens += Math.max(0, free.generated - 1);
    totals.noGrammar.ms += free.decodeMs;
    log(`no grammar problem ${i + 1}: ${free.generated} tokens, ${(speedOf(free) * 1000).toFixed(1)} tokens/s`);
  }
}

// The grammar's cost on a real DAGGER output (the first example), forced token by token.
const example = loadDaggerExamples()[0]!;
const promptTokens = contextTokensFor(model, buildDaggerPrompt(example.question));
const wanted = model.tokenize(example.output.trimEnd(), false);
const [decoy] = model.tokenize('\r', false); // a carriage return: allowed nowhere in the grammar
/** Per forced token after the first (the first token's time includes the prompt's last decode). */
const perToken = (run: ForcedRun) => {
  if (run.rejectedAt !== null) throw new Error(`the grammar rejected token ${run.rejectedAt} of the real DAGGER output`);
  return run.decodeMs / (run.accepted - 1);
};
/**
 * Differences within back-to-back pairs on the same stretch of output (order alternated), many short
 * pairs rather than a few long ones, so load that changes over seconds (shared machines) cancels out.
 */
const acceptedCost: number[] = [];
for (let pair = 0; pair < ACCEPTED_PAIRS; pair++) {
  const stretch = wanted.slice(0, ACCEPTED_SAMPLE);
  const withGrammar = async () => perToken(await forceThroughGrammar(sequence, grammar, promptTokens, stretch));
  const without = async () => perToken(await forceThroughGrammar(sequence, null, promptTokens, stretch));
  let free: number;
  let accepted: number;
  if (pair % 2 === 0) {
    free = await without();
    accepted = await withGrammar();
  } else {
    accepted = await withGrammar();
    free = await without();
  }
  acceptedCost.push(accepted - free);
  log(`forced output: ${free.toFixed(2)} ms/token without grammar, ${accepted.toFixed(2)} with it (accepted)`);
}
const fullPassCost: number[] = [];
for (let round = 0; round < Math.max(rounds, 3); round++) {
  const stretch = wanted.slice(0, FULL_PASS_SAMPLE);
  const accepted = perToken(await forceThroughGrammar(sequence, grammar, promptTokens, stretch));
  const rejected = perToken(await forceThroughGrammar(sequence, grammar, promptTokens, stretch, { decoy: decoy as Token }));
  fullPassCost.push(rejected - accepted);
  log(`forced output: ${accepted.toFixed(2)} ms/token accepted, ${rejected.toFixed(2)} after a rejected greedy token`);
}

const bareTokensPerSecond = (totals.bare.tokens * 1000) / totals.bare.ms;
const pipelineTokensPerSecond = (totals.pipeline.tokens * 1000) / totals.pipeline.ms;
const result = {
  bareTokensPerSecond: round2(bareTokensPerSecond),
  pipelineTokensPerSecond: round2(pipelineTokensPerSecond),
  ratio: Number((pipelineTokensPerSecond / bareTokensPerSecond).toFixed(3)),
  bareNoGrammarTokensPerSecond: round2((totals.noGrammar.tokens * 1000) / totals.noGrammar.ms),
  grammarAcceptedMsPerToken: round2(median(acceptedCost)),
  grammarFullPassMs: round2(median(fullPassCost)),
  promptTokens: contextTokensFor(model, buildDaggerPrompt(PROBLEMS[0]!)).length,
  modelBytes,
  medianPairRatio: Number(median(pairRatios).toFixed(3)),
  msPerToken: round2(1000 / bareTokensPerSecond),
  forcedTokens: { acceptedPairs: ACCEPTED_PAIRS, perPair: ACCEPTED_SAMPLE, fullPass: FULL_PASS_SAMPLE },
  vocabularySize: model.fileInfo.metadata.tokenizer.ggml.tokens.length,
  embedding,
  layers,
  problems: PROBLEMS.length * rounds,
  maxTokens,
  threads,
};
console.log(json ? JSON.stringify(result) : result);

function round2(value: number): number {
  return Number(value.toFixed(2));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

await service.dispose();
await context.dispose();
await model.dispose();
