/**
 * The data shapes of a DAGGER computational graph, shared by every layer (core, services,
 * contract, renderer). See ../shared/dagger/FORMAT.md for the model-side contract.
 *
 * Everything here is plain, JSON-serialisable data: graphs, diagnostics and steps travel over IPC,
 * into SQLite and into export files unchanged.
 */

/** Canonical operation names, after alias resolution and lower-casing. */
export const OPERATIONS = [
  'const', 'identity',
  'add', 'sub', 'mul', 'div', 'pow', 'mod',
  'sum', 'mean', 'min', 'max',
  'sqrt', 'round', 'floor', 'ceil', 'abs',
  'gcd', 'lcm',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One node as the model wrote it, after parsing but before validation. */
export interface GraphNode {
  /** Trimmed id as written (ids are compared trimmed, like the reference executor). */
  id: string;
  /** The operation exactly as written (e.g. "Multiply"); `op` resolution happens in validation. */
  op: string;
  /** `const` value as written: a number, or a string such as "১২টি" read by its leading number. */
  val?: number | string;
  /** Node ids, or numeric literals the model occasionally writes inline. */
  args: Array<string | number>;
  /** The model's own claim that this node is off the answer path. */
  distractor: boolean;
  /** Short Bangla description from the model. Untrusted text: render as text only. */
  label?: string;
}

export interface Graph {
  nodes: GraphNode[];
}

export type Severity = 'error' | 'warning';

/** Stable diagnostic codes; the UI maps each to a sentence in the user's language. */
export const DIAGNOSTIC_CODES = [
  'PARSE_ERROR', 'NO_NODES', 'DUPLICATE_ID', 'UNKNOWN_REF', 'CYCLE', 'NO_FINAL', 'MULTIPLE_FINAL',
  'UNKNOWN_OP', 'ARITY', 'MISSING_VAL', 'DIV_BY_ZERO', 'DOMAIN', 'NON_FINITE',
  // An entry of the nodes array that is not a node (no id or no op, or not an object): skipped,
  // as the reference skips it.
  'INVALID_NODE',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number] | (string & {});

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** English, developer-facing; the UI translates by `code` and `params`. */
  message: string;
  nodeId?: string;
  params?: Record<string, string | number>;
}

/** What the lenient parser had to fix to read the model's output. */
export type RepairKind =
  | 'FENCE_EXTRACTED' | 'TEXT_AFTER_FENCE' | 'PROSE_AROUND_OBJECT' | 'TRAILING_COMMA'
  | 'SINGLE_QUOTES' | 'BARE_NODES_ARRAY' | 'UNCLOSED_FENCE' | (string & {});

export interface Repair {
  kind: RepairKind;
  message: string;
}

export interface ParseResult {
  graph: Graph | null;
  repairs: Repair[];
  diagnostics: Diagnostic[];
}

/** One evaluated operation, in evaluation order, for the step-by-step view. */
export interface Step {
  index: number;
  nodeId: string;
  op: Operation;
  inputs: Array<{ nodeId?: string; value: number }>;
  value: number;
  label?: string;
  /** e.g. bn: "৩০ − ২ = ২৮ (অবশিষ্ট ললিপপ)", en: "30 − 2 = 28 (remaining lollipops)". */
  explanation: { bn: string; en: string };
}

/** Where a number node's value occurs in the problem text (UTF-16 offsets, end exclusive). */
export interface TextSpan {
  start: number;
  end: number;
}

export interface NumberLink {
  nodeId: string;
  value: number;
  /** null when the text only implies the number (twice, half, a dozen). */
  span: TextSpan | null;
  /** The sentence containing the span, for highlighting distractor sentences. */
  sentence: TextSpan | null;
  /**
   * 'linked': found in the text. 'implied': not written as a number, but a word implies it
   * (দ্বিগুণ twice → 2, অর্ধেক half → 2, ডজন dozen → 12). 'missing': the text has no such number.
   * Always set by linkNumbers; optional only so that hand-written fixtures stay valid.
   */
  status?: 'linked' | 'implied' | 'missing';
}

export interface DistractorAnalysis {
  /** Nodes the model marked `distractor: true`. */
  flagged: string[];
  /** Nodes from which the final node cannot be reached. */
  unused: string[];
  /** Marked as distractors, yet the answer depends on them. */
  flaggedButUsed: string[];
  /** Off the answer path, yet not marked as distractors. */
  unusedNotFlagged: string[];
}

export interface Analysis {
  ok: boolean;
  answer: number | null;
  finalNode: string | null;
  graph: Graph | null;
  values: Record<string, number>;
  steps: Step[];
  distractors: DistractorAnalysis;
  links: NumberLink[];
  repairs: Repair[];
  diagnostics: Diagnostic[];
}
