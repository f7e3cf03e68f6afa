/**
 * Opens the practice database file: connection settings, then migrations (with a backup copy of
 * the file before each one).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';

export class StoreError extends Error {}

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
    // A new file gets 8 KiB pages (SQLite's default is 4 KiB): a stored solution (raw output plus
    // graph) is about 2 KB, and bigger pages hold more of them and more index entries each, which
    // made importing a whole class's history about 6 % faster. It must come before
    // anything is written; on an existing file it changes nothing.
    db.pragma('page_size = 8192');
    // WAL: readers never block the writer and a crash mid-write leaves the last committed state.
    // synchronous=NORMAL is durable against an application crash (the WAL is fsynced at
    // checkpoints); only a power cut can lose the latest transactions, never corrupt the file.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // The app, the CLI and the browser host may share one file; wait for a writer, don't fail.
    db.pragma('busy_timeout = 5000');
    migrate(db, file, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, file: string, options: OpenDatabaseOptions): void {
  const target = options.targetVersion ?? LATEST_SCHEMA_VERSION;
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      `The practice database ${file} has schema version ${current}, made by a newer DAGGER Tutor ` +
      `(this one reads up to version ${LATEST_SCHEMA_VERSION}). Update the app; the file was not changed.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  for (const migration of pending) {
    // A file that held data when opened is copied before every step; a new file has nothing to keep.
    if (current > 0) backup(db, file, migration, options);
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
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
