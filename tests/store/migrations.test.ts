import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../src/main/services/store/database.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/services/store/migrations.js';
import { openStore } from '../../src/main/services/store/index.js';
import { dataPaths } from '../../src/main/services/paths.js';
import { FIXED_NOW, removeTempDirs, snapshot, tempDataDir } from './helpers.js';
import { buildFixture } from './fixture.js';

afterEach(removeTempDirs);

describe('migrations', () => {
  it('builds the latest schema in an empty file, with WAL and foreign keys on, and no backup', () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('page_size', { simple: true })).toBe(8192);
    store.close();
    expect(fs.existsSync(dataPaths(dir).backups)).toBe(false);
  });

  it('opens a file made with another page size as it is', () => {
    const dir = tempDataDir();
    fs.mkdirSync(dir, { recursive: true });
    const older = new Database(dataPaths(dir).database);
    older.pragma('page_size = 4096');
    older.pragma('journal_mode = WAL');
    older.exec('CREATE TABLE kept (x)');
    older.close();
    const store = openStore(dir);
    expect(store.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
    buildFixture(store);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it('versions are consecutive from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  // A store made by the current code is the reference: a file built at each earlier version with
  // the same records, then migrated, must end with the same records and the same statistics.
  for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION)) {
    it(`brings a version ${from} file forward, keeping a backup copy`, () => {
      const referenceDir = tempDataDir();
      const reference = openStore(referenceDir, { now: () => FIXED_NOW });
      const { a } = buildFixture(reference);
      // Version 1 had no per-attempt UTC offset: such rows read as UTC after migrating.
      reference.db.prepare('UPDATE attempts SET utc_offset_minutes = 0').run();
      const records = reference.dump();

      const dir = tempDataDir();
      const paths = dataPaths(dir);
      const old = openDatabase(paths.database, { backupsDir: paths.backups, targetVersion: from });
      expect(schemaVersion(old)).toBe(from);
      writeV1Rows(old, records);
      old.close();

      const migrated = openStore(dir, { now: () => FIXED_NOW });
      expect(schemaVersion(migrated.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(migrated.dump()).toEqual(records);
      const rebuilt = openStore(tempDataDir(), { now: () => FIXED_NOW });
      rebuilt.merge(records);
      const options = { profileId: a.id, now: FIXED_NOW, utcOffsetMinutes: 0 };
      expect(migrated.stats(options)).toEqual(rebuilt.stats(options));
      expect(migrated.reviewQueue({ now: FIXED_NOW })).toEqual(rebuilt.reviewQueue({ now: FIXED_NOW }));
      expect(migrated.historyPage({ topic: 'money' }).items.length).toBe(3);
      expect(migrated.db.pragma('foreign_key_check')).toEqual([]);

      const backups = fs.readdirSync(paths.backups);
      expect(backups).toHaveLength(LATEST_SCHEMA_VERSION - from);
      const copy = new Database(path.join(paths.backups, backups.find((b) => b.includes(`-v${from}-before-v${from + 1}-`))!), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(from);
      expect(copy.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(8);
      copy.close();
      migrated.close();
    });
  }

  it('refuses a file from a newer app and leaves it untouched', () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    buildFixture(store);
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    const before = snapshot(store);
    store.close();
    expect(() => openStore(dir)).toThrow(/newer DAGGER Tutor.*not changed/);
    const again = new Database(dataPaths(dir).database);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    again.close();
    // Put the version back to read it with the store's snapshot helper.
    const fix = new Database(dataPaths(dir).database);
    fix.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    fix.close();
    const reopened = openStore(dir);
    expect(snapshot(reopened)).toEqual(before);
    reopened.close();
  });

  it('refuses a newer file before changing anything in it: same bytes, same journal mode, no WAL files', () => {
    const dir = tempDataDir();
    const file = dataPaths(dir).database;
    // A newer app's file, written with a rollback journal (the mode this app would switch to WAL).
    const newer = new Database(file);
    newer.pragma('journal_mode = DELETE');
    newer.exec('CREATE TABLE from_the_future (x TEXT)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    const bytes = fs.readFileSync(file);
    expect(() => openStore(dir)).toThrow(/newer DAGGER Tutor.*not changed/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});

/** Writes records with version 1's columns only (as the version-1 app did). */
function writeV1Rows(db: Database.Database, data: ReturnType<ReturnType<typeof openStore>['dump']>): void {
  const insert = (table: string, row: Record<string, unknown>) =>
    db.prepare(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  db.transaction(() => {
    for (const p of data.profiles) insert('profiles', { id: p.id, name: p.name, role: p.role, created_at: p.createdAt });
    for (const s of data.sessions) insert('sessions', { id: s.id, profile_id: s.profileId, started_at: s.startedAt, ended_at: s.endedAt });
    for (const p of data.problems) {
      insert('problems', { id: p.id, source: p.source, bank_problem_id: p.bankProblemId, bank_variant_id: p.bankVariantId,
        text: p.text, answer: p.answer, unit_json: json(p.unit), topics_json: JSON.stringify(p.topics), grade: p.grade,
        distractor_types_json: JSON.stringify(p.distractorTypes), distractors_json: JSON.stringify(p.distractors), created_at: p.createdAt });
    }
    for (const s of data.solutions) {
      insert('solutions', { id: s.id, problem_id: s.problemId, kind: s.kind, raw_output: s.rawOutput, graph_json: json(s.graph),
        diagnostics_json: JSON.stringify(s.diagnostics), answer: s.answer, model_json: json(s.model),
        settings_json: json(s.settings), stats_json: json(s.stats), created_at: s.createdAt });
    }
    for (const a of data.attempts) {
      insert('attempts', { id: a.id, profile_id: a.profileId, problem_id: a.problemId, solution_id: a.solutionId,
        session_id: a.sessionId, created_at: a.createdAt, answer_text: a.answerText, answer_value: a.answerValue,
        correct: a.correct ? 1 : 0, time_ms: a.timeMs, hints_revealed: a.hintsRevealed, steps_revealed: a.stepsRevealed,
        marks_json: json(a.distractorMarks), spot_tp: a.distractorSpotting?.truePositives ?? null,
        spot_fp: a.distractorSpotting?.falsePositives ?? null, spot_fn: a.distractorSpotting?.falseNegatives ?? null });
    }
    for (const r of data.reviews) {
      insert('reviews', { id: r.id, attempt_id: r.attemptId, solution_id: r.solutionId, reviewer_id: r.reviewerId,
        verdict: r.verdict, node_notes_json: JSON.stringify(r.nodeNotes), corrected_answer: r.correctedAnswer,
        comment: r.comment, created_at: r.createdAt });
    }
  })();
}
