/**
 * The statistics view: one function, one JSON-serialisable object (see PracticeStats).
 *
 * It reads the running totals kept beside the attempts (practice_days, correct_streaks,
 * review_state; see rollups.ts and reviewState.ts) and one index for the median, so its cost does
 * not grow with the number of attempts (bench/store.bench.ts measures it at 100,000).
 */
import type Database from 'better-sqlite3';
import { DISTRACTOR_TYPES } from '../../../core/bank/schema.js';
import { OPERATIONS, type Operation } from '../../../core/graph/types.js';
import { operationsInMask } from '../../../shared/practice/ops.js';
import type { AccuracyBucket, PracticeStats, StatsOptions } from '../../../shared/practice/queries.js';
import { DISTRACTOR_BITS } from './migrations.js';

const bucket = (attempts: number, correct: number): AccuracyBucket => ({
  attempts, correct, accuracy: attempts === 0 ? null : correct / attempts,
});

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant shifted by the learner's UTC offset. */
function localDay(instant: Date, offsetMinutes: number): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

export function computeStats(db: Database.Database, options: StatsOptions & { now: Date }): PracticeStats {
  const offset = Math.trunc(options.utcOffsetMinutes ?? -options.now.getTimezoneOffset());
  const profileId = options.profileId ?? null;
  const params = profileId === null ? {} : { profileId };
  const onlyProfile = (column: string) => (profileId === null ? '' : `WHERE ${column} = @profileId`);

  // Per-day totals come from the running totals table; days of several learners add up.
  const days = db.prepare(`SELECT day, sum(attempts) AS n, sum(correct) AS c, sum(time_sum_ms) AS t,
      sum(spot_attempts) AS spotN, sum(spot_tp) AS tp, sum(spot_fp) AS fp, sum(spot_fn) AS fn
    FROM practice_days ${onlyProfile('profile_id')} GROUP BY day ORDER BY day`).all(params) as Array<{
    day: string; n: number; c: number; t: number; spotN: number; tp: number; fp: number; fn: number;
  }>;
  const total = days.reduce((acc, d) => {
    acc.n += d.n; acc.c += d.c; acc.t += d.t; acc.spotN += d.spotN; acc.tp += d.tp; acc.fp += d.fp; acc.fn += d.fn;
    return acc;
  }, { n: 0, c: 0, t: 0, spotN: 0, tp: 0, fp: 0, fn: 0 });

  // Attempts per problem (from the Leitner state, which counts them) grouped by the problem's
  // distractor types and operations: a few dozen groups.
  const groups = db.prepare(`SELECT p.distractor_mask AS dm, p.ops_mask AS om,
      sum(r.attempts) AS n, sum(r.attempts - r.misses) AS c
    FROM review_state r JOIN problems p ON p.id = r.problem_id ${onlyProfile('r.profile_id')}
    GROUP BY dm, om`).all(params) as Array<{ dm: number; om: number; n: number; c: number }>;

  const byType = new Map<string, [number, number]>([...DISTRACTOR_TYPES, 'none'].map((t) => [t, [0, 0]]));
  const byOp = new Map<Operation, [number, number]>();
  for (const g of groups) {
    const types = DISTRACTOR_TYPES.filter((t) => (g.dm & DISTRACTOR_BITS[t]) !== 0);
    for (const t of types.length ? types : ['none']) {
      const acc = byType.get(t)!;
      acc[0] += g.n;
      acc[1] += g.c;
    }
    for (const op of operationsInMask(g.om)) {
      const acc = byOp.get(op) ?? [0, 0];
      acc[0] += g.n;
      acc[1] += g.c;
      byOp.set(op, acc);
    }
  }
  const sessions = db.prepare(`SELECT count(*) FROM sessions ${onlyProfile('profile_id')}`).pluck().get(params) as number;
  const problems = db.prepare(`SELECT count(DISTINCT problem_id) FROM review_state ${onlyProfile('profile_id')}`).pluck().get(params) as number;

  return {
    profileId,
    utcOffsetMinutes: offset,
    totals: { ...bucket(total.n, total.c), problems, sessions },
    accuracyByDay: days.map((d) => ({ day: d.day, ...bucket(d.n, d.c) })),
    byDistractorType: [...byType].map(([type, [n, c]]) => ({ type: type as PracticeStats['byDistractorType'][number]['type'], ...bucket(n, c) })),
    byOperation: OPERATIONS.filter((op) => byOp.has(op)).map((op) => ({ op, ...bucket(...byOp.get(op)!) })),
    streaks: {
      ...correctStreaks(db, profileId),
      ...dayStreaks(days.map((d) => d.day), localDay(options.now, offset)),
    },
    timePerProblem: { medianMs: medianTime(db, profileId, total.n), meanMs: total.n === 0 ? null : total.t / total.n },
    distractorSpotting: {
      attempts: total.spotN,
      truePositives: total.tp,
      falsePositives: total.fp,
      falseNegatives: total.fn,
      precision: total.tp + total.fp === 0 ? null : total.tp / (total.tp + total.fp),
      recall: total.tp + total.fn === 0 ? null : total.tp / (total.tp + total.fn),
    },
    reviewQueue: reviewCounts(db, profileId, options.now),
  };
}

