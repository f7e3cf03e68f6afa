/**
 * `npm run bench:ttft -- [--json] [--embedding 256] [--layers 8] [--feed-forward 2048] [--threads 1] [--rounds 3]`
 *
 * Time to first token of a DAGGER problem in the three situations a student meets, on the
 * real-vocabulary test model made wide enough that prompt evaluation costs noticeable time per
 * token (the real prompt: ~780 tokens, ~750 of them the shared instruction prefix):
 * - cold: nothing cached (a load without prefix preparation, the first problem);
 * - warm: the prefix in memory (the next problem in the same process);
 * - restored: a new process that restored the saved prefix state instead of evaluating it.
 * Prints {"promptTokens", "coldTtftMs", "warmTtftMs", "restoredTtftMs", "evaluatedAfterRestore",
 * "stateBytes", "restoreMs", "restoredOverCold"}, each time the median of --rounds rounds (a shared
 * machine's load moves single runs by a factor of several). Target: restored ≤ 0.25 × cold.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { InferenceService } from '../src/main/services/inference/inference-service.js';
import type { PrefixStatus, SolveStats } from '../src/main/services/inference/types.js';
import { realVocabTestModel } from '../tests/support/test-model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const Q1 = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';
const Q2 = 'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?';
const CONTEXT = 4096;
/** Only the first token matters here (with the grammar, as the app samples). */
const MAX_TOKENS = 2;

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    embedding: { type: 'string', default: '256' },
    layers: { type: 'string', default: '8' },
    'feed-forward': { type: 'string', default: '2048' },
    threads: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
  },
});
const log = (text: string) => { if (!args.json) console.error(text); };
const threads = Number(args.threads);
const rounds = Number(args.rounds);

const modelPath = await realVocabTestModel({ embedding: Number(args.embedding), layers: Number(args.layers), heads: 4, feedForward: Number(args['feed-forward']) });
log(`model ${modelPath} (${(fs.statSync(modelPath).size / 1e6).toFixed(0)} MB)`);
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-ttft-'));

/** One round: cold and warm in this process, then the prefix saved, then restored by a new process. */
async function round() {
  fs.rmSync(stateDir, { recursive: true, force: true });
  // Cold, then warm: one process, no prefix preparation, so the first problem evaluates everything.
  const plain = new InferenceService();
  await plain.load(modelPath, { contextSize: CONTEXT, threads, gpu: false, preparePrefix: false });
  const cold = (await plain.solve(Q1, { maxTokens: MAX_TOKENS })).stats;
  const warm = (await plain.solve(Q2, { maxTokens: MAX_TOKENS })).stats;
  await plain.dispose();

  // A load that prepares the prefix and saves its state, as the app does after its first load.
  const saver = new InferenceService();
  await saver.load(modelPath, { contextSize: CONTEXT, threads, gpu: false, prefixStateDir: stateDir });
  await saver.solve(Q2, { maxTokens: 1 }); // queued behind the preparation: returns once the state is saved
  const saved = saver.status.prefix;
  await saver.dispose();
  if (saved?.source !== 'evaluated' || saved.stateBytes === null) throw new Error(`the prefix state was not saved: ${JSON.stringify(saved)}`);

  // Restored: a new process, nothing of this one's llama.cpp state in memory.
  const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [
    path.join(ROOT, 'tests', 'support', 'solve-in-child.ts'), modelPath, stateDir, String(CONTEXT), String(MAX_TOKENS), Q1,
  ], { cwd: ROOT, env: { ...process.env, DAGGER_TUTOR_THREADS: String(threads) } });
  const restored = JSON.parse(stdout.trim().split('\n').at(-1)!) as { prefix: PrefixStatus; stats: SolveStats };
  if (restored.prefix.source !== 'restored') throw new Error(`the new process did not restore the prefix: ${JSON.stringify(restored.prefix)}`);
  log(`cold ${cold.timeToFirstTokenMs} ms, warm ${warm.timeToFirstTokenMs} ms, restored ${restored.stats.timeToFirstTokenMs} ms`);
  return {
    promptTokens: cold.promptTokens,
    coldTtftMs: cold.timeToFirstTokenMs ?? NaN,
    warmTtftMs: warm.timeToFirstTokenMs ?? NaN,
    restoredTtftMs: restored.stats.timeToFirstTokenMs ?? NaN,
    evaluatedAfterRestore: restored.stats.promptTokensEvaluated,
    stateBytes: restored.prefix.stateBytes ?? NaN,
    restoreMs: restored.prefix.ms ?? NaN,
    prefixTokens: restored.prefix.totalTokens,
    prefixEvaluateMs: saved.ms ?? NaN,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

try {
  const runs: Array<Awaited<ReturnType<typeof round>>> = [];
  for (let i = 0; i < rounds; i++) runs.push(await round());
  const med = (key: keyof (typeof runs)[number]) => Number(median(runs.map((r) => r[key])).toFixed(1));
  const result = {
    promptTokens: med('promptTokens'),
    coldTtftMs: med('coldTtftMs'),
    warmTtftMs: med('warmTtftMs'),
    restoredTtftMs: med('restoredTtftMs'),
    evaluatedAfterRestore: med('evaluatedAfterRestore'),
    stateBytes: med('stateBytes'),
    restoreMs: med('restoreMs'),
    restoredOverCold: Number((med('restoredTtftMs') / med('coldTtftMs')).toFixed(3)),
    prefixTokens: med('prefixTokens'),
    prefixEvaluateMs: med('prefixEvaluateMs'),
    rounds,
    threads,
    modelBytes: fs.statSync(modelPath).size,
  };
  console.log(args.json ? JSON.stringify(result) : result);
} finally {
  fs.rmSync(stateDir, { recursive: true, force: true });
}
