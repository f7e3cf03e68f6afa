/**
 * Forces a given token sequence (a real DAGGER output) through llama.cpp's grammar sampler, token by
 * token, after a prompt: at each step the wanted token's logit is raised far above every other, so
 * greedy sampling picks it unless the grammar rejects it, in which case llama.cpp applies the
 * grammar to the whole vocabulary and picks something else. Used by the grammar test (no rejection
 * anywhere) and by bench:inference (what the grammar costs per token).
 *
 * With `decoy`, a token the grammar never allows (e.g. "\r") is raised even higher, so every step
 * is a rejection followed by a full pass over the vocabulary, then the wanted token: the cost of the
 * slow path.
 */
import { LlamaGrammarEvaluationState, TokenBias, type LlamaContextSequence, type LlamaGrammar, type Token } from 'node-llama-cpp';

export interface ForcedRun {
  /** Wanted tokens that were sampled, in order, before the first one that was not. */
  accepted: number;
  /** Index of the first wanted token the sampler did not produce (grammar rejection), or null. */
  rejectedAt: number | null;
  /** What was sampled instead at `rejectedAt`. */
  sampledInstead: Token | null;
  /** Milliseconds from the first sampled token to the last (prompt evaluation excluded). */
  decodeMs: number;
}

export async function forceThroughGrammar(
  sequence: LlamaContextSequence,
  grammar: LlamaGrammar | null,
  promptTokens: Token[],
  wanted: Token[],
  options: { decoy?: Token } = {},
): Promise<ForcedRun> {
  const { model } = sequence;
  const input = await keepPromptOnly(sequence, promptTokens);
  let index = 0;
  const bias = () => {
    const b = new TokenBias(model.tokenizer);
    const next = wanted[index];
    if (next !== undefined) b.set(next, { logit: 1e4 });
    if (options.decoy !== undefined) b.set(options.decoy, { logit: 2e4 });
    return b;
  };
  const grammarEvaluationState = grammar ? new LlamaGrammarEvaluationState({ model, grammar }) : undefined;
  let firstAt: number | null = null;
  let rejectedAt: number | null = null;
  let sampledInstead: Token | null = null;
  for await (const token of sequence.evaluate(input, { temperature: 0, tokenBias: bias, grammarEvaluationState, yieldEogToken: true })) {
    firstAt ??= performance.now();
    if (token !== wanted[index]) {
      rejectedAt = index;
      sampledInstead = token;
      break;
    }
    index++;
    if (index === wanted.length) break;
  }
  const decodeMs = firstAt === null ? 0 : performance.now() - firstAt;
  return { accepted: index, rejectedAt, sampledInstead, decodeMs };
}

/**
 * Leaves the sequence holding the prompt minus its last token and returns what to evaluate next: the
 * whole prompt, or only its last token when the sequence already held the prompt (repeated runs,
 * such as the benchmark's, then skip re-evaluating the ~770 shared tokens).
 */
async function keepPromptOnly(sequence: LlamaContextSequence, promptTokens: Token[]): Promise<Token[]> {
  const held = sequence.contextTokens;
  const holdsPrompt = held.length >= promptTokens.length && promptTokens.every((token, i) => held[i] === token);
  if (!holdsPrompt) {
    await sequence.clearHistory();
    return promptTokens;
  }
  await sequence.eraseContextTokenRanges([{ start: promptTokens.length - 1, end: sequence.nextTokenIndex }]);
  return promptTokens.slice(-1);
}