/**
 * Right answers in a row, per learner. Across all learners (no profile) the figures are the
 * highest any learner has: a run never mixes two learners' answers.
 */
function correctStreaks(db: Database.Database, profileId: string | null) {
  const row = db.prepare(`SELECT coalesce(max(current_run), 0) AS current, coalesce(max(best_run), 0) AS best
    FROM correct_streaks ${profileId === null ? '' : 'WHERE profile_id = ?'}`).get(...(profileId === null ? [] : [profileId])) as { current: number; best: number };
  return { currentCorrect: row.current, bestCorrect: row.best };
}

/** Day streaks from the sorted list of days practised. */
export function dayStreaks(days: string[], today: string) {
  let best = 0;
  let run = 0;
  let previous: string | null = null;
  for (const day of days) {
    run = previous !== null && previousDay(day) === previous ? run + 1 : 1;
    if (run > best) best = run;
    previous = day;
  }
  const last = days[days.length - 1];
  // A streak is still alive when the last practice was today or yesterday.
  const alive = last !== undefined && (last === today || last === previousDay(today));
  return { currentDays: alive ? run : 0, bestDays: best, daysPractised: days.length };
}

/** Exact median, read off the duration index: walks half of one index, sorts nothing. */
function medianTime(db: Database.Database, profileId: string | null, count: number): number | null {
  if (count === 0) return null;
  const sql = profileId === null
    ? 'SELECT time_ms FROM attempts INDEXED BY attempts_by_duration ORDER BY time_ms LIMIT @take OFFSET @skip'
    : `SELECT time_ms FROM attempts INDEXED BY attempts_by_profile_duration WHERE profile_id = @profileId
       ORDER BY time_ms LIMIT @take OFFSET @skip`;
  const middle = db.prepare(sql).pluck().all({
    ...(profileId === null ? {} : { profileId }), take: count % 2 === 0 ? 2 : 1, skip: Math.floor((count - 1) / 2),
  }) as number[];
  return middle.reduce((sum, v) => sum + v, 0) / middle.length;
}

function reviewCounts(db: Database.Database, profileId: string | null, now: Date) {
  const row = db.prepare(`SELECT coalesce(sum(due_at <= @now), 0) AS due, coalesce(sum(due_at > @now), 0) AS upcoming
    FROM review_state WHERE misses > 0 AND due_at IS NOT NULL ${profileId === null ? '' : 'AND profile_id = @profileId'}`)
    .get(profileId === null ? { now: now.toISOString() } : { now: now.toISOString(), profileId }) as { due: number; upcoming: number };
  return { due: row.due, upcoming: row.upcoming };
}
