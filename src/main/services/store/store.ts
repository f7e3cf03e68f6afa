/**
 * The practice-history store: one SQLite file in the data folder, behind a small typed API.
 *
 *   const store = openStore(dataDir);
 *   const me = store.createProfile({ name: 'মিনা', role: 'student' });
 *   const problem = store.recordProblem({ source: 'user', text: '…' });
 *   store.recordAttempt({ profileId: me.id, problemId: problem.id, answerText: '২৮', correct: true, timeMs: 4200 });
 *   store.stats({ profileId: me.id });
 *
 * Every write validates its record with the shared zod schemas (callers include the renderer, so
 * inputs are untrusted) and runs in one transaction with whatever derived rows it implies (topic
 * rows, operation masks, the Leitner state), so a crash never leaves half a record.
 */
import Database from 'better-sqlite3';
import type { z } from 'zod';
import { dataPaths } from '../paths.js';
import { removeStalePartials } from '../export/partials.js';
import {
  ENTITY_KINDS, attemptSchema, problemRecordSchema, profileSchema, reviewSchema, sessionSchema, solutionSchema,
  type Attempt, type EntityCounts, type EntityKind, type PracticeData, type ProblemRecord, type Profile,
  type Review, type Session, type Solution,
} from '../../../shared/practice/records.js';
import type {
  AttemptDetail, HistoryPage, HistoryPageRequest, PracticeStats, ReviewQueueItem, StatsOptions,
} from '../../../shared/practice/queries.js';
import { nestingMessage, tooDeeplyNested } from '../../../shared/practice/nesting.js';
import { StoreError, explainBusy, openDatabase } from './database.js';
import { withBulkSettings } from './bulkSettings.js';
import { PROBLEM_OPS_SQL } from './migrations.js';
import { historyPage } from './history.js';
import { BatchInserter } from './batchInsert.js';
import { LearnerRebuilder } from './learnerRebuild.js';
import { bankProblemId, newId, userProblemId } from './ids.js';
import { ReviewStateUpdater } from './reviewState.js';
import { RollupUpdater } from './rollups.js';
import * as rows from './rows.js';
import { computeStats } from './stats.js';

export { StoreBusyError, StoreError } from './database.js';

/** Fields a caller must give; the rest default (ids, timestamps, empty lists, nulls). */
type Input<T, Required extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required>>;
export type ProfileInput = Input<Profile, 'name' | 'role'>;
export type ProblemInput = Input<ProblemRecord, 'source' | 'text'>;
export type SolutionInput = Input<Solution, 'problemId' | 'kind'>;
export type AttemptInput = Input<Attempt, 'profileId' | 'problemId' | 'answerText' | 'correct' | 'timeMs'>;
export type ReviewInput = Input<Review, 'reviewerId' | 'verdict'>;

/** Which records an export covers: everything, one profile's, or one session's. */
export interface DumpScope {
  profileId?: string | null;
  sessionId?: string | null;
  /** Only these attempts (within the profile or session, when those are given too). */
  attemptIds?: readonly string[] | null;
}

export interface MergeResult {
  added: EntityCounts;
  /** Records whose id was already in the store; the store's copy is kept. */
  alreadyPresent: EntityCounts;
}

export interface MergeOptions {
  /** Every reference in the data names a record of the data, as checked by findDataProblems. */
  selfContained?: boolean;
  /** Told, every few hundred records, how many of the solutions and attempts have been written. */
  onProgress?: (written: number, total: number) => void;
}

export interface OpenStoreOptions {
  /** The clock for default timestamps and "now" in statistics (tests fix it). */
  now?: () => Date;
}

export function openStore(dataDir: string, options: OpenStoreOptions = {}): PracticeStore {
  const paths = dataPaths(dataDir);
  // Temporary files of exports that were killed midway (the app or the CLI stopped) go now.
  removeStalePartials(paths.partialExports);
  return new PracticeStore(openDatabase(paths.database, { backupsDir: paths.backups, now: options.now }), paths.database, options);
}

/** Records per piece of writeDumpJson: large enough that writing a piece costs little, small enough to stay cheap in memory. */
const DUMP_PIECE_ROWS = 1_000;

/** Merges smaller than this insert into the indexes as they go (see withIndexesBuiltAfter). */
const BULK_INDEX_THRESHOLD = 5_000;

