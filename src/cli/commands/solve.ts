/**
 * `dagger-tutor solve [--model PATH] [--json] [--no-grammar] [--max-tokens N] "<question>"`:
 * runs the local model on a problem and executes the graph it writes.
 * Exit 0 when the graph executes, 1 when it does not, 2 on usage or model errors.
 */
import { formatNumber } from '../../core/index.js';
import { InferenceError } from '../../main/services/inference/types.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';
import { loadModelForCli, parsePositiveInt } from './model-runner.js';

const USAGE = `Usage: dagger-tutor solve [--model PATH] [--json] [--no-grammar] [--max-tokens N] "<question>"

Writes a computational graph for the problem with the local model and executes it.
  --model PATH     GGUF model (default: settings.json "modelPath", else the only installed model)
  --json           print {ok, answer, graph, diagnostics, rawOutput, stats, backend}
  --no-grammar     do not constrain the output with the DAGGER grammar
  --max-tokens N   at most N new tokens (default 1024)
Exit status: 0 the graph executes, 1 it does not, 2 usage or model error.`;

export const solveCommand: Command = {
  name: 'solve',
  summary: 'solve a problem with the local model',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({
      args: argv,
      options: { model: { type: 'string' }, json: { type: 'boolean', default: false }, 'no-grammar': { type: 'boolean', default: false }, 'max-tokens': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const { values, positionals } = parsed;
    const question = positionals.join(' ').trim();
    if (!question) throw new UsageError('missing question');
    const maxTokens = parsePositiveInt('--max-tokens', values['max-tokens']);

    const service = await loadModelForCli(dataDir, values.model, io.env);
    try {
      const result = await service.solve(question, {
        grammar: !values['no-grammar'],
        maxTokens,
        // Without --json, show the graph as it is written (stderr keeps stdout clean for the answer).
        onToken: values.json ? undefined : (text) => io.err(text),
      });
      if (values.json) {
        const { ok, answer, graph, diagnostics, rawOutput, stats, backend } = result;
        io.out(`${JSON.stringify({ ok, answer, graph, diagnostics, rawOutput, stats, backend })}\n`);
      } else {
        io.err('\n');
        for (const d of result.diagnostics) io.out(`${d.severity}: ${d.message}\n`);
        io.out(result.ok && result.answer !== null ? `answer: ${formatNumber(result.answer)}\n` : 'the graph could not be executed\n');
        const s = result.stats;
        io.err(`${s.promptTokens} prompt tokens (${s.promptTokensEvaluated} evaluated), ${s.generatedTokens} generated, ${s.tokensPerSecond} tokens/s, ${s.totalMs} ms, ${result.backend}\n`);
      }
      return result.ok ? EXIT.ok : EXIT.failed;
    } catch (error) {
      if (error instanceof InferenceError) throw new UsageError(error.message);
      throw error;
    } finally {
      await service.dispose();
    }
  },
};
