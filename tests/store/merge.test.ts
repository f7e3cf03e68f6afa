/**
 * The bulk merge path (what an import runs): references checked by the store itself while
 * SQLite's per-row foreign-key checks are off, multi-row inserts, indexes rebuilt after a large
 * merge, and a learner's derived rows recomputed in one pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, type PracticeStore } from '../../src/main/services/store/index.js';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { FIXED_NOW, freshStore, removeTempDirs, snapshot } from './helpers.js';
import { buildFixture } from './fixture.js';

afterEach(removeTempDirs);

const DERIVED = ['practice_days', 'correct_streaks', 'review_state'] as const;
const derived = (store: PracticeStore) =>
  Object.fromEntries(DERIVED.map((t) => [t, store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
const schema = (store: PracticeStore) =>
  store.db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name").all();

describe('merge', () => {
  it('rebuilds derived rows equal to those kept attempt by attempt', () => {
    const { store: source } = freshStore();
    // Out of time order, so the per-attempt path rebuilds as well as appends.
    buildFixture(source, [3, 0, 6, 1, 5, 2, 4]);
    const { store: target } = freshStore();
    target.merge(source.dump());
    expect(derived(target)).toEqual(derived(source));
  });

  it('merges into a store that already has the learner, equal to recording everything there', () => {
    const { store: whole } = freshStore();
    buildFixture(whole);
    const data = whole.dump();
    const { store: split } = freshStore();
    // The first four attempts arrive one way, the rest (and their earlier-dated ones) by merge.
    split.merge({ ...data, attempts: data.attempts.slice(0, 4), reviews: [] });
    split.merge(data);
    expect(derived(split)).toEqual(derived(whole));
    expect(split.stats({ now: FIXED_NOW, utcOffsetMinutes: 360 })).toEqual(whole.stats({ now: FIXED_NOW, utcOffsetMinutes: 360 }));
  });

  it('refuses a reference to a record in neither the data nor the store, changing nothing', () => {
    const { store } = freshStore();
    buildFixture(store);
    const data = generateSeedData({ profiles: 1, attempts: 20, seed: 3, until: FIXED_NOW });
    const missing = data.problems.splice(data.problems.findIndex((p) => p.id === data.attempts[7]!.problemId), 1)[0]!;
    const before = snapshot(store);
    expect(() => store.merge(data)).toThrow(StoreError);
    expect(() => store.merge(data)).toThrow(new RegExp(`is for problem ${missing.id}, which is neither in the data nor in the store`));
    expect(snapshot(store)).toEqual(before);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('accepts references to records already in the store, and leaves foreign keys on and satisfied', () => {
    const { store } = freshStore();
    const { a, attempts } = buildFixture(store);
    const data = store.dump();
    const attempt = { ...data.attempts.find((x) => x.id === attempts[0]!.id)!, id: '0b6f7f7e-93a1-4c36-9d57-6f5b3f0f7a11' };
    const result = store.merge({ profiles: [], sessions: [], problems: [], solutions: [], attempts: [attempt], reviews: [] });
    expect(result.added.attempts).toBe(1);
    expect(store.getAttempt(attempt.id)?.profile.id).toBe(a.id);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('after a large merge (indexes rebuilt) has the same schema, satisfied keys and working indexes', () => {
    const { store } = freshStore();
    const emptySchema = schema(store);
    const data = generateSeedData({ profiles: 2, attempts: 6_000, seed: 8, until: FIXED_NOW });
    const result = store.merge(data);
    expect(result.added.attempts).toBe(6_000);
    expect(schema(store)).toEqual(emptySchema);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The bulk merge ran under a rollback journal; the store is back in WAL mode for everything else.
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM attempts ORDER BY created_at DESC, id DESC LIMIT 5').all();
    expect(JSON.stringify(plan)).toMatch(/attempts_by_time/);
    // Merging it again adds nothing and changes nothing.
    const before = snapshot(store);
    expect(store.merge(data).added.attempts).toBe(0);
    expect(snapshot(store)).toEqual(before);
  });
});