const byTimeThenId = (a: Attempt, b: Attempt) =>
  (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const zeroCounts = (): EntityCounts => ({ profiles: 0, sessions: 0, problems: 0, solutions: 0, attempts: 0, reviews: 0 });

/** Schema errors as one readable sentence listing the fields at fault. */
function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  // zod recurses into free-form JSON (a solution's settings): bound the depth first.
  const tooDeep = tooDeeplyNested(value);
  if (tooDeep) throw new StoreError(`Invalid ${what}: ${nestingMessage(tooDeep)}`);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
  throw new StoreError(`Invalid ${what}: ${details.join('; ')}`);
}

/** Turns SQLite's anonymous foreign-key failure (and a lock held too long) into a sentence. */
function explainConstraint<T>(what: string, write: () => T): T {
  try {
    return explainBusy(write);
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new StoreError(`Cannot save the ${what}: it refers to a profile, problem, solution, session or attempt that is not in the store.`);
    }
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new StoreError(`Cannot save the ${what}: a record with that id already exists.`);
    }
    throw error;
  }
}

export class PracticeStore {
  private readonly now: () => Date;
  private readonly reviewState: ReviewStateUpdater;
  private readonly rollups: RollupUpdater;
  private readonly insert: Record<EntityKind, Database.Statement>;
  private readonly insertTopic: Database.Statement;
  private readonly refreshProblemOps: Database.Statement;
  private readonly learners: LearnerRebuilder;
  private readonly bulkInsert: { solutions: BatchInserter; attempts: BatchInserter };
  /** `SELECT 1` by id, per table that records refer to. */
  private readonly exists: Record<'profiles' | 'sessions' | 'problems' | 'solutions' | 'attempts', Database.Statement>;

  constructor(readonly db: Database.Database, readonly file: string, options: OpenStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.reviewState = new ReviewStateUpdater(db);
    this.rollups = new RollupUpdater(db);
    const columns = (sample: Record<string, unknown>) => Object.keys(sample);
    this.insert = {
      profiles: db.prepare(rows.insertSql('profiles', ['id', 'name', 'role', 'created_at'])),
      // A known session gains its end time if the incoming copy has one and ours does not.
      sessions: db.prepare(rows.insertSql('sessions', ['id', 'profile_id', 'started_at', 'ended_at'],
        'DO UPDATE SET ended_at = excluded.ended_at WHERE sessions.ended_at IS NULL AND excluded.ended_at IS NOT NULL')),
      problems: db.prepare(rows.insertSql('problems', columns(rows.problemToRow(SAMPLE_PROBLEM)))),
      solutions: db.prepare(rows.insertSql('solutions', columns(rows.solutionToRow(SAMPLE_SOLUTION)))),
      attempts: db.prepare(rows.insertSql('attempts', columns(rows.attemptToRow(SAMPLE_ATTEMPT)))),
      reviews: db.prepare(rows.insertSql('reviews', columns(rows.reviewToRow(SAMPLE_REVIEW)))),
    };
    this.insertTopic = db.prepare('INSERT OR IGNORE INTO problem_topics (topic, problem_id) VALUES (?, ?)');
    this.refreshProblemOps = db.prepare(`UPDATE problems SET ops_mask = ${PROBLEM_OPS_SQL} WHERE id = ?`);
    this.learners = new LearnerRebuilder(db);
    this.bulkInsert = {
      solutions: new BatchInserter(db, 'solutions', columns(rows.solutionToRow(SAMPLE_SOLUTION))),
      attempts: new BatchInserter(db, 'attempts', columns(rows.attemptToRow(SAMPLE_ATTEMPT))),
    };
    const exists = (table: string) => db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
    this.exists = {
      profiles: exists('profiles'), sessions: exists('sessions'), problems: exists('problems'),
      solutions: exists('solutions'), attempts: exists('attempts'),
    };
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Runs `fn` as one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- profiles and sessions ------------------------------------------------------------------

  createProfile(input: ProfileInput): Profile {
    const profile = validate(profileSchema, { id: newId(), createdAt: this.stamp(), ...input }, 'profile');
    explainConstraint('profile', () => this.insertNew('profiles', rows.profileToRow(profile)));
    return profile;
  }

  listProfiles(): Profile[] {
    return this.db.prepare('SELECT * FROM profiles ORDER BY created_at, id').all().map((r) => rows.profileFromRow(r as Record<string, unknown>));
  }

  getProfile(id: string): Profile | null {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? rows.profileFromRow(row) : null;
  }

  startSession(profileId: string, startedAt: string = this.stamp()): Session {
    const session = validate(sessionSchema, { id: newId(), profileId, startedAt, endedAt: null }, 'session');
    explainConstraint('session', () => this.insertNew('sessions', rows.sessionToRow(session)));
    return session;
  }

  endSession(sessionId: string, endedAt: string = this.stamp()): Session {
    validate(sessionSchema.shape.endedAt, endedAt, 'session end time');
    this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, sessionId);
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(sessionId) as Record<string, unknown> | undefined;
    if (!row) throw new StoreError(`There is no session ${sessionId}.`);
    return rows.sessionFromRow(row);
  }

