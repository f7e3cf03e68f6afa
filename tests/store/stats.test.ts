import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, freshStore, removeTempDirs } from './helpers.js';
import { buildFixture } from './fixture.js';

afterEach(removeTempDirs);

describe('statistics against hand-computed values (see fixture.ts)', () => {
  it('computes every figure for one learner', () => {
    const { store } = freshStore();
    const { a } = buildFixture(store);
    const s = store.stats({ profileId: a.id, utcOffsetMinutes: 360, now: FIXED_NOW });
    expect(s.totals).toEqual({ attempts: 7, correct: 5, accuracy: 5 / 7, problems: 3, sessions: 1 });
    expect(s.accuracyByDay).toEqual([
      { day: '2025-03-01', attempts: 2, correct: 1, accuracy: 0.5 },
      { day: '2025-03-02', attempts: 2, correct: 2, accuracy: 1 },
      { day: '2025-03-04', attempts: 1, correct: 1, accuracy: 1 },
      { day: '2025-03-05', attempts: 2, correct: 1, accuracy: 0.5 },
    ]);
    expect(s.byDistractorType).toEqual([
      { type: 'RED', attempts: 2, correct: 2, accuracy: 1 },
      { type: 'OAD', attempts: 3, correct: 2, accuracy: 2 / 3 },
      { type: 'NEED', attempts: 3, correct: 2, accuracy: 2 / 3 },
      { type: 'none', attempts: 2, correct: 1, accuracy: 0.5 },
    ]);
    // "Subtract" and "divide" are aliases; P3 has no reference, so its model graph counts.
    expect(s.byOperation).toEqual([
      { op: 'add', attempts: 3, correct: 2, accuracy: 2 / 3 },
      { op: 'sub', attempts: 2, correct: 2, accuracy: 1 },
      { op: 'mul', attempts: 3, correct: 2, accuracy: 2 / 3 },
      { op: 'div', attempts: 2, correct: 1, accuracy: 0.5 },
    ]);
    // Right/wrong in time order: R W R R R W R.
    expect(s.streaks).toEqual({ currentCorrect: 1, bestCorrect: 3, currentDays: 2, bestDays: 2, daysPractised: 4 });
    expect(s.timePerProblem).toEqual({ medianMs: 40_000, meanMs: 50_000 });
    expect(s.distractorSpotting).toEqual({
      attempts: 2, truePositives: 3, falsePositives: 1, falseNegatives: 2, precision: 0.75, recall: 0.6,
    });
    // P2 due 03-09 06:00, P3 due 03-06 05:00: both later than "now" (03-05 12:00).
    expect(s.reviewQueue).toEqual({ due: 0, upcoming: 2 });
  });

  it('gives the same figures whatever order the attempts were recorded in', () => {
    const { store: inOrder } = freshStore();
    const { store: shuffled } = freshStore();
    const x = buildFixture(inOrder);
    const y = buildFixture(shuffled, [6, 2, 0, 5, 3, 1, 4]);
    const strip = (s: ReturnType<typeof inOrder.stats>) => ({ ...s, profileId: null });
    expect(strip(shuffled.stats({ profileId: y.a.id, utcOffsetMinutes: 360, now: FIXED_NOW })))
      .toEqual(strip(inOrder.stats({ profileId: x.a.id, utcOffsetMinutes: 360, now: FIXED_NOW })));
  });

  it('cuts days by each attempt\'s own offset and the day streak by "today"', () => {
    const { store } = freshStore();
    const { a } = buildFixture(store);
    // Two days later the streak has lapsed; the best stays.
    const later = store.stats({ profileId: a.id, utcOffsetMinutes: 360, now: new Date('2025-03-07T12:00:00Z') });
    expect(later.streaks.currentDays).toBe(0);
    expect(later.streaks.bestDays).toBe(2);
    // The next day (03-06 local) the streak is still alive.
    expect(store.stats({ profileId: a.id, utcOffsetMinutes: 360, now: new Date('2025-03-06T01:00:00Z') }).streaks.currentDays).toBe(2);
  });

  it('adds learners together without mixing their streaks', () => {
    const { store } = freshStore();
    buildFixture(store);
    const s = store.stats({ utcOffsetMinutes: 0, now: FIXED_NOW });
    expect(s.profileId).toBeNull();
    expect(s.totals).toMatchObject({ attempts: 8, correct: 5, problems: 3 });
    expect(s.byDistractorType[0]).toEqual({ type: 'RED', attempts: 3, correct: 2, accuracy: 2 / 3 });
    expect(s.accuracyByDay.find((d) => d.day === '2025-03-03')).toEqual({ day: '2025-03-03', attempts: 1, correct: 0, accuracy: 0 });
    expect(s.timePerProblem.medianMs).toBe(35_000); // 5,10,20,30,40,50,60,140 s
    expect(s.streaks.bestCorrect).toBe(3);
    expect(s.reviewQueue).toEqual({ due: 1, upcoming: 2 }); // B's P1 was due 03-04 10:00
  });

  it('is all zeros and nulls on an empty store', () => {
    const { store } = freshStore();
    const s = store.stats({ now: FIXED_NOW, utcOffsetMinutes: 0 });
    expect(s.totals).toEqual({ attempts: 0, correct: 0, accuracy: null, problems: 0, sessions: 0 });
    expect(s.timePerProblem).toEqual({ medianMs: null, meanMs: null });
    expect(s.distractorSpotting.precision).toBeNull();
    expect(s.streaks).toEqual({ currentCorrect: 0, bestCorrect: 0, currentDays: 0, bestDays: 0, daysPractised: 0 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('review queue (Leitner 1, 2, 4, 8, 16 days)', () => {
  it('brings back missed problems, due ones first', () => {
    const { store } = freshStore();
    const { a, p2, p3 } = buildFixture(store);
    const queue = store.reviewQueue({ profileId: a.id, now: new Date('2025-03-07T00:00:00Z') });
    expect(queue.map((q) => [q.problemId, q.box, q.dueAt, q.due, q.attempts, q.misses])).toEqual([
      [p3.id, 1, '2025-03-06T05:00:00.000Z', true, 2, 1],
      [p2.id, 3, '2025-03-09T06:00:00.000Z', false, 3, 1],
    ]);
  });

  it('retires a problem after a right answer in box 5', () => {
    const { store } = freshStore();
    const me = store.createProfile({ name: 'x', role: 'student' });
    const p = store.recordProblem({ source: 'user', text: '২ + ২ কত?' });
    const at = (day: number) => new Date(Date.UTC(2025, 0, day)).toISOString();
    store.recordAttempt({ profileId: me.id, problemId: p.id, answerText: '৫', correct: false, timeMs: 1, createdAt: at(1) });
    for (const [i, day] of [2, 4, 8, 16].entries()) {
      store.recordAttempt({ profileId: me.id, problemId: p.id, answerText: '৪', correct: true, timeMs: 1, createdAt: at(day) });
      expect(store.reviewQueue({ profileId: me.id })[0]!.box).toBe(i + 2);
    }
    store.recordAttempt({ profileId: me.id, problemId: p.id, answerText: '৪', correct: true, timeMs: 1, createdAt: at(40) });
    expect(store.reviewQueue({ profileId: me.id })).toEqual([]);
  });
});

describe('running totals', () => {
  it('always equal a recount from the attempts', () => {
    const { store } = freshStore();
    buildFixture(store, [3, 0, 6, 1, 5, 2, 4]);
    const recount = store.db.prepare(`SELECT profile_id, strftime('%Y-%m-%d', created_at, utc_offset_minutes || ' minutes') AS day,
      count(*) AS attempts, sum(correct) AS correct, sum(time_ms) AS time_sum_ms FROM attempts GROUP BY 1, 2 ORDER BY 1, 2`).all();
    const kept = store.db.prepare('SELECT profile_id, day, attempts, correct, time_sum_ms FROM practice_days ORDER BY 1, 2').all();
    expect(kept).toEqual(recount);
    const states = store.db.prepare('SELECT sum(attempts) FROM review_state').pluck().get();
    expect(states).toBe(8);
  });
});
