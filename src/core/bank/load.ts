/**
 * Reads one problem-set file (JSON text) into a typed ProblemSet, or explains exactly what is
 * wrong with it. Pure TypeScript: the CLI, the Electron main process, the renderer (a teacher
 * importing a set) and tests all call this, so a file is accepted or refused the same way everywhere.
 *
 * Imported files are untrusted: nothing here throws on bad input; every problem is reported with
 * the file, the problem id (when the file has one) and the field path, so a teacher can fix it.
 */
import type { z } from 'zod';
import { PROBLEM_SET_FORMAT, PROBLEM_SET_VERSION, problemSetSchema, type ProblemSet } from './schema.js';

/** One reason a file could not be read as a problem set. */
export interface LoadError {
  /** Where the text came from (a file path or name); only used in messages. */
  source: string;
  /** The problem's id when the error is inside a problem and the id could be read. */
  problemId?: string;
  /** The variant's id when the error is inside a distractor variant. */
  variantId?: string;
  /** Field path in the file, e.g. `problems[3].variants[0].graph.nodes[2].op`. */
  field: string;
  message: string;
}

export type LoadResult =
  | { ok: true; set: ProblemSet; source: string }
  | { ok: false; errors: LoadError[]; source: string };

/** Larger files are refused before parsing: the built-in sets are ~100 KB each. */
export const MAX_PROBLEM_SET_CHARS = 20_000_000;

/** Parses and validates the JSON text of one problem-set file. Never throws. */
export function loadProblemSet(text: string, source = 'problem set'): LoadResult {
  const fail = (field: string, message: string): LoadResult => ({
    ok: false, source, errors: [{ source, field, message }],
  });
  if (text.length > MAX_PROBLEM_SET_CHARS) {
    return fail('', `file is too large (${text.length} characters; at most ${MAX_PROBLEM_SET_CHARS})`);
  }
  let raw: unknown;
  try {
    // A byte-order mark is common in files saved by Windows editors; JSON.parse refuses it.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = headerError(raw);
  if (header) return fail(header.field, header.message);

  const parsed = problemSetSchema.safeParse(raw);
  if (parsed.success) return { ok: true, set: parsed.data, source };
  return { ok: false, source, errors: parsed.error.issues.map((issue) => describeIssue(issue, raw, source)) };
}

/**
 * Checks `format` and `version` first so that a wrong kind of file, or a set written by a newer
 * app, gets one clear sentence instead of dozens of field errors.
 */
function headerError(raw: unknown): { field: string; message: string } | null {
  if (!isRecord(raw)) return { field: '', message: 'a problem set must be a JSON object' };
  if (raw.format !== PROBLEM_SET_FORMAT) {
    return { field: 'format', message: `"format" must be "${PROBLEM_SET_FORMAT}" (this does not look like a problem-set file)` };
  }
  if (typeof raw.version === 'number' && raw.version > PROBLEM_SET_VERSION) {
    return {
      field: 'version',
      message: `this set uses format version ${raw.version}; this app reads version ${PROBLEM_SET_VERSION} — update the app`,
    };
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, source: string): LoadError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const error: LoadError = { source, field: formatPath(path), message: issue.message };
  if (path[0] === 'problems' && typeof path[1] === 'number') {
    const problem = at(raw, ['problems', path[1]]);
    const id = isRecord(problem) && typeof problem.id === 'string' ? problem.id : undefined;
    if (id) error.problemId = id;
    if (path[2] === 'variants' && typeof path[3] === 'number') {
      const variant = at(problem, ['variants', path[3]]);
      if (isRecord(variant) && typeof variant.id === 'string') error.variantId = variant.id;
    }
  }
  return error;
}

/** `['problems', 3, 'clean', 'answer']` → `problems[3].clean.answer`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Human-readable one-line form of a load error, naming the problem and the field. */
export function formatLoadError(error: LoadError): string {
  const where = [
    error.problemId ? `problem "${error.problemId}"` : '',
    error.variantId ? `variant "${error.variantId}"` : '',
    error.field ? `field ${error.field}` : '',
  ].filter(Boolean).join(', ');
  return `${error.source}: ${where ? `${where}: ` : ''}${error.message}`;
}

function at(value: unknown, path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
