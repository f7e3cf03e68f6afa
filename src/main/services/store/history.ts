/**
 * The practice history, newest first, a page at a time.
 *
 * Keyset pagination: a page ends at some (created_at, id); the next page asks for rows strictly
 * before it. Unlike OFFSET, the cost of page 1,000 equals the cost of page 1, and rows added
 * meanwhile never shift a page.
 *
 * A page is read one of two ways. Usually by walking a time index newest first
 * (attempts(profile_id, created_at, id) or attempts(created_at, id)) and keeping the rows that
 * pass the filters, which stops as soon as the page is full: fast while matches are common. A
 * rare filter (a topic hardly practised, the wrong answers of a learner who is seldom wrong)
 * would make that walk read most of the table for one page (about 250 ms at 100,000 attempts).
 * review_state counts attempts and misses per (learner, problem), so a few hundred rows tell how
 * many attempts the problem filters (topic, distractor type) and correct/incorrect can match;
 * when the walk would read more rows than those pairs hold, the page reads just those pairs
 * through attempts(profile_id, problem_id, created_at, id) and sorts them.
 */
import type Database from 'better-sqlite3';
import { DISTRACTOR_TYPES } from '../../../core/bank/schema.js';
import type { HistoryItem, HistoryPage, HistoryPageRequest } from '../../../shared/practice/queries.js';
import { DISTRACTOR_BITS } from './migrations.js';
import { StoreError } from './database.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Cursors are opaque to callers: base64url of "createdAt|id". */
function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || extra !== undefined) throw new StoreError('That history cursor is not one this store gave out.');
  return { createdAt, id };
}

export function historyPage(db: Database.Database, request: HistoryPageRequest): HistoryPage {
  const { sql, params, limit } = historyQuery(db, request);
  const rows = db.prepare(sql).all(params) as Array<Record<string, unknown>>;
  const items = rows.slice(0, limit).map(toItem);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export interface HistoryQuery {
  sql: string;
  params: Record<string, string | number>;
  /** Page size; the query asks for one row more, to know whether another page follows. */
  limit: number;
  /** 'time': walk a time index and filter; 'pairs': read the matching (learner, problem) pairs and sort. */
  plan: 'time' | 'pairs';
}

/** The SQL for one page (exported for the tests and the benchmark, which check the plan). */
export function historyQuery(db: Database.Database, request: HistoryPageRequest): HistoryQuery {
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const conditions: string[] = [];
  const params: Record<string, string | number> = { limit: limit + 1 };
  if (request.profileId !== undefined) {
    conditions.push('a.profile_id = @profileId');
    params.profileId = request.profileId;
  }
  if (request.from !== undefined) {
    conditions.push('a.created_at >= @from');
    params.from = request.from;
  }
  if (request.to !== undefined) {
    conditions.push('a.created_at < @to');
    params.to = request.to;
  }
  if (request.correct !== undefined) {
    conditions.push('a.correct = @correct');
    params.correct = request.correct ? 1 : 0;
  }
  // Conditions on the problem, as SQL over `p` (problems); also used to pick review_state pairs.
  const problemConditions: string[] = [];
  if (request.topic !== undefined) {
    // The unary + keeps SQLite from driving the time walk by problem: it checks membership.
    problemConditions.push('+p.id IN (SELECT problem_id FROM problem_topics WHERE topic = @topic)');
    params.topic = request.topic;
  }
  if (request.distractorType !== undefined) {
    problemConditions.push('(p.distractor_mask & @typeBit) <> 0');
    params.typeBit = DISTRACTOR_BITS[request.distractorType];
  }
  conditions.push(...problemConditions);
  if (request.cursor) {
    const after = decodeCursor(request.cursor);
    conditions.push('(a.created_at, a.id) < (@cursorAt, @cursorId)');
    params.cursorAt = after.createdAt;
    params.cursorId = after.id;
  }
  let plan: HistoryQuery['plan'] = 'time';
  if (problemConditions.length > 0 || request.correct !== undefined) {
    const pairs = pairFilter(request, problemConditions);
    if (readPairs(db, pairs, request, params, limit)) {
      plan = 'pairs';
      conditions.push(`(a.profile_id, a.problem_id) IN (SELECT r.profile_id, r.problem_id FROM review_state r WHERE ${pairs})`);
    }
  }
  const from = plan === 'pairs' ? 'attempts a INDEXED BY attempts_by_profile_problem' : 'attempts a';
  const sql = `SELECT a.id, a.created_at, a.profile_id, a.problem_id, a.session_id, a.solution_id,
      p.text, p.source, p.answer AS expected, a.answer_text, a.answer_value, a.correct, a.time_ms,
      a.hints_revealed, a.steps_revealed, p.distractor_mask
    FROM ${from} JOIN problems p ON p.id = a.problem_id
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`;
  return { sql, params, limit, plan };
}

/**
 * SQL over review_state `r`: the (learner, problem) pairs that can hold a matching attempt. A
 * wrong attempt's pair has a miss; a right one's has more attempts than misses.
 */
function pairFilter(request: HistoryPageRequest, problemConditions: string[]): string {
  const conditions = problemConditions.length === 0 ? ['1']
    : [`r.problem_id IN (SELECT p.id FROM problems p WHERE ${problemConditions.join(' AND ')})`];
  if (request.profileId !== undefined) conditions.push('r.profile_id = @profileId');
  if (request.correct === false) conditions.push('r.misses > 0');
  if (request.correct === true) conditions.push('r.attempts > r.misses');
  return conditions.join(' AND ');
}

/**
 * Whether reading the matching pairs (and sorting them) beats walking the time index. The walk
 * reads about scope × (page / matches) rows when matches are spread out (all of scope when there
 * are none); the pairs plan reads every attempt of the pairs, then sorts, so it must read under
 * half as many to win.
 */
function readPairs(db: Database.Database, pairs: string, request: HistoryPageRequest, params: Record<string, string | number>, limit: number): boolean {
  const matched = request.correct === undefined ? 'r.attempts' : request.correct ? 'r.attempts - r.misses' : 'r.misses';
  const estimate = db.prepare(`SELECT
      (SELECT coalesce(sum(attempts), 0) FROM review_state ${request.profileId === undefined ? '' : 'WHERE profile_id = @profileId'}) AS scope,
      coalesce(sum(r.attempts), 0) AS pairRows, coalesce(sum(${matched}), 0) AS matches
    FROM review_state r WHERE ${pairs}`).get(params) as { scope: number; pairRows: number; matches: number };
  const walk = estimate.matches === 0 ? estimate.scope : Math.min(estimate.scope, ((limit + 1) * estimate.scope) / estimate.matches);
  return 2 * estimate.pairRows < walk;
}

function toItem(r: Record<string, unknown>): HistoryItem {
  const mask = r.distractor_mask as number;
  return {
    id: r.id as string,
    createdAt: r.created_at as string,
    profileId: r.profile_id as string,
    problemId: r.problem_id as string,
    sessionId: r.session_id as string | null,
    solutionId: r.solution_id as string | null,
    problemText: r.text as string,
    problemSource: r.source as HistoryItem['problemSource'],
    expectedAnswer: r.expected as number | null,
    answerText: r.answer_text as string,
    answerValue: r.answer_value as number | null,
    correct: r.correct === 1,
    timeMs: r.time_ms as number,
    hintsRevealed: r.hints_revealed as number,
    stepsRevealed: r.steps_revealed as number,
    distractorTypes: DISTRACTOR_TYPES.filter((t) => (mask & DISTRACTOR_BITS[t]) !== 0),
  };
}
