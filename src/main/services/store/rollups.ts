/**
 * Running totals behind the statistics view, kept in step with `attempts` inside the same
 * transaction: `practice_days` (per learner and local day: attempts, right answers, time,
 * distractor-spotting counts) and `correct_streaks` (per learner: the current and best run of
 * right answers). They make statistics cost a few hundred rows instead of every attempt.
 *
 * Adding an attempt later than the learner's latest updates them in place. Anything else (an
 * import, an attempt dated in the past) is recounted from the learner's attempts by
 * LearnerRebuilder, so the totals always equal what a full recount would give (the tests check
 * exactly that).
 */
import type Database from 'better-sqlite3';
import type { Attempt } from '../../../shared/practice/records.js';

/** The learner's calendar day of an attempt (YYYY-MM-DD), from its UTC time and offset. */
export function localDayOf(createdAt: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(createdAt) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export class RollupUpdater {
  private readonly addDay: Database.Statement;
  private readonly streakOf: Database.Statement;
  private readonly putStreak: Database.Statement;

  constructor(db: Database.Database) {
    this.addDay = db.prepare(`INSERT INTO practice_days
        (profile_id, day, attempts, correct, time_sum_ms, spot_attempts, spot_tp, spot_fp, spot_fn)
      VALUES (@profileId, @day, 1, @correct, @timeMs, @spotN, @tp, @fp, @fn)
      ON CONFLICT (profile_id, day) DO UPDATE SET attempts = attempts + 1, correct = correct + excluded.correct,
        time_sum_ms = time_sum_ms + excluded.time_sum_ms, spot_attempts = spot_attempts + excluded.spot_attempts,
        spot_tp = spot_tp + excluded.spot_tp, spot_fp = spot_fp + excluded.spot_fp, spot_fn = spot_fn + excluded.spot_fn`);
    this.streakOf = db.prepare('SELECT * FROM correct_streaks WHERE profile_id = ?');
    this.putStreak = db.prepare(`INSERT INTO correct_streaks (profile_id, current_run, best_run, last_at, last_id)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id) DO UPDATE SET current_run = excluded.current_run,
        best_run = excluded.best_run, last_at = excluded.last_at, last_id = excluded.last_id`);
  }

  /**
   * Call in the transaction that inserted `attempt`. Returns false, changing nothing, when the
   * attempt is not the learner's latest: the caller then recounts the learner (LearnerRebuilder).
   */
  onAttempt(attempt: Attempt & { utcOffsetMinutes: number }): boolean {
    const streak = this.streakOf.get(attempt.profileId) as
      { current_run: number; best_run: number; last_at: string; last_id: string } | undefined;
    const isLatest = !streak || attempt.createdAt > streak.last_at || (attempt.createdAt === streak.last_at && attempt.id > streak.last_id);
    if (!isLatest) return false;
    const spot = attempt.distractorSpotting;
    this.addDay.run({
      profileId: attempt.profileId, day: localDayOf(attempt.createdAt, attempt.utcOffsetMinutes),
      correct: attempt.correct ? 1 : 0, timeMs: attempt.timeMs, spotN: spot ? 1 : 0,
      tp: spot?.truePositives ?? 0, fp: spot?.falsePositives ?? 0, fn: spot?.falseNegatives ?? 0,
    });
    const current = attempt.correct ? (streak?.current_run ?? 0) + 1 : 0;
    this.putStreak.run(attempt.profileId, current, Math.max(current, streak?.best_run ?? 0), attempt.createdAt, attempt.id);
    return true;
  }
}