  // ---- problems, solutions, attempts, reviews --------------------------------------------------

  /**
   * Saves a problem, or returns the one already saved: bank problems are identified by their bank
   * and variant ids, typed-in problems by their text, so practising one twice gives one record.
   */
  recordProblem(input: ProblemInput): ProblemRecord {
    const id = input.id ?? (input.source === 'bank'
      ? bankProblemId(input.bankProblemId ?? '', input.bankVariantId ?? null)
      : userProblemId(input.text));
    const existing = this.getProblem(id);
    if (existing) return existing;
    const problem = validate(problemRecordSchema, {
      id, bankProblemId: null, bankVariantId: null, answer: null, unit: null, topics: [], grade: null,
      distractorTypes: [], distractors: [], createdAt: this.stamp(), ...input,
    }, 'problem');
    if (problem.source === 'bank' && problem.bankProblemId === null) throw new StoreError('Invalid problem: a bank problem needs its bankProblemId.');
    this.transaction(() => this.insertProblem(problem));
    return problem;
  }

  getProblem(id: string): ProblemRecord | null {
    const row = this.db.prepare('SELECT * FROM problems WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? rows.problemFromRow(row) : null;
  }

  recordSolution(input: SolutionInput): Solution {
    const solution = validate(solutionSchema, {
      id: newId(), rawOutput: null, graph: null, diagnostics: [], answer: null, model: null, settings: null,
      stats: null, createdAt: this.stamp(), ...input,
    }, 'solution');
    explainConstraint('solution', () => this.transaction(() => {
      this.insertNew('solutions', rows.solutionToRow(solution));
      this.refreshProblemOps.run(solution.problemId);
    }));
    return solution;
  }

  recordAttempt(input: AttemptInput): Attempt {
    const attempt = validate(attemptSchema, {
      id: newId(), solutionId: null, sessionId: null, createdAt: this.stamp(),
      // The machine's own offset: the store runs on the learner's computer.
      utcOffsetMinutes: -this.now().getTimezoneOffset(), answerValue: null,
      hintsRevealed: 0, stepsRevealed: 0, distractorMarks: null, distractorSpotting: null, ...input,
    }, 'attempt');
    explainConstraint('attempt', () => this.transaction(() => {
      this.insertNew('attempts', rows.attemptToRow(attempt));
      if (this.rollups.onAttempt(attempt)) this.reviewState.refresh(attempt.profileId, attempt.problemId);
      else this.learners.rebuild(attempt.profileId); // Dated before the learner's latest: recount them.
    }));
    return attempt;
  }

  addReview(input: ReviewInput): Review {
    const review = validate(reviewSchema, {
      id: newId(), attemptId: null, solutionId: null, nodeNotes: [], correctedAnswer: null, comment: null,
      createdAt: this.stamp(), ...input,
    }, 'review');
    explainConstraint('review', () => this.insertNew('reviews', rows.reviewToRow(review)));
    return review;
  }

  // ---- reading -------------------------------------------------------------------------------

  historyPage(request: HistoryPageRequest = {}): HistoryPage {
    return historyPage(this.db, request);
  }

  getAttempt(id: string): AttemptDetail | null {
    const row = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) return null;
    const attempt = rows.attemptFromRow(row);
    const solutionRow = (sql: string, arg: string | null) =>
      arg === null ? null : (this.db.prepare(sql).get(arg) as Record<string, unknown> | undefined) ?? null;
    const solution = solutionRow('SELECT * FROM solutions WHERE id = ?', attempt.solutionId);
    const reference = solutionRow(`SELECT * FROM solutions WHERE problem_id = ? AND kind = 'reference'
      ORDER BY created_at, id LIMIT 1`, attempt.problemId);
    const reviews = this.db.prepare(`SELECT * FROM reviews WHERE attempt_id = @a OR (solution_id IS NOT NULL AND solution_id = @s)
      ORDER BY created_at, id`).all({ a: attempt.id, s: attempt.solutionId });
    return {
      attempt,
      profile: this.getProfile(attempt.profileId)!,
      problem: this.getProblem(attempt.problemId)!,
      solution: solution && rows.solutionFromRow(solution),
      reference: reference && rows.solutionFromRow(reference),
      reviews: reviews.map((r) => rows.reviewFromRow(r as Record<string, unknown>)),
    };
  }

