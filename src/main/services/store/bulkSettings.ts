/**
 * Connection settings a bulk merge may relax while it runs, always put back as they were.
 *
 * Two settings make merging a whole class's export faster: no foreign-key lookups (the merge has
 * checked every reference itself) and a rollback journal instead of WAL (new pages written once,
 * not into the WAL and again at the checkpoint). Both are connection state that outlives the
 * merge, so the rule is: change a setting only inside the `try` whose `finally` puts it back, and
 * treat each change as something that may be refused. A refused change is not an error: the merge
 * runs with the connection's own settings, only slower.
 *
 * - The journal mode cannot leave WAL while another connection (the app, the browser host, the
 *   `dagger-tutor` command) has the file open: SQLite answers "database is locked" at once. That
 *   is the normal case when the app is running, so the merge then stays in WAL.
 * - Neither setting can change inside a transaction: nested in a caller's transaction, the
 *   merge keeps the caller's settings.
 */
import Database from 'better-sqlite3';

export interface BulkSettings {
  /** Skip SQLite's foreign-key lookups (the caller has checked every reference). */
  skipForeignKeyChecks: boolean;
  /** Write through a rollback journal instead of the WAL. */
  rollbackJournal: boolean;
}

export function withBulkSettings<T>(db: Database.Database, wanted: BulkSettings, write: () => T): T {
  const restore: Array<() => void> = [];
  try {
    if (!db.inTransaction) {
      if (wanted.rollbackJournal && switchJournal(db, 'wal', 'delete')) restore.push(() => switchJournal(db, 'delete', 'wal'));
      if (wanted.skipForeignKeyChecks && db.pragma('foreign_keys', { simple: true }) === 1) {
        restore.push(() => db.pragma('foreign_keys = ON'));
        db.pragma('foreign_keys = OFF');
      }
    }
    return write();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/**
 * Switches the journal from `from` to `to`; false (and nothing changed) when the connection is
 * not in `from` or SQLite refuses because another connection is using the file. Going back to
 * WAL waits for readers like any write (the busy timeout); should it still be refused, the file
 * stays sound in rollback-journal mode and the next connection to open it puts WAL back
 * (openDatabase).
 */
function switchJournal(db: Database.Database, from: 'wal' | 'delete', to: 'wal' | 'delete'): boolean {
  if (db.pragma('journal_mode', { simple: true }) !== from) return false;
  try {
    return db.pragma(`journal_mode = ${to}`, { simple: true }) === to;
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return false;
    throw error;
  }
}
