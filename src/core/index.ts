/**
 * The graph engine's public API. Everything here is pure TypeScript and runs unchanged in the
 * main process, the renderer, the CLI and tests.
 *
 * Most callers want `analyse`: model output (or a graph) in, everything the app shows out.
 */
import { analyseDistractors } from './graph/distractors.js';
import { executeGraph } from './graph/execute.js';
import { parseModelOutput } from './graph/parse.js';
import { prepareGraph } from './graph/prepare.js';
import type { Analysis, Diagnostic, Graph, Repair } from './graph/types.js';
import { validateGraph } from './graph/validate.js';
import { explainSteps } from './explain.js';
import { linkNumbers } from './text/link.js';

export * from './graph/types.js';
export { parseModelOutput } from './graph/parse.js';
export { validateGraph, type ValidationResult } from './graph/validate.js';
export { executeGraph, type ExecutionResult } from './graph/execute.js';
export { analyseDistractors } from './graph/distractors.js';
export { prepareGraph, FALLBACK_FINAL_NAMES, type PreparedGraph, type PreparedNode } from './graph/prepare.js';
export { serialiseGraph, serialiseNode, type SerialiseOptions } from './graph/serialise.js';
export {
  canonicalOp, applyOp, readConstValue, pyFloat, pyRound, pyMod, pySum,
  ARITY, OPERATION_ALIASES, ZERO_DIVISOR, OpError, type Arity, type PyNum,
} from './graph/ops.js';
export { explainSteps } from './explain.js';
export {
  formatNumber, parseUserNumber, toBanglaDigits, toLatinDigits,
  type FormatOptions, type DigitStyle, type Grouping,
} from './numerals.js';
export { findNumbersInText, type NumberInText, type FindNumbersOptions } from './text/numbers-in-text.js';
export { splitSentences, sentenceAt, type Sentence } from './text/sentences.js';
export { linkNumbers } from './text/link.js';

const NO_DISTRACTORS = { flagged: [], unused: [], flaggedButUsed: [], unusedNotFlagged: [] };

/**
 * Parses (when given text), validates, executes and explains a graph; with the problem text,
 * also links its number nodes to the text. Never throws on bad input: problems are diagnostics.
 * `ok` is true exactly when there is no error diagnostic and an answer was computed.
 */
export function analyse(input: string | Graph, question?: string): Analysis {
  let graph: Graph | null;
  let repairs: Repair[] = [];
  const diagnostics: Diagnostic[] = [];
  if (typeof input === 'string') {
    const parsed = parseModelOutput(input);
    graph = parsed.graph;
    repairs = parsed.repairs;
    diagnostics.push(...parsed.diagnostics);
  } else {
    graph = input;
  }
  if (!graph) {
    return {
      ok: false, answer: null, finalNode: null, graph: null, values: {}, steps: [],
      distractors: NO_DISTRACTORS, links: [], repairs, diagnostics,
    };
  }

  const prepared = prepareGraph(graph);
  const validation = validateGraph(graph, prepared);
  const execution = executeGraph(graph, prepared);
  diagnostics.push(...validation.diagnostics, ...execution.diagnostics);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return {
    ok: !hasError && execution.answer !== null,
    answer: hasError ? null : execution.answer,
    finalNode: execution.finalNode,
    graph,
    values: execution.values,
    steps: explainSteps(graph, execution, prepared),
    distractors: analyseDistractors(graph, prepared),
    links: question === undefined ? [] : linkNumbers(graph, question, prepared),
    repairs,
    diagnostics,
  };
}
