/**
 * Keeps `review_state` (the Leitner box of each profile × problem) equal to a replay of that
 * pair's attempts. Derived data: it is recomputed for every pair an attempt touches, in the same
 * transaction, so an attempt merged in out of time order (an import) still gives the right box.
 */
import type Database from 'better-sqlite3';
import { replayLeitner } from '../../../shared/practice/leitner.js';

export class ReviewStateUpdater {
  private readonly selectPair: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    this.selectPair = db.prepare(`SELECT correct, created_at FROM attempts
      WHERE profile_id = ? AND problem_id = ? ORDER BY created_at, id`).raw();
    this.upsert = db.prepare(`INSERT INTO review_state
        (profile_id, problem_id, box, due_at, last_attempt_at, attempts, misses)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (profile_id, problem_id) DO UPDATE SET box = excluded.box, due_at = excluded.due_at,
        last_attempt_at = excluded.last_attempt_at, attempts = excluded.attempts, misses = excluded.misses`);
    this.remove = db.prepare('DELETE FROM review_state WHERE profile_id = ? AND problem_id = ?');
  }

  /** Recomputes one pair; call inside the transaction that changed its attempts. */
  refresh(profileId: string, problemId: string): void {
    const rows = this.selectPair.all(profileId, problemId) as Array<[number, string]>;
    const state = replayLeitner(rows.map(([correct, createdAt]) => ({ correct: correct === 1, createdAt })));
    if (!state) {
      this.remove.run(profileId, problemId);
      return;
    }
    this.upsert.run(profileId, problemId, state.box, state.dueAt, state.lastAttemptAt, state.attempts, state.misses);
  }
}
