/**
 * `dagger-tutor prompt [--json] [--model FILE] "<question>"`: prints the exact text the model sees
 * for a question and, with a model, the token ids its context really holds once that prompt is
 * evaluated (read back from llama.cpp's sequence, not tokenised again), so anyone can check the
 * model's input: one <bos>, the Gemma turn markers as single tokens.
 */
import { buildDaggerPrompt } from '../../core/prompt.js';
import { InferenceError } from '../../main/services/inference/types.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';
import { loadModelForCli } from './model-runner.js';

const USAGE = `Usage: dagger-tutor prompt [--json] [--model FILE] "<question>"

Prints the exact model input for a question: the DAGGER prompt in Gemma-3's chat template, one
user turn, no system turn, BOS written as <bos>.
  --model FILE   also evaluate the prompt with this GGUF and print the token ids its context holds
  --json         print {"prompt": "..."}, with --model {"prompt", "tokens", "tokenCount"}`;

export const promptCommand: Command = {
  name: 'prompt',
  summary: 'print the exact prompt the model sees for a question (with --model, its tokens)',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, model: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const question = positionals.join(' ');
    if (!question.trim()) throw new UsageError('missing question');
    const prompt = buildDaggerPrompt(question);
    if (values.model === undefined) {
      io.out(values.json ? `${JSON.stringify({ prompt })}\n` : prompt);
      return EXIT.ok;
    }

    const tokens = await contextTokensOfPrompt(dataDir, values.model, io.env, question);
    if (values.json) io.out(`${JSON.stringify({ prompt, tokens, tokenCount: tokens.length })}\n`);
    else io.out(`${prompt}\n\n${tokens.length} tokens: ${tokens.join(' ')}\n`);
    return EXIT.ok;
  },
};

/** Evaluates the prompt exactly as a solve does (one generated token, no grammar) and reads the context back. */
async function contextTokensOfPrompt(dataDir: string, modelPath: string, env: NodeJS.ProcessEnv, question: string): Promise<number[]> {
  const service = await loadModelForCli(dataDir, modelPath, env, { preparePrefix: false });
  try {
    let tokens: number[] | null = null;
    await service.solve(question, { maxTokens: 1, grammar: false, onPromptEvaluated: (context) => { tokens = [...context]; } });
    if (tokens === null) throw new Error('the model produced no token, so the evaluated prompt could not be read back');
    return tokens;
  } catch (error) {
    if (error instanceof InferenceError) throw new UsageError(error.message);
    throw error;
  } finally {
    await service.dispose();
  }
}
