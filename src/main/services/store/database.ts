/**
 * Opens the practice database file: connection settings, then migrations (with a backup copy of
 * the file before each one).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';

export class StoreError extends Error {}

/** How long a connection waits for another one's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Another connection kept the file locked for longer than BUSY_TIMEOUT_MS; nothing was changed. */
export class StoreBusyError extends StoreError {
  constructor() {
    super(`The practice database is busy: another program (DAGGER Tutor or the dagger-tutor command) kept it locked for more than ${BUSY_TIMEOUT_MS / 1000} seconds. Nothing was changed; try again when it has finished.`);
  }
}

/** Runs `fn`, turning SQLite's "database is locked" (once the busy timeout is over) into a StoreBusyError. */
export function explainBusy<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) throw new StoreBusyError();
    throw error;
  }
}

export interface OpenDatabaseOptions {
  /** Folder for the pre-migration copies. */
  backupsDir: string;
  /** Stop at this schema version (tests build files of earlier versions); default the latest. */
  targetVersion?: number;
  /** Clock for backup file names. */
  now?: () => Date;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function openDatabase(file: string, options: OpenDatabaseOptions): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // The app, the CLI and the browser host may share one file: wait for a writer, don't fail.
    // Connection-only, like every setting here up to the version check: nothing in the file.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A file from a newer app is refused before anything in it is changed (journal mode included).
    explainBusy(() => checkedSchemaVersion(db, file));
    // A new file gets 8 KiB pages (SQLite's default is 4 KiB): a stored solution (raw output plus
    // graph) is about 2 KB, and bigger pages hold more of them and more index entries each, which
    // made importing a whole class's history about 6 % faster. It must come before
    // anything is written; on an existing file it changes nothing.
    db.pragma('page_size = 8192');
    // WAL: readers never block the writer and a crash mid-write leaves the last committed state.
    // synchronous=NORMAL is durable against an application crash (the WAL is fsynced at
    // checkpoints); only a power cut can lose the latest transactions, never corrupt the file.
    explainBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    explainBusy(() => migrate(db, file, options));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The file's schema version; a StoreError if a newer app made it. */
function checkedSchemaVersion(db: Database.Database, file: string): number {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      `The practice database ${file} has schema version ${current}, made by a newer DAGGER Tutor ` +
      `(this one reads up to version ${LATEST_SCHEMA_VERSION}). Update the app; the file was not changed.`,
    );
  }
  return current;
}

function migrate(db: Database.Database, file: string, options: OpenDatabaseOptions): void {
  const target = options.targetVersion ?? LATEST_SCHEMA_VERSION;
  const current = checkedSchemaVersion(db, file);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  for (const migration of pending) {
    // A file that held data when opened is copied before every step; a new file has nothing to keep.
    if (current > 0) backup(db, file, migration, options);
    // IMMEDIATE, and the version read again under the write lock: two processes opening an old
    // file at once run each step once (the second finds it done).
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** A consistent copy of the whole database (WAL content included) before `migration` runs. */
function backup(db: Database.Database, file: string, migration: Migration, options: OpenDatabaseOptions): void {
  fs.mkdirSync(options.backupsDir, { recursive: true });
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const name = `${path.basename(file, '.db')}-v${schemaVersion(db)}-before-v${migration.version}-${stamp}.db`;
  const target = path.join(options.backupsDir, name);
  if (fs.existsSync(target)) fs.rmSync(target);
  db.prepare('VACUUM INTO ?').run(target);
}
