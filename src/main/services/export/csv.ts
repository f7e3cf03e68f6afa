/**
 * CSV export: one row per attempt, for spreadsheets. UTF-8 with a byte-order mark so Excel reads
 * Bangla correctly; cells that a spreadsheet would run as a formula are prefixed with ' by
 * papaparse's escapeFormulae, since names, problem texts and typed answers are untrusted.
 */
import Papa from 'papaparse';
import type { DumpScope, PracticeStore } from '../store/index.js';

export const CSV_COLUMNS = [
  'attempt_id', 'created_at', 'profile_id', 'profile_name', 'session_id', 'problem_id', 'problem_source',
  'bank_problem_id', 'bank_variant_id', 'grade', 'topics', 'distractor_types', 'problem_text',
  'expected_answer', 'answer_typed', 'answer_value', 'correct', 'time_ms', 'hints_revealed', 'steps_revealed',
  'marked_distractors', 'spot_true_positives', 'spot_false_positives', 'spot_false_negatives',
  'solution_id', 'model_answer', 'model_name',
] as const;

/**
 * A text cell a spreadsheet may take for a formula: it starts with =, +, -, @, tab or carriage
 * return, whatever follows. Papaparse's own pattern (`/^[=+\-@\t\r].*$/`) must also match to the
 * end without the dotall flag, so a formula followed by a line break (or U+2028) went out as it was.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function exportCsv(store: PracticeStore, scope: DumpScope = {}): string {
  const data = store.dump(scope);
  const profiles = new Map(data.profiles.map((p) => [p.id, p]));
  const problems = new Map(data.problems.map((p) => [p.id, p]));
  const solutions = new Map(data.solutions.map((s) => [s.id, s]));
  const rows = data.attempts.map((a) => {
    const problem = problems.get(a.problemId)!;
    const solution = a.solutionId ? solutions.get(a.solutionId) ?? null : null;
    const marks = a.distractorMarks ? [...a.distractorMarks.values.map(String), ...a.distractorMarks.nodeIds].join(';') : '';
    return [
      a.id, a.createdAt, a.profileId, profiles.get(a.profileId)?.name ?? '', a.sessionId ?? '', a.problemId,
      problem.source, problem.bankProblemId ?? '', problem.bankVariantId ?? '', problem.grade ?? '',
      problem.topics.join(';'), problem.distractorTypes.join(';'), problem.text, problem.answer ?? '',
      a.answerText, a.answerValue ?? '', a.correct ? 1 : 0, a.timeMs, a.hintsRevealed, a.stepsRevealed, marks,
      a.distractorSpotting?.truePositives ?? '', a.distractorSpotting?.falsePositives ?? '',
      a.distractorSpotting?.falseNegatives ?? '', a.solutionId ?? '', solution?.answer ?? '', solution?.model?.name ?? '',
    ];
  });
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`;
}
