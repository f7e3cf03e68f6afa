/**
 * The practice database's schema, as forward-only migration steps.
 *
 * `PRAGMA user_version` holds the schema version (0 = empty file). Opening a store runs every step
 * above the file's version, each in its own transaction together with the version bump, after
 * copying the file into the backups folder. Steps are never edited once released: a change to the
 * schema is a new step, so a file of any earlier version can be brought forward (the tests build
 * a file at each version and migrate it).
 */
import type Database from 'better-sqlite3';
import { operationMask } from '../../../shared/practice/ops.js';
import { LearnerRebuilder } from './learnerRebuild.js';

export interface Migration {
  /** The version the database has after this step. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** Version 1: the records themselves. */
const V1_DDL = `
CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('student', 'teacher')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES profiles(id),
  started_at TEXT NOT NULL,
  ended_at TEXT
) STRICT;
CREATE INDEX sessions_by_profile ON sessions(profile_id, started_at);

CREATE TABLE problems (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('bank', 'user')),
  bank_problem_id TEXT,
  bank_variant_id TEXT,
  text TEXT NOT NULL,
  answer REAL,
  unit_json TEXT,
  topics_json TEXT NOT NULL DEFAULT '[]',
  grade TEXT,
  distractor_types_json TEXT NOT NULL DEFAULT '[]',
  distractors_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX problems_by_bank_id ON problems(bank_problem_id, bank_variant_id);

CREATE TABLE solutions (
  id TEXT PRIMARY KEY,
  problem_id TEXT NOT NULL REFERENCES problems(id),
  kind TEXT NOT NULL CHECK (kind IN ('model', 'reference')),
  raw_output TEXT,
  graph_json TEXT,
  diagnostics_json TEXT NOT NULL DEFAULT '[]',
  answer REAL,
  model_json TEXT,
  settings_json TEXT,
  stats_json TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX solutions_by_problem ON solutions(problem_id, kind);

CREATE TABLE attempts (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES profiles(id),
  problem_id TEXT NOT NULL REFERENCES problems(id),
  solution_id TEXT REFERENCES solutions(id),
  session_id TEXT REFERENCES sessions(id),
  created_at TEXT NOT NULL,
  answer_text TEXT NOT NULL,
  answer_value REAL,
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  time_ms INTEGER NOT NULL CHECK (time_ms >= 0),
  hints_revealed INTEGER NOT NULL DEFAULT 0,
  steps_revealed INTEGER NOT NULL DEFAULT 0,
  marks_json TEXT,
  spot_tp INTEGER,
  spot_fp INTEGER,
  spot_fn INTEGER
) STRICT;
CREATE INDEX attempts_by_profile_time ON attempts(profile_id, created_at);
CREATE INDEX attempts_by_problem ON attempts(problem_id);
CREATE INDEX attempts_by_session ON attempts(session_id);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  attempt_id TEXT REFERENCES attempts(id),
  solution_id TEXT REFERENCES solutions(id),
  reviewer_id TEXT NOT NULL REFERENCES profiles(id),
  verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'partly')),
  node_notes_json TEXT NOT NULL DEFAULT '[]',
  corrected_answer REAL,
  comment TEXT,
  created_at TEXT NOT NULL,
  CHECK (attempt_id IS NOT NULL OR solution_id IS NOT NULL)
) STRICT;
CREATE INDEX reviews_by_attempt ON reviews(attempt_id);
CREATE INDEX reviews_by_solution ON reviews(solution_id);
`;

/**
 * Version 2: what statistics and history need at 100,000 attempts. Bit masks of distractor types
 * and operations (so attempts group by them in SQL), a topic table (filtering by topic uses an
 * index instead of parsing JSON), the Leitner review state, and keyset-pagination indexes.
 */
const V2_DDL = `
ALTER TABLE problems ADD COLUMN distractor_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE problems ADD COLUMN ops_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE solutions ADD COLUMN ops_mask INTEGER NOT NULL DEFAULT 0;

CREATE TABLE problem_topics (
  topic TEXT NOT NULL,
  problem_id TEXT NOT NULL REFERENCES problems(id),
  PRIMARY KEY (topic, problem_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE review_state (
  profile_id TEXT NOT NULL REFERENCES profiles(id),
  problem_id TEXT NOT NULL REFERENCES problems(id),
  box INTEGER NOT NULL,
  due_at TEXT,
  last_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  misses INTEGER NOT NULL,
  PRIMARY KEY (profile_id, problem_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_state_due ON review_state(profile_id, due_at) WHERE misses > 0 AND due_at IS NOT NULL;

DROP INDEX attempts_by_profile_time;
-- Nothing looks attempts up by problem alone; the (profile, problem) index below serves lookups.
DROP INDEX attempts_by_problem;
CREATE INDEX attempts_by_profile_time ON attempts(profile_id, created_at, id);
CREATE INDEX attempts_by_time ON attempts(created_at, id);
CREATE INDEX attempts_by_profile_problem ON attempts(profile_id, problem_id, created_at, id);
CREATE INDEX attempts_by_profile_duration ON attempts(profile_id, time_ms);
CREATE INDEX attempts_by_duration ON attempts(time_ms);

-- The learner's UTC offset when practising, so "which day" is the learner's day. Earlier rows: UTC.
ALTER TABLE attempts ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0;

-- Running totals kept in step with attempts (same transaction), so statistics read a few hundred
-- rows instead of every attempt.
CREATE TABLE practice_days (
  profile_id TEXT NOT NULL REFERENCES profiles(id),
  day TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  time_sum_ms INTEGER NOT NULL,
  spot_attempts INTEGER NOT NULL,
  spot_tp INTEGER NOT NULL,
  spot_fp INTEGER NOT NULL,
  spot_fn INTEGER NOT NULL,
  PRIMARY KEY (profile_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE correct_streaks (
  profile_id TEXT PRIMARY KEY REFERENCES profiles(id),
  current_run INTEGER NOT NULL,
  best_run INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  last_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

/** Bit of each distractor type in `problems.distractor_mask`. */
export const DISTRACTOR_BITS = { RED: 1, OAD: 2, NEED: 4 } as const;

/**
 * The operations a problem needs: those of its earliest reference graph, else of its latest model
 * graph that parsed (user problems have no reference), else none. SQL over the row `problems`.
 */
export const PROBLEM_OPS_SQL = `coalesce(
  (SELECT ops_mask FROM solutions s WHERE s.problem_id = problems.id AND s.kind = 'reference'
    ORDER BY s.created_at, s.id LIMIT 1),
  (SELECT ops_mask FROM solutions s WHERE s.problem_id = problems.id AND s.kind = 'model' AND s.graph_json IS NOT NULL
    ORDER BY s.created_at DESC, s.id DESC LIMIT 1),
  0)`;

function backfillV2(db: Database.Database): void {
  db.exec(`
    UPDATE problems SET distractor_mask = (
      SELECT coalesce(sum(DISTINCT CASE t WHEN 'RED' THEN 1 WHEN 'OAD' THEN 2 WHEN 'NEED' THEN 4 ELSE 0 END), 0)
      FROM (SELECT value AS t FROM json_each(problems.distractor_types_json)
            UNION SELECT json_extract(value, '$.type') FROM json_each(problems.distractors_json)));
    INSERT OR IGNORE INTO problem_topics (topic, problem_id)
      SELECT value, problems.id FROM problems, json_each(problems.topics_json);
  `);
  // Operation masks need the operation-alias table, so they are computed here rather than in SQL.
  const setSolutionMask = db.prepare('UPDATE solutions SET ops_mask = ? WHERE id = ?');
  // .all() rather than .iterate(): better-sqlite3 allows no writes while a read is open.
  for (const row of db.prepare('SELECT id, graph_json FROM solutions').all() as Array<{ id: string; graph_json: string | null }>) {
    setSolutionMask.run(operationMask(row.graph_json ? JSON.parse(row.graph_json) : null), row.id);
  }
  db.exec(`UPDATE problems SET ops_mask = ${PROBLEM_OPS_SQL}`);
  // Practice days, streaks and Leitner review state: each learner's attempts replayed in time order.
  const learners = new LearnerRebuilder(db);
  for (const id of db.prepare('SELECT id FROM profiles').pluck().all() as string[]) learners.rebuild(id);
}

export const MIGRATIONS: Migration[] = [
  { version: 1, description: 'profiles, sessions, problems, solutions, attempts, reviews', up: (db) => db.exec(V1_DDL) },
  {
    version: 2,
    description: 'statistics masks, problem topics, Leitner review state, history indexes',
    up: (db) => {
      db.exec(V2_DDL);
      backfillV2(db);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
