/**
 * Recomputes all of a learner's derived rows (practice_days, correct_streaks, review_state) in one
 * ordered pass over their attempts. A merge brings many attempts at once, in any order; one scan
 * per learner replaces a query per (learner, problem) pair plus a per-learner GROUP BY. The
 * store also uses it when one attempt is dated before the learner's latest (RollupUpdater cannot
 * add it in place), and migration v2 to fill the tables the first time.
 *
 * The results are, by construction, those of RollupUpdater adding the attempts one by one in time
 * order and of ReviewStateUpdater.refresh for every pair: the same day (as localDayOf), the same
 * (created_at, id) order, the same Leitner step. Each pair's attempts are a subsequence of the
 * learner's attempts in time order, so replaying them along the learner's timeline gives each
 * pair's state. tests/store compares the outcome with a recount and with the per-record path.
 */
import type Database from 'better-sqlite3';
import { leitnerDueAt, nextLeitnerBox } from '../../../shared/practice/leitner.js';

/** One attempt as the scan reads it (raw row, in SELECT order). */
type ScanRow = [
  problemId: string, correct: number, createdAt: string, id: string, day: string,
  timeMs: number, spotTp: number | null, spotFp: number | null, spotFn: number | null,
];

/** A pair's Leitner state as the replay goes; the due time is worked out once, at the end. */
interface PairState {
  box: number;
  lastAttemptAt: string;
  attempts: number;
  misses: number;
}

interface DayTotals {
  attempts: number;
  correct: number;
  timeSumMs: number;
  spotAttempts: number;
  spotTp: number;
  spotFp: number;
  spotFn: number;
}

export class LearnerRebuilder {
  private readonly scan: Database.Statement;
  private readonly clearDays: Database.Statement;
  private readonly putDay: Database.Statement;
  private readonly clearStreak: Database.Statement;
  private readonly putStreak: Database.Statement;
  private readonly clearStates: Database.Statement;
  private readonly putState: Database.Statement;

  constructor(db: Database.Database) {
    // The day expression must agree with RollupUpdater's localDayOf: shift by the offset, keep the date.
    this.scan = db.prepare(`SELECT problem_id, correct, created_at, id,
        strftime('%Y-%m-%d', created_at, utc_offset_minutes || ' minutes'), time_ms, spot_tp, spot_fp, spot_fn
      FROM attempts WHERE profile_id = ? ORDER BY created_at, id`).raw();
    this.clearDays = db.prepare('DELETE FROM practice_days WHERE profile_id = ?');
    this.putDay = db.prepare(`INSERT INTO practice_days
        (profile_id, day, attempts, correct, time_sum_ms, spot_attempts, spot_tp, spot_fp, spot_fn)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.clearStreak = db.prepare('DELETE FROM correct_streaks WHERE profile_id = ?');
    this.putStreak = db.prepare(`INSERT INTO correct_streaks (profile_id, current_run, best_run, last_at, last_id)
      VALUES (?, ?, ?, ?, ?)`);
    this.clearStates = db.prepare('DELETE FROM review_state WHERE profile_id = ?');
    this.putState = db.prepare(`INSERT INTO review_state
        (profile_id, problem_id, box, due_at, last_attempt_at, attempts, misses) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  }

  /** Call inside the transaction that changed the learner's attempts. */
  rebuild(profileId: string): void {
    // .all() rather than .iterate(): better-sqlite3 allows no writes while a read is open.
    const rows = this.scan.all(profileId) as ScanRow[];
    const days = new Map<string, DayTotals>();
    const states = new Map<string, PairState>();
    let run = 0;
    let best = 0;
    for (const [problemId, correct, createdAt, , day, timeMs, tp, fp, fn] of rows) {
      let totals = days.get(day);
      if (!totals) {
        totals = { attempts: 0, correct: 0, timeSumMs: 0, spotAttempts: 0, spotTp: 0, spotFp: 0, spotFn: 0 };
        days.set(day, totals);
      }
      totals.attempts++;
      totals.correct += correct;
      totals.timeSumMs += timeMs;
      if (tp !== null) {
        totals.spotAttempts++;
        totals.spotTp += tp;
        totals.spotFp += fp ?? 0;
        totals.spotFn += fn ?? 0;
      }
      run = correct === 1 ? run + 1 : 0;
      if (run > best) best = run;
      // nextLeitnerState, step by step (see leitner.ts).
      const state = states.get(problemId);
      const box = nextLeitnerBox(state?.box ?? null, correct === 1);
      if (state) {
        state.box = box;
        state.lastAttemptAt = createdAt;
        state.attempts++;
        state.misses += correct === 1 ? 0 : 1;
      } else {
        states.set(problemId, { box, lastAttemptAt: createdAt, attempts: 1, misses: correct === 1 ? 0 : 1 });
      }
    }

    this.clearDays.run(profileId);
    for (const [day, t] of days) this.putDay.run(profileId, day, t.attempts, t.correct, t.timeSumMs, t.spotAttempts, t.spotTp, t.spotFp, t.spotFn);
    this.clearStreak.run(profileId);
    const last = rows[rows.length - 1];
    if (last) this.putStreak.run(profileId, run, best, last[2], last[3]);
    this.clearStates.run(profileId);
    for (const [problemId, s] of states) {
      this.putState.run(profileId, problemId, s.box, leitnerDueAt(s.box, s.lastAttemptAt), s.lastAttemptAt, s.attempts, s.misses);
    }
  }
}
