/**
 * Checks that problem sets are correct teaching material, not just well-formed JSON:
 * every reference graph runs on the app's own graph engine to the stated answer, distractor
 * variants differ from the clean text only by their labelled added sentences, the graph flags as
 * distractors exactly the numbers of those sentences, and no number in a text is left unexplained.
 *
 * Reading checks that are heuristics over the text (ambiguous references, placement, units,
 * near-duplicates) come from ./review.ts and are reported as warnings beside the failures.
 *
 * Pure TypeScript (runs in the CLI, tests, and the renderer when a teacher imports a set).
 * Failures are collected, never thrown, so one run lists everything a teacher must fix.
 */
import { analyse, findNumbersInText, readConstValue } from '../index.js';
import type { Analysis, TextSpan } from '../graph/types.js';
import { formatLoadError, type LoadError } from './load.js';
import { findNearDuplicates, reviewProblem, type BankWarning } from './review.js';
import {
  GRADE_BANDS, TOPICS, type DagNode, type DistractorType, type DistractorVariant, type GradeBand,
  type Problem, type ProblemSet, type ProblemVersion, type Topic,
} from './schema.js';

/** Stable failure codes, so tests, the CLI's `--json` and the UI can tell failures apart. */
export const BANK_FAILURE_CODES = [
  'LOAD_ERROR', // the file is not valid JSON or does not match the schema
  'DUPLICATE_ID', // a set, problem or variant id is used twice across all sets
  'GRAPH_ERROR', // the reference graph does not parse or execute
  'WRONG_ANSWER', // the graph computes something other than the stated answer
  'VARIANT_ANSWER', // a distractor variant's answer differs from the clean answer
  'GRAPH_STYLE', // not in DAGGER style: final_result, topological order, distractor placement
  'DISTRACTOR_USED', // a node flagged `distractor: true` is on the answer path
  'UNUSED_NOT_FLAGGED', // a node off the answer path is not flagged as a distractor
  'CLEAN_HAS_DISTRACTOR', // the clean version's graph flags a distractor
  'DISTRACTOR_MISMATCH', // flagged nodes are not exactly the numbers of the added sentences
  'SENTENCE_NOT_FOUND', // an added sentence is not an exact substring of the variant text
  'TEXT_MISMATCH', // variant text minus the added sentences is not the clean text
  'UNLINKED_NUMBER', // a number in the text has no const node and is not in ignoredNumbers
  'IGNORED_NOT_IN_TEXT', // an ignoredNumbers entry does not occur in the text
] as const;
export type BankFailureCode = (typeof BANK_FAILURE_CODES)[number];

export interface BankFailure {
  /** Empty when the failure concerns a whole file (e.g. it is not JSON). */
  problemId: string;
  variantId?: string;
  code: BankFailureCode;
  message: string;
  /** The file the problem came from, when known. */
  source?: string;
}

export interface BankReport {
  problems: number;
  /** Problems with at least one distractor variant. */
  withDistractorVariant: number;
  /** Number of added distractor sentences of each type, over all variants. */
  byType: Record<DistractorType, number>;
  /** Problems per topic (a problem with two topics counts for both) and per grade band. */
  byTopic: Record<Topic, number>;
  byGrade: Record<GradeBand, number>;
  failures: BankFailure[];
  /** Reading problems (see review.ts); they do not make validation fail. */
  warnings: BankWarning[];
}

/** A loaded set and where it came from (a file path, for messages). */
export interface SourcedSet {
  set: ProblemSet;
  source: string;
}

/** Answers must match within this relative tolerance, as in DAGGER's scoring. */
export const ANSWER_REL_TOLERANCE = 1e-6;

/**
 * Validates every problem of every set, plus id uniqueness across all of them. Load errors of
 * files that could not be read are passed in so that one report covers the whole bank.
 */