  stats(options: StatsOptions = {}): PracticeStats {
    return this.transaction(() => computeStats(this.db, { ...options, now: options.now ?? this.now() }));
  }

  /** Missed problems in Leitner order: due ones first (longest overdue first), then upcoming. */
  reviewQueue(options: { profileId?: string; now?: Date; limit?: number } = {}): ReviewQueueItem[] {
    const now = (options.now ?? this.now()).toISOString();
    const rowsFound = this.db.prepare(`SELECT r.*, p.text FROM review_state r JOIN problems p ON p.id = r.problem_id
      WHERE r.misses > 0 AND r.due_at IS NOT NULL ${options.profileId === undefined ? '' : 'AND r.profile_id = @profileId'}
      ORDER BY r.due_at, r.problem_id LIMIT @limit`)
      .all({ limit: options.limit ?? 100, ...(options.profileId === undefined ? {} : { profileId: options.profileId }) }) as Array<Record<string, unknown>>;
    return rowsFound.map((r) => ({
      profileId: r.profile_id as string,
      problemId: r.problem_id as string,
      problemText: r.text as string,
      box: r.box as number,
      dueAt: r.due_at as string,
      due: (r.due_at as string) <= now,
      lastAttemptAt: r.last_attempt_at as string,
      attempts: r.attempts as number,
      misses: r.misses as number,
    }));
  }

  counts(): EntityCounts {
    const counts = zeroCounts();
    for (const kind of ENTITY_KINDS) counts[kind] = (this.db.prepare(`SELECT count(*) FROM ${kind}`).pluck().get() as number);
    return counts;
  }

  // ---- bulk: export and import ------------------------------------------------------------------

  /** The records in `scope`, each kind ordered by creation time then id (a stable order). */
  dump(scope: DumpScope = {}): PracticeData {
    return this.transaction(() => {
      const read = this.dumpReader(scope);
      const data = {} as PracticeData;
      for (const kind of ENTITY_KINDS) {
        const fromRow = ROW_TO_RECORD[kind];
        (data as unknown as Record<EntityKind, unknown[]>)[kind] = Array.from(read(kind), (r) => fromRow(r));
      }
      return data;
    });
  }

  /**
   * `JSON.stringify(this.dump(scope))`, built row by row: solutions' JSON columns (graphs,
   * settings, …, most of the bytes) are spliced in as stored instead of parsed and serialised
   * again. The tests compare the text with JSON.stringify of the dump.
   */
  dumpJson(scope: DumpScope = {}): string {
    const pieces: string[] = [];
    this.writeDumpJson(scope, (piece) => pieces.push(piece));
    return pieces.join('');
  }

  /**
   * The text of `dumpJson`, handed to `write` in pieces of up to DUMP_PIECE_ROWS records as the
   * rows are read, from one snapshot: a 100 MB export is written to its file without ever being one
   * string (see exportJsonToFile), and rows are dropped as soon as written.
   */
  writeDumpJson(scope: DumpScope, write: (piece: string) => void): void {
    this.transaction(() => {
      const read = this.dumpReader(scope);
      ENTITY_KINDS.forEach((kind, k) => {
        const toJson = ROW_TO_JSON[kind];
        write(`${k === 0 ? '{' : ','}"${kind}":[`);
        let piece: string[] = [];
        let separator = '';
        const flush = () => {
          write(separator + piece.join(','));
          separator = ',';
          piece = [];
        };
        for (const row of read(kind)) {
          piece.push(toJson(row));
          if (piece.length === DUMP_PIECE_ROWS) flush();
        }
        if (piece.length > 0) flush();
        write(']');
      });
      write('}');
    });
  }

