/**
 * Converting records to SQLite rows and back. JSON-valued fields are stored as JSON text; booleans
 * as 0/1. Both directions live here so that the round trip stays lossless in one place.
 */
import type {
  Attempt, ProblemRecord, Profile, Review, Session, Solution,
} from '../../../shared/practice/records.js';
import { operationMask } from '../../../shared/practice/ops.js';
import { DISTRACTOR_BITS } from './migrations.js';

type Row = Record<string, unknown>;

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = <T>(text: unknown): T => (text === null ? (null as T) : (JSON.parse(text as string) as T));
const str = (v: unknown) => v as string;
const nstr = (v: unknown) => (v === null ? null : (v as string));
const nnum = (v: unknown) => (v === null ? null : (v as number));

export function profileToRow(p: Profile): Row {
  return { id: p.id, name: p.name, role: p.role, created_at: p.createdAt };
}
export function profileFromRow(r: Row): Profile {
  return { id: str(r.id), name: str(r.name), role: r.role as Profile['role'], createdAt: str(r.created_at) };
}

export function sessionToRow(s: Session): Row {
  return { id: s.id, profile_id: s.profileId, started_at: s.startedAt, ended_at: s.endedAt };
}
export function sessionFromRow(r: Row): Session {
  return { id: str(r.id), profileId: str(r.profile_id), startedAt: str(r.started_at), endedAt: nstr(r.ended_at) };
}

export function distractorMask(p: Pick<ProblemRecord, 'distractorTypes' | 'distractors'>): number {
  let mask = 0;
  for (const t of p.distractorTypes) mask |= DISTRACTOR_BITS[t];
  for (const d of p.distractors) mask |= DISTRACTOR_BITS[d.type];
  return mask;
}

export function problemToRow(p: ProblemRecord): Row {
  return {
    id: p.id, source: p.source, bank_problem_id: p.bankProblemId, bank_variant_id: p.bankVariantId,
    text: p.text, answer: p.answer, unit_json: json(p.unit), topics_json: JSON.stringify(p.topics),
    grade: p.grade, distractor_types_json: JSON.stringify(p.distractorTypes),
    distractors_json: JSON.stringify(p.distractors), created_at: p.createdAt,
    distractor_mask: distractorMask(p),
  };
}
export function problemFromRow(r: Row): ProblemRecord {
  return {
    id: str(r.id), source: r.source as ProblemRecord['source'], bankProblemId: nstr(r.bank_problem_id),
    bankVariantId: nstr(r.bank_variant_id), text: str(r.text), answer: nnum(r.answer),
    unit: parse(r.unit_json), topics: parse(r.topics_json), grade: nstr(r.grade) as ProblemRecord['grade'],
    distractorTypes: parse(r.distractor_types_json), distractors: parse(r.distractors_json),
    createdAt: str(r.created_at),
  };
}

export function solutionToRow(s: Solution): Row {
  return {
    id: s.id, problem_id: s.problemId, kind: s.kind, raw_output: s.rawOutput, graph_json: json(s.graph),
    diagnostics_json: JSON.stringify(s.diagnostics), answer: s.answer, model_json: json(s.model),
    settings_json: json(s.settings), stats_json: json(s.stats), created_at: s.createdAt,
    ops_mask: operationMask(s.graph),
  };
}
export function solutionFromRow(r: Row): Solution {
  return {
    id: str(r.id), problemId: str(r.problem_id), kind: r.kind as Solution['kind'], rawOutput: nstr(r.raw_output),
    graph: parse(r.graph_json), diagnostics: parse(r.diagnostics_json), answer: nnum(r.answer),
    model: parse(r.model_json), settings: parse(r.settings_json), stats: parse(r.stats_json),
    createdAt: str(r.created_at),
  };
}

export function attemptToRow(a: Attempt): Row {
  return {
    id: a.id, profile_id: a.profileId, problem_id: a.problemId, solution_id: a.solutionId,
    session_id: a.sessionId, created_at: a.createdAt, utc_offset_minutes: a.utcOffsetMinutes, answer_text: a.answerText, answer_value: a.answerValue,
    correct: a.correct ? 1 : 0, time_ms: a.timeMs, hints_revealed: a.hintsRevealed,
    steps_revealed: a.stepsRevealed, marks_json: json(a.distractorMarks),
    spot_tp: a.distractorSpotting?.truePositives ?? null,
    spot_fp: a.distractorSpotting?.falsePositives ?? null,
    spot_fn: a.distractorSpotting?.falseNegatives ?? null,
  };
}
export function attemptFromRow(r: Row): Attempt {
  return {
    id: str(r.id), profileId: str(r.profile_id), problemId: str(r.problem_id), solutionId: nstr(r.solution_id),
    sessionId: nstr(r.session_id), createdAt: str(r.created_at),
    utcOffsetMinutes: r.utc_offset_minutes as number, answerText: str(r.answer_text),
    answerValue: nnum(r.answer_value), correct: r.correct === 1, timeMs: r.time_ms as number,
    hintsRevealed: r.hints_revealed as number, stepsRevealed: r.steps_revealed as number,
    distractorMarks: parse(r.marks_json),
    distractorSpotting: r.spot_tp === null ? null : {
      truePositives: r.spot_tp as number, falsePositives: r.spot_fp as number, falseNegatives: r.spot_fn as number,
    },
  };
}