export function validateProblemSets(sets: SourcedSet[], loadErrors: LoadError[] = []): BankReport {
  const failures: BankFailure[] = loadErrors.map((e) => ({
    problemId: e.problemId ?? '',
    ...(e.variantId ? { variantId: e.variantId } : {}),
    code: 'LOAD_ERROR',
    message: formatLoadError(e),
    source: e.source,
  }));
  const byType: Record<DistractorType, number> = { RED: 0, OAD: 0, NEED: 0 };
  const byTopic = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  const byGrade = Object.fromEntries(GRADE_BANDS.map((g) => [g, 0])) as Record<GradeBand, number>;
  const warnings: BankWarning[] = [];
  let problems = 0;
  let withDistractorVariant = 0;

  failures.push(...duplicateIds(sets));
  for (const { set, source } of sets) {
    for (const problem of set.problems) {
      problems++;
      byGrade[problem.grade]++;
      for (const topic of new Set(problem.topics)) byTopic[topic]++;
      if (problem.variants.length > 0) withDistractorVariant++;
      for (const variant of problem.variants) {
        for (const added of variant.distractors) byType[added.type]++;
      }
      for (const failure of validateProblem(problem)) failures.push({ ...failure, source });
      for (const warning of reviewProblem(problem)) warnings.push({ ...warning, source });
    }
  }
  const sourceOf = new Map(sets.flatMap(({ set, source }) => set.problems.map((p) => [p.id, source] as const)));
  for (const warning of findNearDuplicates(sets.flatMap((s) => s.set.problems))) {
    warnings.push({ ...warning, source: sourceOf.get(warning.problemId) });
  }
  return { problems, withDistractorVariant, byType, byTopic, byGrade, failures, warnings };
}

/** All checks of one problem: its clean version and each distractor variant. */
export function validateProblem(problem: Problem): BankFailure[] {
  const failures: BankFailure[] = [];
  const report = (code: BankFailureCode, message: string, variantId?: string) =>
    failures.push({ problemId: problem.id, ...(variantId ? { variantId } : {}), code, message });

  checkVersion(problem.clean, (code, message) => report(code, `clean: ${message}`));
  const flaggedInClean = problem.clean.graph.nodes.filter((n) => n.distractor === true).map((n) => n.id);
  if (flaggedInClean.length > 0) {
    report('CLEAN_HAS_DISTRACTOR', `clean graph flags ${quoteList(flaggedInClean)} as distractors; the clean text has none`);
  }

  for (const variant of problem.variants) {
    const variantReport = (code: BankFailureCode, message: string) => report(code, message, variant.id);
    checkVersion(variant, variantReport);
    if (!sameNumber(variant.answer, problem.clean.answer)) {
      variantReport('VARIANT_ANSWER', `answer ${variant.answer} differs from the clean answer ${problem.clean.answer}; distractors must not change the answer`);
    }
    checkAddedSentences(problem.clean.text, variant, variantReport);
  }
  return failures;
}

type Reporter = (code: BankFailureCode, message: string) => void;

/** Checks shared by clean versions and variants: execution, answer, style, number coverage. */
function checkVersion(version: ProblemVersion, report: Reporter): void {
  // The graph goes through the same lenient parser as model output, as JSON text.
  const analysis = analyse(JSON.stringify(version.graph), version.text);
  if (!analysis.ok || analysis.answer === null) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    report('GRAPH_ERROR', `reference graph does not run: ${errors.map((d) => `${d.code}${d.nodeId ? ` at "${d.nodeId}"` : ''}: ${d.message}`).join('; ') || 'no answer'}`);
  } else if (!sameNumber(analysis.answer, version.answer)) {
    report('WRONG_ANSWER', `reference graph computes ${analysis.answer}, but the stated answer is ${version.answer}`);
  }
  checkStyle(version.graph.nodes, report);
  checkDistractorPlacement(analysis, report);
  checkNumberCoverage(version, analysis, report);
}

