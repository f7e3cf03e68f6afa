/**
 * Real llama.cpp on the test model with Gemma-3's real vocabulary (tiny random weights, 262,144
 * pieces, add_bos true, like every DAGGER GGUF): what the model is really fed, llama.cpp's
 * tokenisation against Gemma-3's reference tokenizer, and the grammar against the real DAGGER
 * outputs. One model load for all of it (the vocabulary makes it ~74 MB); threads: 1.
 */
import { TokenizerLoader } from '@lenml/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlamaModel, Token } from 'node-llama-cpp';
import { buildDaggerPrompt } from '../../src/core/prompt.js';
import { InferenceService } from '../../src/main/services/inference/inference-service.js';
import { contextTokensFor } from '../../src/main/services/inference/prompt-tokens.js';
import { readGemma3TokenizerFiles } from '../../src/main/services/models/gguf/gemma3-vocab.js';
import { loadDaggerExamples } from '../support/dagger-fixtures.js';
import { forceThroughGrammar } from '../support/grammar-forcing.js';
import { realVocabTestModel } from '../support/test-model.js';

const BANGLA = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';
const ENGLISH = 'Raju has 5 mangoes. He buys 3 more. How many mangoes does he have now?';
const CONTEXT = 2048;
const BOS = 2 as Token;
const START_OF_TURN = 105 as Token;
const END_OF_TURN = 106 as Token;

interface ReferenceTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

let service: InferenceService;
let model: LlamaModel;
let reference: ReferenceTokenizer;

beforeAll(async () => {
  const modelPath = await realVocabTestModel();
  service = new InferenceService();
  await service.load(modelPath, { contextSize: CONTEXT, threads: 1, preparePrefix: false });
  model = service.internals!.model;
  const { tokenizerJson, tokenizerConfig } = readGemma3TokenizerFiles();
  reference = TokenizerLoader.fromPreTrained({ tokenizerJSON: tokenizerJson as never, tokenizerConfig: tokenizerConfig as never }) as unknown as ReferenceTokenizer;
});
afterAll(() => service?.dispose());

/** Solves with a tiny output and returns the context's tokens read back right after the prompt was evaluated. */
async function contextAfterPrompt(question: string, maxTokens = 2): Promise<number[]> {
  let seen: readonly number[] | null = null;
  await service.solve(question, { maxTokens, grammar: false, onPromptEvaluated: (tokens) => { seen = tokens; } });
  expect(seen).not.toBeNull();
  return [...seen!];
}

describe('the real-vocabulary test model', () => {
  it('carries Gemma-3\'s tokenizer as a DAGGER GGUF does: 262,144 pieces, add_bos, the special ids', () => {
    const metadata = model.fileInfo.metadata.tokenizer.ggml;
    expect(metadata.tokens).toHaveLength(262_144);
    expect(metadata.add_bos_token).toBe(true);
    expect(model.tokens.shouldPrependBosToken).toBe(true);
    expect(model.tokens.bos).toBe(BOS);
    expect(model.detokenize([START_OF_TURN], true)).toBe('<start_of_turn>');
    expect(model.isSpecialToken(START_OF_TURN)).toBe(true);
    expect(model.isSpecialToken(END_OF_TURN)).toBe(true);
  });
});

describe('what the model is fed', () => {
  it('one <bos>, read back from the context after the prompt is evaluated, equal to the reference tokenizer\'s prompt', async () => {
    for (const question of [BANGLA, ENGLISH]) {
      const context = await contextAfterPrompt(question);
      const expected = reference.encode(buildDaggerPrompt(question), { add_special_tokens: false });
      expect(context.slice(0, 3)).toEqual([BOS, START_OF_TURN, expected[2]]);
      expect(context.filter((token) => token === BOS)).toHaveLength(1);
      expect(context).toEqual(expected);
      expect(service.internals!.sequence.contextTokens.slice(0, expected.length)).toEqual(expected);
    }
  });

  it('counts the prompt as fed: a prompt that just fits is fed whole, one token more is refused', async () => {
    // Each "ক" is one token here, so the prompt's length is set exactly.
    const base = (await contextAfterPrompt('ক')).length;
    const maxTokens = 8; // well under a tenth of the context, where LlamaCompletion used to cut the prompt's start
    const fitting = 'ক'.repeat(CONTEXT - maxTokens - base + 1);
    const context = await contextAfterPrompt(fitting, maxTokens);
    expect(context).toHaveLength(CONTEXT - maxTokens);
    expect(context[0]).toBe(BOS);
    expect(context).toEqual(reference.encode(buildDaggerPrompt(fitting), { add_special_tokens: false }));
    const result = service.solve(`${fitting}ক`, { maxTokens, grammar: false });
    await expect(result).rejects.toThrow(`the problem is too long: ${CONTEXT - maxTokens + 1} prompt tokens + ${maxTokens} to generate exceed the context of ${CONTEXT} tokens`);
  });
  it('reuses the evaluated prompt prefix: the next problem evaluates only its own question', async () => {
    const other = 'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?';
    const t1 = contextTokensFor(model, buildDaggerPrompt(BANGLA));
    const t2 = contextTokensFor(model, buildDaggerPrompt(other));
    let common = 0;
    while (t1[common] === t2[common]) common++;
    // No grammar: the reuse does not depend on it, and the random model is 30x faster without it here.
    const first = await service.solve(BANGLA, { maxTokens: 16, grammar: false });
    const second = await service.solve(other, { maxTokens: 16, grammar: false });
    expect(first.stats.promptTokens).toBe(t1.length);
    // The second run evaluates just the tokens after the common prefix (the question and the turn end).
    // (llama.cpp's token meter may count one token fewer: the last prompt token is decoded with the first sample.)
    expect(second.stats.promptTokensEvaluated).toBeLessThanOrEqual(t2.length - common);
    expect(second.stats.promptTokensEvaluated).toBeGreaterThanOrEqual(t2.length - common - 1);
    expect(second.stats.promptTokensEvaluated).toBeLessThan(t2.length / 10);
    // Solving the same problem again re-evaluates at most the last prompt token.
    const again = await service.solve(other, { maxTokens: 16, grammar: false });
    expect(again.stats.promptTokensEvaluated).toBeLessThanOrEqual(1);
  });
});

