/**
 * Run in a child process by tests that need a fresh process (nothing of llama.cpp in memory):
 * loads MODEL with its prefix state folder, solves QUESTION greedily and prints one JSON line with
 * the prefix's status, the tokens the context holds afterwards and the output.
 *
 *   tsx tests/support/solve-in-child.ts MODEL STATE_DIR CONTEXT_SIZE MAX_TOKENS QUESTION
 * Threads: DAGGER_TUTOR_THREADS, default 1.
 */
import { InferenceService } from '../../src/main/services/inference/inference-service.js';

const [modelPath, prefixStateDir, contextSize, maxTokens, question] = process.argv.slice(2);
const service = new InferenceService();
await service.load(modelPath!, { contextSize: Number(contextSize), threads: Number(process.env.DAGGER_TUTOR_THREADS ?? 1), gpu: false, prefixStateDir: prefixStateDir! });
const result = await service.solve(question!, { maxTokens: Number(maxTokens) });
console.log(JSON.stringify({
  prefix: service.status.prefix,
  contextTokens: service.internals!.sequence.contextTokens,
  rawOutput: result.rawOutput,
  promptTokensEvaluated: result.stats.promptTokensEvaluated,
  stats: result.stats,
}));
await service.dispose();
