/**
 * `dagger-tutor exec [--json] [--question TEXT] <file|->`: runs raw model output (or a graph) on
 * the app's own engine, exactly as the app would, and prints the answer, steps, distractors and
 * diagnostics. Exit 0 when it executes, 1 when it cannot, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { analyse, formatNumber, type Analysis } from '../../core/index.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor exec [--json] [--question TEXT] <file|->

Executes raw model output or a graph (from a file, or standard input with "-").
  --json            print one JSON object {ok, answer, finalNode, steps, distractors, diagnostics, repairs}
  --question TEXT   the problem text, to link number nodes to it (adds "links")
Exit status: 0 executes, 1 cannot be executed, 2 usage error.`;

export const execCommand: Command = {
  name: 'exec',
  summary: 'execute model output or a graph and explain it',
  usage: USAGE,
  async run({ argv, io }) {
    const parsed = parseCommandArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, question: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'missing input file (or - for standard input)' : 'exactly one input file');
    }
    const source = positionals[0]!;
    let text: string;
    try {
      text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
    } catch (error) {
      io.err(`dagger-tutor exec: cannot read ${source}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }

    const analysis = analyse(text, values.question);
    io.out(values.json ? `${JSON.stringify(toJson(analysis, values.question !== undefined))}\n` : summary(analysis));
    return analysis.ok ? EXIT.ok : EXIT.failed;
  },
};

function toJson(analysis: Analysis, withLinks: boolean) {
  const { ok, answer, finalNode, steps, distractors, diagnostics, repairs, links } = analysis;
  return { ok, answer, finalNode, steps, distractors, diagnostics, repairs, ...(withLinks ? { links } : {}) };
}

/** The readable form: Bangla first, English beside it. */
function summary(analysis: Analysis): string {
  const lines: string[] = [];
  const bn = (v: number) => formatNumber(v, { digits: 'bn' });
  const en = (v: number) => formatNumber(v, { digits: 'latin' });
  if (analysis.ok && analysis.answer !== null) {
    lines.push(`উত্তর / Answer: ${bn(analysis.answer)} (${en(analysis.answer)})   [${analysis.finalNode}]`);
  } else {
    lines.push('উত্তর নেই / No answer: the graph cannot be executed');
  }
  if (analysis.steps.length > 0) {
    lines.push('', 'ধাপ / Steps:');
    for (const step of analysis.steps) {
      lines.push(`  ${step.index + 1}. ${step.explanation.bn}`, `     ${step.explanation.en}`);
    }
  }
  const { flagged, flaggedButUsed, unusedNotFlagged } = analysis.distractors;
  if (flagged.length + unusedNotFlagged.length > 0) {
    lines.push('', 'বিভ্রান্তিকর সংখ্যা / Distractors:');
    if (flagged.length > 0) lines.push(`  চিহ্নিত / flagged: ${flagged.join(', ')}`);
    if (flaggedButUsed.length > 0) lines.push(`  চিহ্নিত অথচ ব্যবহৃত / flagged but used: ${flaggedButUsed.join(', ')}`);
    if (unusedNotFlagged.length > 0) lines.push(`  অব্যবহৃত, চিহ্নিত নয় / unused, not flagged: ${unusedNotFlagged.join(', ')}`);
  }
  if (analysis.repairs.length > 0) {
    lines.push('', 'মেরামত / Repairs:');
    for (const repair of analysis.repairs) lines.push(`  ${repair.kind}: ${repair.message}`);
  }
  if (analysis.diagnostics.length > 0) {
    lines.push('', 'সমস্যা / Diagnostics:');
    for (const d of analysis.diagnostics) {
      lines.push(`  ${d.severity === 'error' ? 'ত্রুটি / error' : 'সতর্কতা / warning'} ${d.code}${d.nodeId !== undefined ? ` [${d.nodeId}]` : ''}: ${d.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