describe('llama.cpp tokenises like Gemma-3\'s reference tokenizer, id for id', () => {
  const examples = loadDaggerExamples();
  const texts: Array<[string, string]> = [
    ['DAGGER prompt, Bangla question', buildDaggerPrompt(BANGLA)],
    ['DAGGER prompt, English question', buildDaggerPrompt(ENGLISH)],
    ...examples.map((e, i): [string, string] => [`DAGGER prompt, example ${i + 1}`, buildDaggerPrompt(e.question)]),
    ...examples.map((e, i): [string, string] => [`real DAGGER output ${i + 1}`, e.output]),
    ['runs of spaces', 'a b  c   d    e     f      g                                x'],
    ['tabs and newlines', 'a\tb\t\tc\n\nd\n\n\ne\t\n \t\n  \n\t\t\t'],
    ['leading and trailing whitespace', '   starts and ends with spaces   \n'],
    ['Bangla digits and decimals', '০১২৩৪৫৬৭৮৯ ১২.৫ টাকা, ১,২৩,৪৫৬ জন, ৩/৪ অংশ'],
    ['mixed digits', 'মিনার কাছে 12টি আর ১২টি কলম: 12 + ১২ = 24'],
    ['emoji', '😀 👍🏽 🇧🇩 👨‍👩‍👧 সব ঠিক ✅'],
    ['HTML-like tags', '<b>bold</b> <div class="x">t</div> <p>para <br/> <table><tr><td>১</td></tr></table>'],
    ['special-token strings mid-text', 'before <start_of_turn>user\nmid<end_of_turn> after <bos> and <eos> <pad>'],
    ['unused and mask tokens mid-text', 'x<unused3>y <mask> [multimodal] <start_of_image>'],
    ['JSON with escapes', '{"label": "\\"উদ্ধৃতি\\" \\u0995 \\n", "val": -3.5e-2}'],
    ['code fence alone', '```json\n{}\n```\n'],
    ['Bangla conjuncts and punctuation', 'ক্ষ্ম, জ্ঞ, ঙ্ক; “উদ্ধৃতি” — ড্যাশ… প্রশ্ন?'],
    ['Latin accents and CJK', 'café naïve Ünïcödé 数学 問題'],
  ];

  it('has at least 20 texts', () => expect(texts.length).toBeGreaterThanOrEqual(20));

  it.each(texts)('%s', (_name, text) => {
    expect(Array.from(model.tokenize(text, true))).toEqual(reference.encode(text, { add_special_tokens: false }));
  });
});

describe('the DAGGER grammar accepts the real outputs', () => {
  it('forces every token of each real DAGGER output through the grammar with no rejection anywhere', async () => {
    const { sequence, grammar } = service.internals!;
    for (const example of loadDaggerExamples()) {
      // Up to the closing fence: where generation stops (the stop trigger), as the app runs it.
      const output = example.output.trimEnd();
      const wanted = model.tokenize(output, false);
      const run = await forceThroughGrammar(sequence, grammar, contextTokensFor(model, buildDaggerPrompt(example.question)), wanted);
      expect(run.rejectedAt, `rejected ${JSON.stringify(model.detokenize(wanted.slice(run.rejectedAt ?? 0, (run.rejectedAt ?? 0) + 1)))} at token ${run.rejectedAt}`).toBeNull();
      expect(run.accepted).toBe(wanted.length);
      expect(model.detokenize(wanted)).toBe(output);
    }
  });

  it('the check can fail: an operation the executor does not know is rejected where it starts', async () => {
    const { sequence, grammar } = service.internals!;
    const example = loadDaggerExamples()[0]!;
    const broken = example.output.trimEnd().replace('"op": "const"', '"op": "konst"');
    const wanted = model.tokenize(broken, false);
    const run = await forceThroughGrammar(sequence, grammar, contextTokensFor(model, buildDaggerPrompt(example.question)), wanted);
    expect(run.rejectedAt).not.toBeNull();
    // Everything before the rejected token was valid; the rejected one is the first holding the "k".
    const before = model.detokenize(wanted.slice(0, run.rejectedAt!)).length;
    const rejected = model.detokenize([wanted[run.rejectedAt!]!]).length;
    const k = broken.indexOf('konst');
    expect(before).toBeLessThanOrEqual(k);
    expect(before + rejected).toBeGreaterThan(k);
  });
});