export function reviewToRow(v: Review): Row {
  return {
    id: v.id, attempt_id: v.attemptId, solution_id: v.solutionId, reviewer_id: v.reviewerId, verdict: v.verdict,
    node_notes_json: JSON.stringify(v.nodeNotes), corrected_answer: v.correctedAnswer, comment: v.comment,
    created_at: v.createdAt,
  };
}
export function reviewFromRow(r: Row): Review {
  return {
    id: str(r.id), attemptId: nstr(r.attempt_id), solutionId: nstr(r.solution_id), reviewerId: str(r.reviewer_id),
    verdict: r.verdict as Review['verdict'], nodeNotes: parse(r.node_notes_json),
    correctedAnswer: nnum(r.corrected_answer), comment: nstr(r.comment), createdAt: str(r.created_at),
  };
}

// ---- a solution row straight to JSON text (exports) -------------------------------------------

const q = (v: unknown): string => JSON.stringify(v as string);
const nq = (v: unknown): string => (v === null ? 'null' : JSON.stringify(v as string));
/** JSON.stringify of a number: non-finite numbers become null. */
const n = (v: unknown): string => (v === null || !Number.isFinite(v as number) ? 'null' : String(v));
const raw = (v: unknown): string => (v === null ? 'null' : (v as string));

/**
 * Exactly JSON.stringify(solutionFromRow(row)): the same keys in the same order, with the JSON
 * columns (graph, diagnostics, model, settings, stats: most of an export's bytes) spliced in as
 * stored. They were written by JSON.stringify, so parsing and serialising them again would give
 * the same text back. Other kinds are small enough that JSON.stringify of the record is as fast.
 */
export function solutionJsonFromRow(r: Row): string {
  return `{"id":${q(r.id)},"problemId":${q(r.problem_id)},"kind":${q(r.kind)},"rawOutput":${nq(r.raw_output)},`
    + `"graph":${raw(r.graph_json)},"diagnostics":${raw(r.diagnostics_json)},"answer":${n(r.answer)},"model":${raw(r.model_json)},`
    + `"settings":${raw(r.settings_json)},"stats":${raw(r.stats_json)},"createdAt":${q(r.created_at)}}`;
}

/**
 * Exactly JSON.stringify(attemptFromRow(row)), written directly: an export has 100,000 attempts,
 * and building each record only to serialise it cost a tenth of the export. The marks column
 * was written by JSON.stringify and is spliced in as stored. tests/store compares the text.
 */
export function attemptJsonFromRow(r: Row): string {
  const spotting = r.spot_tp === null ? 'null'
    : `{"truePositives":${n(r.spot_tp)},"falsePositives":${n(r.spot_fp)},"falseNegatives":${n(r.spot_fn)}}`;
  return `{"id":${q(r.id)},"profileId":${q(r.profile_id)},"problemId":${q(r.problem_id)},"solutionId":${nq(r.solution_id)},`
    + `"sessionId":${nq(r.session_id)},"createdAt":${q(r.created_at)},"utcOffsetMinutes":${n(r.utc_offset_minutes)},`
    + `"answerText":${q(r.answer_text)},"answerValue":${n(r.answer_value)},"correct":${r.correct === 1 ? 'true' : 'false'},`
    + `"timeMs":${n(r.time_ms)},"hintsRevealed":${n(r.hints_revealed)},"stepsRevealed":${n(r.steps_revealed)},`
    + `"distractorMarks":${raw(r.marks_json)},"distractorSpotting":${spotting}}`;
}

/** `INSERT … (cols) VALUES (@cols)` for a row shape; `onConflict` decides what a known id does. */
export function insertSql(table: string, columns: string[], onConflict = 'DO NOTHING'): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
    ON CONFLICT(id) ${onConflict}`;
}