/** DAGGER style: topologically sorted, one `final_result` identity node last, distractors are consts. */
function checkStyle(nodes: DagNode[], report: Reporter): void {
  const finals = nodes.filter((n) => n.id.trim() === 'final_result');
  const last = nodes[nodes.length - 1];
  if (finals.length !== 1) {
    report('GRAPH_STYLE', `needs exactly one "final_result" node, found ${finals.length}`);
  } else if (finals[0]!.op.trim().toLowerCase() !== 'identity' || (finals[0]!.args ?? []).length !== 1) {
    report('GRAPH_STYLE', '"final_result" must be an identity node with one argument');
  } else if (last !== finals[0]) {
    report('GRAPH_STYLE', '"final_result" must be the last node');
  }
  const seen = new Set<string>();
  for (const node of nodes) {
    for (const arg of node.args ?? []) {
      if (typeof arg === 'string' && !seen.has(arg.trim()) && nodes.some((n) => n.id.trim() === arg.trim())) {
        report('GRAPH_STYLE', `node "${node.id}" uses "${arg}" before it is defined (nodes must be topologically sorted)`);
      }
    }
    if (node.distractor === true && node.op.trim().toLowerCase() !== 'const') {
      report('GRAPH_STYLE', `distractor node "${node.id}" must be a const node`);
    }
    if (node.op.trim().toLowerCase() === 'const' && typeof node.val !== 'number') {
      report('GRAPH_STYLE', `const node "${node.id}" must have a numeric "val" (reference graphs write numbers, not strings)`);
    }
    seen.add(node.id.trim());
  }
}

/** Flagged nodes must be off the answer path, and everything off the path must be flagged. */
function checkDistractorPlacement(analysis: Analysis, report: Reporter): void {
  const { flaggedButUsed, unusedNotFlagged } = analysis.distractors;
  if (flaggedButUsed.length > 0) {
    report('DISTRACTOR_USED', `${quoteList(flaggedButUsed)} flagged as distractor but the answer depends on it`);
  }
  if (unusedNotFlagged.length > 0) {
    report('UNUSED_NOT_FLAGGED', `${quoteList(unusedNotFlagged)} not used for the answer but not flagged as distractor`);
  }
}

/**
 * Every number written in the text is a const node's value, and the app's own linker (which
 * highlights numbers in the problem text) links it to a node; or it is listed in ignoredNumbers.
 */
function checkNumberCoverage(version: ProblemVersion, analysis: Analysis, report: Reporter): void {
  const constValues = version.graph.nodes.filter(isConst).map(constValue);
  const ignored = new Set(version.ignoredNumbers.map((i) => i.text));
  for (const { value, span } of findNumbersInText(version.text)) {
    const written = version.text.slice(span.start, span.end);
    if (ignored.has(written)) continue;
    if (!constValues.some((v) => sameNumber(v, value))) {
      report('UNLINKED_NUMBER', `"${written}" (${value}) in the text has no const node; add one or list it in ignoredNumbers`);
    } else if (analysis.ok && !analysis.links.some((l) => l.span?.start === span.start && l.span.end === span.end)) {
      report('UNLINKED_NUMBER', `"${written}" (${value}) in the text is not linked to any node by the app; give each occurrence its own const node`);
    }
  }
  for (const entry of version.ignoredNumbers) {
    if (!version.text.includes(entry.text)) {
      report('IGNORED_NOT_IN_TEXT', `ignoredNumbers lists "${entry.text}", which does not occur in the text`);
    }
  }
}

/**
 * The variant is the clean text plus exactly its added sentences, and the graph flags exactly the
 * numbers those sentences bring in (by value, counting repeats).
 */
