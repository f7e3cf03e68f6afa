/**
 * Practice history through the store (helper C's PracticeStore): profiles, sessions, attempts,
 * reviews, history, statistics and the review queue. The store is synchronous (better-sqlite3);
 * each call is one short transaction.
 */
import { analyse, parseUserNumber } from '../../core/index.js';
import { sameNumber } from '../../core/bank/validate.js';
import {
  DaggerApiError,
  type AttemptDetail,
  type AttemptResult,
  type ProblemRecord,
  type ReviewQueueItem,
} from '../../shared/api.js';
import { compareDistractorMarks } from '../../shared/practice/spotting.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import { bankProblemId, type PracticeStore } from '../services/store/index.js';
import { solutionFromRow } from '../services/store/rows.js';
import type { ProblemCatalogue } from './problems.js';
import { requireRecords } from './references.js';

/**
 * The store's record of a problem: a bank item (recorded once, with its reference graph so
 * statistics by operation work) or a typed-in text.
 */
export function ensureStoredProblem(
  store: PracticeStore,
  catalogue: ProblemCatalogue,
  itemId: string | null,
  text: string,
): ProblemRecord {
  if (itemId === null) return store.recordProblem({ source: 'user', text });
  const detail = catalogue.get(itemId);
  const id = bankProblemId(detail.problemId, detail.variantId);
  const existing = store.getProblem(id);
  if (existing) return existing;
  return store.transaction(() => {
    const problem = store.recordProblem({
      source: 'bank',
      bankProblemId: detail.problemId,
      bankVariantId: detail.variantId,
      text: detail.text,
      answer: detail.answer,
      unit: detail.unit ?? null,
      topics: detail.topics,
      grade: detail.grade,
      distractorTypes: detail.distractorTypes,
      distractors: detail.distractors,
    });
    store.recordSolution({
      problemId: problem.id,
      kind: 'reference',
      graph: detail.graph,
      diagnostics: [],
      answer: detail.answer,
    });
    return problem;
  });
}

/** The store has no getSolution (yet); read the row with its own row mapper. */
function getSolution(store: PracticeStore, id: string) {
  const row = store.db.prepare('SELECT * FROM solutions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? solutionFromRow(row) : null;
}

function requireProfile(store: PracticeStore, profileId: string): void {
  if (!store.getProfile(profileId)) throw new DaggerApiError('NOT_FOUND', `no profile ${profileId}`, { profileId });
}

export function recordAttempt(
  store: PracticeStore,
  catalogue: ProblemCatalogue,
  request: ParsedRequest<'recordAttempt'>,
): AttemptResult {
  requireProfile(store, request.profileId);
  requireRecords(store, { sessionId: request.sessionId });
  const item = request.itemId ? catalogue.get(request.itemId) : null;
  const problem = ensureStoredProblem(store, catalogue, request.itemId ?? null, item?.text ?? request.text ?? '');
  const solution = request.solutionId ? getSolution(store, request.solutionId) : null;
  if (request.solutionId && !solution) throw new DaggerApiError('NOT_FOUND', `no solution ${request.solutionId}`);
  // The known answer: the bank's, else (typed-in problems) what the model's graph computed —
  // the best the app knows until a teacher corrects it.
  const expectedAnswer = problem.answer ?? solution?.answer ?? null;
  const answerValue = parseUserNumber(request.answerText);
  // The store keeps `correct` as a boolean: with no known answer the attempt counts as not correct.
  const correct = expectedAnswer !== null && answerValue !== null && sameNumber(answerValue, expectedAnswer);
  const graph = item?.graph ?? solution?.graph ?? null;
  const marks = request.markedDistractors;
  const attempt = store.recordAttempt({
    profileId: request.profileId,
    problemId: problem.id,
    solutionId: request.solutionId ?? null,
    sessionId: request.sessionId ?? null,
    answerText: request.answerText,
    answerValue,
    correct,
    timeMs: request.timeMs,
    hintsRevealed: request.hintsRevealed,
    stepsRevealed: request.stepsRevealed,
    distractorMarks: marks,
    distractorSpotting: marks && graph ? compareDistractorMarks(marks, graph) : null,
  });
  return { attempt, expectedAnswer };
}

export function getAttempt(store: PracticeStore, attemptId: string): AttemptDetail {
  const detail = store.getAttempt(attemptId);
  if (!detail) throw new DaggerApiError('NOT_FOUND', `no attempt ${attemptId}`, { attemptId });
  const shown = detail.solution?.graph ?? detail.reference?.graph ?? null;
  return {
    ...detail,
    analysis: shown ? analyse(shown, detail.problem.text) : null,
    itemId: itemIdOf(detail.problem),
  };
}

export function reviewQueue(store: PracticeStore, request: ParsedRequest<'reviewQueue'>): ReviewQueueItem[] {
  requireRecords(store, request);
  return store.reviewQueue({ profileId: request.profileId, limit: request.limit }).map((item) => {
    const problem = store.getProblem(item.problemId);
    return { ...item, itemId: problem ? itemIdOf(problem) : null };
  });
}

function itemIdOf(problem: ProblemRecord): string | null {
  return problem.source === 'bank' ? (problem.bankVariantId ?? problem.bankProblemId) : null;
}

export function addReview(store: PracticeStore, request: ParsedRequest<'addReview'>) {
  requireProfile(store, request.reviewerId);
  requireRecords(store, { attemptId: request.attemptId, solutionId: request.solutionId });
  return store.addReview({
    attemptId: request.attemptId ?? null,
    solutionId: request.solutionId ?? null,
    reviewerId: request.reviewerId,
    verdict: request.verdict,
    nodeNotes: request.nodeNotes,
    correctedAnswer: request.correctedAnswer,
    comment: request.comment,
  });
}