  /** The rows of each kind in `scope`, in dump order. Call inside a transaction (one snapshot). */
  private dumpReader(scope: DumpScope): (kind: EntityKind) => Iterable<Row> {
    const all = (sql: string, params: object = {}) => this.db.prepare(sql).iterate(params) as IterableIterator<Row>;
    const order = 'ORDER BY created_at, id';
    if (!scope.profileId && !scope.sessionId && !scope.attemptIds) {
      const sql: Record<EntityKind, string> = {
        profiles: `SELECT * FROM profiles ${order}`,
        sessions: 'SELECT * FROM sessions ORDER BY started_at, id',
        problems: `SELECT * FROM problems ${order}`,
        solutions: `SELECT * FROM solutions ${order}`,
        attempts: `SELECT * FROM attempts ${order}`,
        reviews: `SELECT * FROM reviews ${order}`,
      };
      return (kind) => all(sql[kind]);
    }
    // The ids in scope are worked out once, in dependency order, and handed to the row queries
    // as JSON lists: the attempts (A), the solutions they need (S: the ones they used and their
    // problems' reference graphs), and the reviews about those (R).
    const given = {
      profileId: scope.profileId ?? null,
      sessionId: scope.sessionId ?? null,
      attemptIds: scope.attemptIds ? JSON.stringify(scope.attemptIds) : null,
    };
    // Only the conditions given, so that SQLite can use the index each one has.
    const where = (conditions: Array<string | false>) => conditions.filter(Boolean).join(' AND ') || 'TRUE';
    const idList = (sql: string, params: object) => JSON.stringify(this.db.prepare(sql).pluck().all(params));
    const inList = (name: string) => `(SELECT value FROM json_each(@${name}))`;
    const A = idList(`SELECT id FROM attempts WHERE ${where([
      given.profileId !== null && 'profile_id = @profileId',
      given.sessionId !== null && 'session_id = @sessionId',
      given.attemptIds !== null && `id IN ${inList('attemptIds')}`,
    ])}`, given);
    const S = idList(`SELECT id FROM solutions WHERE id IN (SELECT solution_id FROM attempts WHERE id IN ${inList('A')})
      OR (kind = 'reference' AND problem_id IN (SELECT problem_id FROM attempts WHERE id IN ${inList('A')}))`, { A });
    const R = idList(`SELECT id FROM reviews WHERE (attempt_id IN ${inList('A')} OR solution_id IN ${inList('S')})
      AND (attempt_id IS NULL OR attempt_id IN ${inList('A')}) AND (solution_id IS NULL OR solution_id IN ${inList('S')})`, { A, S });
    // A profile's or a session's export has all its sessions; a selection, the sessions it used.
    const sessions = [...all(`SELECT * FROM sessions WHERE ${where([
      given.sessionId !== null && 'id = @sessionId',
      given.profileId !== null && 'profile_id = @profileId',
      given.attemptIds !== null && `id IN (SELECT session_id FROM attempts WHERE id IN ${inList('A')})`,
    ])} ORDER BY started_at, id`, { ...given, A })];
    // Everyone the records name: session owners, the learners of the attempts, the reviewers.
    const owners = JSON.stringify([...new Set([...sessions.map((s) => s.profile_id as string), ...(scope.profileId ? [scope.profileId] : [])])]);
    const read: Record<EntityKind, () => Iterable<Row>> = {
      profiles: () => all(`SELECT * FROM profiles WHERE id IN ${inList('owners')}
        OR id IN (SELECT profile_id FROM attempts WHERE id IN ${inList('A')})
        OR id IN (SELECT reviewer_id FROM reviews WHERE id IN ${inList('R')}) ${order}`, { owners, A, R }),
      sessions: () => sessions,
      problems: () => all(`SELECT * FROM problems WHERE id IN (SELECT problem_id FROM attempts WHERE id IN ${inList('A')}) ${order}`, { A }),
      solutions: () => all(`SELECT * FROM solutions WHERE id IN ${inList('S')} ${order}`, { S }),
      attempts: () => all(`SELECT * FROM attempts WHERE id IN ${inList('A')} ${order}`, { A }),
      reviews: () => all(`SELECT * FROM reviews WHERE id IN ${inList('R')} ${order}`, { R }),
    };
    return (kind) => read[kind]();
  }

