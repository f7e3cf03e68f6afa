/**
 * `dagger-tutor eval <file.jsonl> [--model PATH] [--limit N] [--json]`: runs the model on rows
 * `{"question": ..., "answer": ...}` and reports accuracy (relative tolerance 1e-6), format
 * validity, and mean tokens and time per problem. Progress goes to stderr.
 */
import { readFile } from 'node:fs/promises';
import { parseUserNumber } from '../../core/index.js';
import { InferenceError } from '../../main/services/inference/types.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';
import { answersMatch, isWellFormed } from './eval-metrics.js';
import { loadModelForCli, parsePositiveInt } from './model-runner.js';

const USAGE = `Usage: dagger-tutor eval <file.jsonl|-> [--model PATH] [--limit N] [--json]

Each line: {"question": "...", "answer": 42} (the answer may be a string, Bangla digits allowed).
  --model PATH   GGUF model (default: settings.json "modelPath", else the only installed model)
  --limit N      only the first N problems
  --json         print the report as JSON (with one entry per problem)
Exit status: 0 evaluated, 2 usage, input or model error.`;

interface Row { line: number; question: string; answer: number }
interface ProblemResult {
  line: number; gold: number; answer: number | null; correct: boolean; wellFormed: boolean; executes: boolean;
  generatedTokens: number; totalMs: number;
}

export function readRows(text: string): { rows: Row[]; problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try { value = JSON.parse(raw); } catch { problems.push(`line ${line}: not valid JSON`); return; }
    const row = value as { question?: unknown; answer?: unknown };
    if (typeof row?.question !== 'string' || !row.question.trim()) { problems.push(`line ${line}: "question" must be a non-empty string`); return; }
    const answer = typeof row.answer === 'number' ? row.answer : typeof row.answer === 'string' ? parseUserNumber(row.answer) : null;
    if (answer === null || !Number.isFinite(answer)) { problems.push(`line ${line}: "answer" must be a number`); return; }
    rows.push({ line, question: row.question, answer });
  });
  return { rows, problems };
}


export const evalCommand: Command = {
  name: 'eval',
  summary: 'measure a model on your own problems (JSON lines)',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, options: { model: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('give exactly one .jsonl file (or - for standard input)');
    const limit = parsePositiveInt('--limit', values.limit);
    let text: string;
    try {
      text = positionals[0] === '-' ? await io.readStdin() : await readFile(positionals[0]!, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { rows: allRows, problems } = readRows(text);
    for (const p of problems) io.err(`skipped ${p}\n`);
    const rows = allRows.slice(0, limit ?? allRows.length);
    if (rows.length === 0) throw new UsageError('no usable problems in the file');

    const service = await loadModelForCli(dataDir, values.model, io.env);
    const results: ProblemResult[] = [];
    try {
      for (const [i, row] of rows.entries()) {
        const r = await service.solve(row.question);
        const correct = answersMatch(r.answer, row.answer);
        results.push({ line: row.line, gold: row.answer, answer: r.answer, correct, wellFormed: isWellFormed(r.rawOutput), executes: r.ok, generatedTokens: r.stats.generatedTokens, totalMs: r.stats.totalMs });
        io.err(`[${i + 1}/${rows.length}] line ${row.line}: ${correct ? 'correct' : 'wrong'} (${r.answer ?? 'no answer'} vs ${row.answer}), ${r.stats.generatedTokens} tokens, ${Math.round(r.stats.totalMs)} ms\n`);
      }
    } catch (error) {
      if (error instanceof InferenceError) throw new UsageError(error.message);
      throw error;
    } finally {
      await service.dispose();
    }
    const n = results.length;
    const mean = (f: (r: ProblemResult) => number) => results.reduce((s, r) => s + f(r), 0) / n;
    const report = {
      problems: n,
      skippedLines: problems.length,
      accuracy: mean((r) => (r.correct ? 1 : 0)),
      formatValidity: mean((r) => (r.wellFormed ? 1 : 0)),
      executionRate: mean((r) => (r.executes ? 1 : 0)),
      meanGeneratedTokens: mean((r) => r.generatedTokens),
      meanMsPerProblem: mean((r) => r.totalMs),
      backend: service.status.backend,
    };
    if (values.json) io.out(`${JSON.stringify({ ...report, results })}\n`);
    else {
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      io.out(`problems: ${n}${problems.length ? ` (${problems.length} lines skipped)` : ''}\naccuracy: ${pct(report.accuracy)}\nwell-formed output: ${pct(report.formatValidity)}\ngraphs that execute: ${pct(report.executionRate)}\nmean generated tokens: ${report.meanGeneratedTokens.toFixed(1)}\nmean time per problem: ${Math.round(report.meanMsPerProblem)} ms\n`);
    }
    return EXIT.ok;
  },
};
