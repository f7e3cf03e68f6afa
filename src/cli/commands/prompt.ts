/** `dagger-tutor prompt [--json] "<question>"`: prints the exact text the model sees for a question. */
import { buildDaggerPrompt } from '../../core/prompt.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor prompt [--json] "<question>"

Prints the exact model input for a question: the DAGGER prompt in Gemma-3's chat template, one
user turn, no system turn, BOS written as <bos>.
  --json   print {"prompt": "..."}`;

export const promptCommand: Command = {
  name: 'prompt',
  summary: 'print the exact prompt the model sees for a question',
  usage: USAGE,
  async run({ argv, io }) {
    const { values, positionals } = parseCommandArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    const question = positionals.join(' ');
    if (!question.trim()) throw new UsageError('missing question');
    const prompt = buildDaggerPrompt(question);
    io.out(values.json ? `${JSON.stringify({ prompt })}\n` : prompt);
    return EXIT.ok;
  },
};