  /**
   * Adds the records of `data` whose ids are new, in one transaction; records already present are
   * kept as they are (a session may gain its end time). Merging the same data twice changes
   * nothing. The caller validates `data`'s shape first (see export/json.ts); references are
   * checked here: each must name a record in `data` or one already in the store.
   *
   * `options.selfContained`: the caller has already proved that every reference in `data` names a
   * record of `data` itself (importJson does, with findDataProblems, before calling), which
   * implies the check here; it is then not repeated over 100,000 attempts.
   */
  merge(data: PracticeData, options: MergeOptions = {}): MergeResult {
    const added = zeroCounts();
    const learners = new Set<string>();
    const problemsWithNewGraphs = new Set<string>();
    const put = (kind: EntityKind, row: Record<string, unknown>) => {
      const changed = this.insert[kind].run(row).changes > 0;
      if (changed) added[kind]++;
      return changed;
    };
    // IMMEDIATE: take the write lock before checking references, so what was checked stays true.
    const mergeAll = this.db.transaction(() => {
      if (!options.selfContained) this.checkReferences(data);
      for (const p of data.profiles) put('profiles', rows.profileToRow(p));
      for (const p of data.problems) {
        if (put('problems', rows.problemToRow(p))) for (const t of p.topics) this.insertTopic.run(t, p.id);
      }
      for (const s of data.sessions) put('sessions', rows.sessionToRow(s));
      const total = data.solutions.length + data.attempts.length;
      const progress = (before: number) => (written: number) => options.onProgress?.(before + written, total);
      added.solutions += this.bulkInsert.solutions.insertAll(data.solutions, rows.solutionToRow, (batch) => {
        for (const s of batch) problemsWithNewGraphs.add(s.problemId);
      }, progress(0));
      // In time order, so that rows are stored in time order and the learners' rebuild below
      // (a time-ordered scan per learner) reads the table sequentially.
      const attempts = [...data.attempts].sort(byTimeThenId);
      this.withIndexesBuiltAfter('attempts', attempts.length, () => {
        added.attempts += this.bulkInsert.attempts.insertAll(attempts, rows.attemptToRow, (batch) => {
          for (const a of batch) learners.add(a.profileId);
        }, progress(data.solutions.length));
      });
      for (const r of data.reviews) put('reviews', rows.reviewToRow(r));
      for (const problemId of problemsWithNewGraphs) this.refreshProblemOps.run(problemId);
      for (const profileId of learners) this.learners.rebuild(profileId);
    }).immediate;
    // checkReferences has proved every reference resolves: each names a record of `data` (which
    // is then inserted, or already stored under that id) or one already stored, and the store
    // deletes nothing. SQLite's own lookup per reference (four per attempt) would only repeat
    // that, at a quarter of the merge's time, so it is skipped for this transaction.
    // A bulk merge (a whole class's export) in WAL mode writes every new page twice: into the WAL,
    // then again at the checkpoint. A rollback journal writes each new page once and journals only
    // the few pages that existed before; it is just as atomic (a crash rolls the merge back).
    // Both are connection settings, put back after the merge whatever happens (see bulkSettings).
    withBulkSettings(this.db, {
      skipForeignKeyChecks: true,
      rollbackJournal: data.attempts.length >= BULK_INDEX_THRESHOLD,
    }, () => explainBusy(mergeAll));
    const alreadyPresent = zeroCounts();
    for (const kind of ENTITY_KINDS) alreadyPresent[kind] = data[kind].length - added[kind];
    return { added, alreadyPresent };
  }

