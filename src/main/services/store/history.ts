/**
 * The practice history, newest first, a page at a time.
 *
 * Keyset pagination: a page ends at some (created_at, id); the next page asks for rows strictly
 * before it. Unlike OFFSET, the cost of page 1,000 equals the cost of page 1, and rows added
 * meanwhile never shift a page. The indexes attempts(profile_id, created_at, id) and
 * attempts(created_at, id) deliver rows already in that order.
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
  if (request.topic !== undefined) {
    // The unary + keeps SQLite from driving the query by problem (and then sorting every attempt
    // at those problems): it walks the time index and checks membership, stopping after a page.
    conditions.push('+a.problem_id IN (SELECT problem_id FROM problem_topics WHERE topic = @topic)');
    params.topic = request.topic;
  }
  if (request.distractorType !== undefined) {
    conditions.push('(p.distractor_mask & @typeBit) <> 0');
    params.typeBit = DISTRACTOR_BITS[request.distractorType];
  }
  if (request.cursor) {
    const after = decodeCursor(request.cursor);
    conditions.push('(a.created_at, a.id) < (@cursorAt, @cursorId)');
    params.cursorAt = after.createdAt;
    params.cursorId = after.id;
  }
  const sql = `SELECT a.id, a.created_at, a.profile_id, a.problem_id, a.session_id, a.solution_id,
      p.text, p.source, p.answer AS expected, a.answer_text, a.answer_value, a.correct, a.time_ms,
      a.hints_revealed, a.steps_revealed, p.distractor_mask
    FROM attempts a JOIN problems p ON p.id = a.problem_id
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`;
  const rows = db.prepare(sql).all(params) as Array<Record<string, unknown>>;
  const items = rows.slice(0, limit).map(toItem);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
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
