import { afterEach, describe, expect, it } from 'vitest';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { StoreError } from '../../src/main/services/store/index.js';
import { historyQuery } from '../../src/main/services/store/history.js';
import type { HistoryPageRequest } from '../../src/shared/practice/queries.js';
import { FIXED_NOW, freshStore, removeTempDirs } from './helpers.js';
import { buildFixture } from './fixture.js';

afterEach(removeTempDirs);

function seededStore() {
  const { store } = freshStore();
  const data = generateSeedData({ profiles: 3, attempts: 1500, seed: 5, until: FIXED_NOW });
  store.merge(data);
  return { store, data };
}

function walk(store: ReturnType<typeof seededStore>['store'], request: HistoryPageRequest) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = store.historyPage({ ...request, cursor });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('history pages (keyset pagination)', () => {
  it('visits every attempt exactly once, newest first', () => {
    const { store, data } = seededStore();
    const ids = walk(store, { limit: 37 });
    const expected = [...data.attempts].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    expect(ids).toEqual(expected.map((a) => a.id));
  });

  it('applies each filter, alone and combined', () => {
    const { store, data } = seededStore();
    const profile = data.profiles[1]!.id;
    const problems = new Map(data.problems.map((p) => [p.id, p]));
    const cases: Array<[HistoryPageRequest, (a: (typeof data.attempts)[number]) => boolean]> = [
      [{ profileId: profile }, (a) => a.profileId === profile],
      [{ correct: false }, (a) => !a.correct],
      [{ topic: 'money' }, (a) => problems.get(a.problemId)!.topics.includes('money')],
      [{ distractorType: 'NEED' }, (a) => problems.get(a.problemId)!.distractorTypes.includes('NEED')],
      [{ from: '2025-02-10T00:00:00.000Z', to: '2025-02-17T00:00:00.000Z' }, (a) => a.createdAt >= '2025-02-10T00:00:00.000Z' && a.createdAt < '2025-02-17T00:00:00.000Z'],
      [{ profileId: profile, correct: true, distractorType: 'RED', topic: 'subtraction' }, (a) => a.profileId === profile && a.correct
        && problems.get(a.problemId)!.distractorTypes.includes('RED') && problems.get(a.problemId)!.topics.includes('subtraction')],
    ];
    for (const [filter, keep] of cases) {
      const got = walk(store, { ...filter, limit: 100 });
      expect(new Set(got)).toEqual(new Set(data.attempts.filter(keep).map((a) => a.id)));
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('returns what a row needs to be shown', () => {
    const { store } = freshStore();
    const { a } = buildFixture(store);
    const [latest] = store.historyPage({ profileId: a.id, limit: 1 }).items;
    expect(latest).toMatchObject({ answerText: '৫৫ টাকা', correct: true, expectedAnswer: 55, timeMs: 140_000, distractorTypes: ['OAD', 'NEED'] });
    const detail = store.getAttempt(latest!.id)!;
    expect(detail.problem.text).toContain('কলম');
    expect(detail.reference?.kind).toBe('reference');
    expect(detail.profile.name).toBe('মিনা');
  });

  it('uses the indexes: no sorting, no full scan, for the common pages', () => {
    const { store } = seededStore();
    const plan = (where: string) => (store.db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM attempts a JOIN problems p ON p.id = a.problem_id
      ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT 51`).all({ p: 'x', t: '2025', i: 'z', topic: 'money' }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    for (const where of ['', 'WHERE a.profile_id = @p', 'WHERE a.profile_id = @p AND (a.created_at, a.id) < (@t, @i)',
      'WHERE +p.id IN (SELECT problem_id FROM problem_topics WHERE topic = @topic)']) {
      const text = plan(where);
      expect(text).not.toMatch(/TEMP B-TREE/);
      expect(text).toMatch(/USING (COVERING )?INDEX attempts_by_(profile_)?time/);
    }
  });

  it('reads a rare filter through its (learner, problem) pairs, with the same pages a full walk gives', () => {
    const { store, data } = seededStore();
    // A topic practised twice, and a learner who is never wrong: both rare among 1,500 attempts.
    const learner = store.createProfile({ name: 'নির্ভুল', role: 'student' });
    const rare = store.recordProblem({ source: 'user', text: 'শতকরা কত?', topics: ['percentage'], distractorTypes: ['NEED'] });
    const common = data.problems[0]!;
    for (let i = 0; i < 30; i++) {
      const problemId = i % 15 === 0 ? rare.id : common.id;
      store.recordAttempt({ profileId: learner.id, problemId, answerText: '১', correct: true, timeMs: 5, createdAt: new Date(Date.UTC(2025, 1, 1 + (i % 20), i)).toISOString() });
    }
    const problems = new Map([...data.problems, rare].map((p) => [p.id, p]));
    const attempts = store.dump().attempts;
    const cases: Array<[HistoryPageRequest, (a: (typeof attempts)[number]) => boolean]> = [
      [{ topic: 'percentage' }, (a) => problems.get(a.problemId)!.topics.includes('percentage')],
      [{ topic: 'percentage', distractorType: 'NEED', correct: true }, (a) => a.correct && problems.get(a.problemId)!.topics.includes('percentage')],
      [{ topic: 'counting' }, () => false],
      [{ profileId: learner.id, correct: false }, () => false],
      [{ profileId: data.profiles[1]!.id, correct: false, distractorType: 'RED', topic: 'subtraction' }, (a) => a.profileId === data.profiles[1]!.id
        && !a.correct && problems.get(a.problemId)!.distractorTypes.includes('RED') && problems.get(a.problemId)!.topics.includes('subtraction')],
    ];
    for (const [filter, keep] of cases) {
      const query = historyQuery(store.db, filter);
      expect(query.plan).toBe('pairs');
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SEARCH a USING INDEX attempts_by_profile_problem \(profile_id=\? AND problem_id=\?/);
      const expected = attempts.filter(keep).sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1));
      expect(walk(store, { ...filter, limit: 1 })).toEqual(expected.map((a) => a.id));
    }
    // Common filters keep walking the time index.
    expect(historyQuery(store.db, { correct: true }).plan).toBe('time');
    expect(historyQuery(store.db, { distractorType: 'RED' }).plan).toBe('time');
  });

  it('rejects a made-up cursor clearly', () => {
    const { store } = freshStore();
    expect(() => store.historyPage({ cursor: 'bm90IGEgY3Vyc29y' })).toThrow(StoreError);
  });
});

describe('writes validate untrusted input', () => {
  it('refuses bad records with a sentence, and keeps nothing of them', () => {
    const { store } = freshStore();
    const { a, p1 } = buildFixture(store);
    const before = store.counts();
    expect(() => store.recordAttempt({ profileId: a.id, problemId: p1.id, answerText: '১', correct: true, timeMs: -1 })).toThrow(/Invalid attempt: timeMs/);
    expect(() => store.recordAttempt({ profileId: a.id, problemId: '00000000-0000-4000-8000-000000000000', answerText: '১', correct: true, timeMs: 1 }))
      .toThrow(/refers to a profile, problem/);
    expect(() => store.createProfile({ name: '   ', role: 'student' })).toThrow(/Invalid profile: name/);
    expect(() => store.addReview({ reviewerId: a.id, verdict: 'correct' })).toThrow(/about an attempt or a solution/);
    expect(store.counts()).toEqual(before);
  });

  it('gives a practised problem one id, wherever it is practised', () => {
    const one = freshStore().store;
    const two = freshStore().store;
    const input = { source: 'bank' as const, bankProblemId: 'x-1', bankVariantId: 'v1', text: 'টেক্সট' };
    expect(one.recordProblem(input).id).toBe(two.recordProblem(input).id);
    expect(one.recordProblem(input).id).toBe(one.recordProblem({ ...input, text: 'changed' }).id);
    expect(one.recordProblem({ source: 'user', text: ' দুই  কথা ' }).id).toBe(two.recordProblem({ source: 'user', text: 'দুই কথা' }).id);
  });
});