  /**
   * Runs `insert` (inside a transaction). When it brings at least as many rows as `table` holds
   * (an import into a new or small store), the table's secondary indexes are dropped first and
   * built again after, from their own stored definitions: building an index sorts once, which is
   * several times faster than adding 100,000 entries one at a time to each of six B-trees. Same
   * transaction, so other connections see the old indexes or the new ones, never none.
   */
  private withIndexesBuiltAfter(table: string, incoming: number, insert: () => void): void {
    const existing = this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (incoming < BULK_INDEX_THRESHOLD || incoming < existing) {
      insert();
      return;
    }
    // sql IS NULL: the primary-key index, which the insert needs (ON CONFLICT) and cannot be dropped.
    const indexes = this.db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?
      AND sql IS NOT NULL`).all(table) as Array<{ name: string; sql: string }>;
    for (const index of indexes) this.db.exec(`DROP INDEX "${index.name}"`);
    insert();
    for (const index of indexes) this.db.exec(index.sql);
  }

  /** Throws a StoreError unless every reference in `data` names a record in `data` or in the store. */
  private checkReferences(data: PracticeData): void {
    const inData = {
      profiles: new Set(data.profiles.map((r) => r.id)),
      sessions: new Set(data.sessions.map((r) => r.id)),
      problems: new Set(data.problems.map((r) => r.id)),
      solutions: new Set(data.solutions.map((r) => r.id)),
      attempts: new Set(data.attempts.map((r) => r.id)),
    };
    const need = (kind: keyof typeof inData, id: string | null, what: string) => {
      if (id === null || inData[kind].has(id)) return;
      if (this.exists[kind].get(id) !== undefined) {
        inData[kind].add(id); // Known now: look each stored id up once.
        return;
      }
      throw new StoreError(`Cannot merge: ${what} ${id}, which is neither in the data nor in the store. Nothing was merged.`);
    };
    for (const s of data.sessions) need('profiles', s.profileId, `session ${s.id} belongs to profile`);
    for (const s of data.solutions) need('problems', s.problemId, `solution ${s.id} is for problem`);
    for (const a of data.attempts) {
      need('profiles', a.profileId, `attempt ${a.id} belongs to profile`);
      need('problems', a.problemId, `attempt ${a.id} is for problem`);
      need('solutions', a.solutionId, `attempt ${a.id} refers to solution`);
      need('sessions', a.sessionId, `attempt ${a.id} refers to session`);
    }
    for (const r of data.reviews) {
      need('profiles', r.reviewerId, `review ${r.id} was written by profile`);
      need('attempts', r.attemptId, `review ${r.id} is about attempt`);
      need('solutions', r.solutionId, `review ${r.id} is about solution`);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insertNew(kind: EntityKind, row: Record<string, unknown>): void {
    if (this.insert[kind].run(row).changes === 0) throw new StoreError(`A ${kind.slice(0, -1)} with id ${String(row.id)} already exists.`);
  }

  private insertProblem(problem: ProblemRecord): void {
    this.insertNew('problems', rows.problemToRow(problem));
    for (const t of problem.topics) this.insertTopic.run(t, problem.id);
  }
}

type Row = Record<string, unknown>;
const ROW_TO_RECORD: Record<EntityKind, (row: Row) => unknown> = {
  profiles: rows.profileFromRow, sessions: rows.sessionFromRow, problems: rows.problemFromRow,
  solutions: rows.solutionFromRow, attempts: rows.attemptFromRow, reviews: rows.reviewFromRow,
};
const ROW_TO_JSON: Record<EntityKind, (row: Row) => string> = {
  profiles: (r) => JSON.stringify(rows.profileFromRow(r)),
  sessions: (r) => JSON.stringify(rows.sessionFromRow(r)),
  problems: (r) => JSON.stringify(rows.problemFromRow(r)),
  solutions: rows.solutionJsonFromRow,
  attempts: rows.attemptJsonFromRow,
  reviews: (r) => JSON.stringify(rows.reviewFromRow(r)),
};

// Samples whose only use is listing each table's insert columns from the row converters, so the
// column lists cannot drift from rows.ts.
const T0 = '1970-01-01T00:00:00.000Z';
const SAMPLE_PROBLEM: ProblemRecord = {
  id: '', source: 'user', bankProblemId: null, bankVariantId: null, text: '', answer: null, unit: null, topics: [],
  grade: null, distractorTypes: [], distractors: [], createdAt: T0,
};
const SAMPLE_SOLUTION: Solution = {
  id: '', problemId: '', kind: 'model', rawOutput: null, graph: null, diagnostics: [], answer: null, model: null,
  settings: null, stats: null, createdAt: T0,
};
const SAMPLE_ATTEMPT: Attempt = {
  id: '', profileId: '', problemId: '', solutionId: null, sessionId: null, createdAt: T0, utcOffsetMinutes: 0, answerText: '',
  answerValue: null, correct: false, timeMs: 0, hintsRevealed: 0, stepsRevealed: 0, distractorMarks: null,
  distractorSpotting: null,
};
const SAMPLE_REVIEW: Review = {
  id: '', attemptId: null, solutionId: null, reviewerId: '', verdict: 'correct', nodeNotes: [], correctedAnswer: null,
  comment: null, createdAt: T0,
};