function checkAddedSentences(cleanText: string, variant: DistractorVariant, report: Reporter): void {
  const spans: TextSpan[] = [];
  for (const added of variant.distractors) {
    const start = findFree(variant.text, added.text, spans);
    if (start < 0) {
      report('SENTENCE_NOT_FOUND', `added ${added.type} sentence "${added.text}" is not an exact part of the variant text`);
      continue;
    }
    spans.push({ start, end: start + added.text.length });
  }
  if (spans.length !== variant.distractors.length) return; // later checks would only repeat the problem

  const remainder = removeSpans(variant.text, spans);
  if (normaliseSpace(remainder) !== normaliseSpace(cleanText)) {
    report('TEXT_MISMATCH', `without its added sentences the variant reads "${normaliseSpace(remainder)}", not the clean text "${normaliseSpace(cleanText)}"`);
  }

  const ignored = new Set(variant.ignoredNumbers.map((i) => i.text));
  const addedNumbers = findNumbersInText(variant.text)
    .filter(({ span }) => spans.some((s) => span.start >= s.start && span.end <= s.end))
    .filter(({ span }) => !ignored.has(variant.text.slice(span.start, span.end)))
    .map(({ value }) => value);
  const flagged = variant.graph.nodes.filter((n) => n.distractor === true && isConst(n)).map(constValue);
  if (!sameMultiset(addedNumbers, flagged)) {
    report('DISTRACTOR_MISMATCH', `added sentences contain the numbers [${sorted(addedNumbers).join(', ')}] but the graph flags distractor consts with values [${sorted(flagged).join(', ')}]`);
  }
}

/** Set, problem and variant ids must be unique across every loaded set (progress is keyed by them). */
function duplicateIds(sets: SourcedSet[]): BankFailure[] {
  const failures: BankFailure[] = [];
  const setIds = new Map<string, string>();
  const ids = new Map<string, string>(); // problem and variant ids share one namespace
  const claim = (id: string, where: string, problemId: string, variantId?: string) => {
    const earlier = ids.get(id);
    if (earlier) {
      failures.push({
        problemId, ...(variantId ? { variantId } : {}), code: 'DUPLICATE_ID',
        message: `id "${id}" is used again in ${where}; first used in ${earlier}`,
      });
    } else {
      ids.set(id, where);
    }
  };
  for (const { set, source } of sets) {
    const earlierSet = setIds.get(set.id);
    if (earlierSet) {
      failures.push({ problemId: '', code: 'DUPLICATE_ID', source, message: `set id "${set.id}" of ${source} is also the id of ${earlierSet}` });
    } else {
      setIds.set(set.id, source);
    }
    for (const problem of set.problems) {
      claim(problem.id, source, problem.id);
      for (const variant of problem.variants) claim(variant.id, source, problem.id, variant.id);
    }
  }
  return failures;
}

/** Relative tolerance 1e-6 as in DAGGER's scoring; exact comparison near zero. */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= ANSWER_REL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function isConst(node: DagNode): boolean {
  return node.op.trim().toLowerCase() === 'const';
}

/** A const's value as the executor reads it ("১২টি" is 12); NaN when unreadable, matching nothing. */
function constValue(node: DagNode): number {
  return node.val === undefined ? Number.NaN : (readConstValue(node.val) ?? Number.NaN);
}

/** First occurrence of `needle` that does not overlap an already claimed span. */
function findFree(text: string, needle: string, taken: TextSpan[]): number {
  for (let from = text.indexOf(needle); from >= 0; from = text.indexOf(needle, from + 1)) {
    const end = from + needle.length;
    if (!taken.some((s) => from < s.end && end > s.start)) return from;
  }
  return -1;
}

function removeSpans(text: string, spans: TextSpan[]): string {
  let result = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    result += `${text.slice(cursor, span.start)} `;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameMultiset(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const rest = [...b];
  for (const value of a) {
    const i = rest.findIndex((v) => sameNumber(v, value));
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return true;
}

function sorted(values: number[]): number[] {
  return [...values].sort((x, y) => x - y);
}

function quoteList(ids: string[]): string {
  return ids.map((id) => `"${id}"`).join(', ');
}
