/**
 * The tokens the model sees for a prompt: exactly one <bos>, then the prompt, whatever the GGUF's
 * add_bos flag says.
 *
 * The DAGGER prompt text starts with `<bos>` (src/core/prompt.ts), which tokenises (special tokens
 * on) to the BOS token. LlamaCompletion also puts the model's BOS in front of the tokens it is given
 * when the tokenizer says add_bos_token = true, as every Gemma-3 GGUF does, so handing it the
 * tokenised prompt as it is would feed `<bos><bos><start_of_turn>…`, an input DAGGER was never
 * trained on. `contextTokensFor` is what the context must hold; `completionInputFor` is what to hand
 * LlamaCompletion so that it ends up holding exactly that.
 */
import type { LlamaModel, Token } from 'node-llama-cpp';

/** The tokens the context holds once `promptText` is evaluated: one BOS (when the model has one), then the prompt. */
export function contextTokensFor(model: LlamaModel, promptText: string): Token[] {
  const tokens = model.tokenize(promptText, true);
  const bos = model.tokens.bos;
  if (bos === null) return tokens;
  let start = 0;
  while (tokens[start] === bos) start++;
  return [bos, ...tokens.slice(start)];
}

/**
 * What to pass LlamaCompletion for `contextTokens` (from contextTokensFor): without the leading BOS
 * when LlamaCompletion will prepend the model's own.
 */
export function completionInputFor(model: LlamaModel, contextTokens: Token[]): Token[] {
  const prependsBos = model.tokens.shouldPrependBosToken && model.tokens.bos !== null;
  return prependsBos && contextTokens[0] === model.tokens.bos ? contextTokens.slice(1) : contextTokens;
}
