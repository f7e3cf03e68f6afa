/**
 * The hand-worked practice history behind the statistics tests. Learner A's seven attempts (UTC
 * times; A is at UTC+6, so attempt 3 at 20:00Z falls on A's 2 March):
 *
 *  #  UTC time           A's day  problem  right  time   spotting (tp/fp/fn)
 *  1  03-01 02:00        03-01    P1       yes    10 s
 *  2  03-01 03:00        03-01    P2       no     30 s   1/1/1
 *  3  03-01 20:00        03-02    P1       yes    20 s
 *  4  03-02 05:00        03-02    P3       yes    40 s   2/0/1
 *  5  03-04 05:00        03-04    P2       yes    50 s
 *  6  03-05 05:00        03-05    P3       no     60 s
 *  7  03-05 06:00        03-05    P2       yes    140 s
 *
 * P1: bank, a RED sentence, reference graph with sub. P2: bank, OAD and NEED sentences, reference
 * with mul and add. P3: typed in, no distractors, only a model graph (div).
 * Learner B has one wrong attempt at P1 on 03-03.
 */
import type { PracticeStore } from '../../src/main/services/store/index.js';

export function buildFixture(store: PracticeStore, order: number[] = [0, 1, 2, 3, 4, 5, 6]) {
  const a = store.createProfile({ name: 'মিনা', role: 'student' });
  const b = store.createProfile({ name: 'রাজু', role: 'student' });
  const session = store.startSession(a.id, '2025-03-01T01:59:00.000Z');
  const p1 = store.recordProblem({
    source: 'bank', bankProblemId: 'lollipops', bankVariantId: 'v1', answer: 28, topics: ['subtraction'], grade: '1-2',
    text: 'মিনার কাছে ৩০টি ললিপপ ছিল। তার বোনের কাছে ১২টি আছে। সে ২টি দিল। কতটি রইল?',
    distractors: [{ text: 'তার বোনের কাছে ১২টি আছে।', type: 'RED' }], distractorTypes: ['RED'],
  });
  store.recordSolution({ problemId: p1.id, kind: 'reference', answer: 28, graph: { nodes: [
    { id: 'n1', op: 'const', val: 30, args: [], distractor: false },
    { id: 'n2', op: 'const', val: 12, args: [], distractor: true },
    { id: 'n3', op: 'const', val: 2, args: [], distractor: false },
    { id: 'n4', op: 'Subtract', args: ['n1', 'n3'], distractor: false },
    { id: 'final_result', op: 'identity', args: ['n4'], distractor: false },
  ] } });
  const p2 = store.recordProblem({
    source: 'bank', bankProblemId: 'pens', bankVariantId: 'v2', answer: 55, topics: ['multiplication', 'money'], grade: '3-4',
    text: 'প্রতিটি কলম ৫ টাকা। সে ১০টি কিনল। দোকান ৯টায় খোলে। সে আরও ৩টি কিনতে চেয়েছিল, কিন্তু কেনেনি। তারপর ৫ টাকা বেশি দিল। মোট কত?',
    distractors: [{ text: 'দোকান ৯টায় খোলে।', type: 'OAD' }, { text: 'সে আরও ৩টি কিনতে চেয়েছিল, কিন্তু কেনেনি।', type: 'NEED' }],
  });
  store.recordSolution({ problemId: p2.id, kind: 'reference', answer: 55, graph: { nodes: [
    { id: 'a', op: 'const', val: 5, args: [], distractor: false },
    { id: 'b', op: 'const', val: 10, args: [], distractor: false },
    { id: 'c', op: 'mul', args: ['a', 'b'], distractor: false },
    { id: 'd', op: 'add', args: ['c', 5], distractor: false },
    { id: 'final_result', op: 'identity', args: ['d'], distractor: false },
  ] } });
  const p3 = store.recordProblem({ source: 'user', text: '১২টি আম ৩ জনে ভাগ করলে প্রত্যেকে কতটি পায়?' });
  const s3 = store.recordSolution({
    problemId: p3.id, kind: 'model', answer: 4, rawOutput: '```json\n{"nodes":[]}\n```',
    graph: { nodes: [
      { id: 'x', op: 'const', val: 12, args: [], distractor: false },
      { id: 'y', op: 'const', val: 3, args: [], distractor: false },
      { id: 'z', op: 'divide', args: ['x', 'y'], distractor: false },
      { id: 'final_result', op: 'identity', args: ['z'], distractor: false },
    ] },
    model: { name: 'test', file: 'test.gguf' }, settings: { temperature: 0 },
    stats: { promptTokens: 700, generatedTokens: 90, timeToFirstTokenMs: 100, timeToFirstNodeMs: 300, tokensPerSecond: 30, totalMs: 3000 },
  });
  const base = { profileId: a.id, sessionId: session.id, utcOffsetMinutes: 360 };
  const rows = [
    { ...base, problemId: p1.id, createdAt: '2025-03-01T02:00:00.000Z', correct: true, answerText: '২৮', answerValue: 28, timeMs: 10_000 },
    { ...base, problemId: p2.id, createdAt: '2025-03-01T03:00:00.000Z', correct: false, answerText: '৫৮', answerValue: 58, timeMs: 30_000,
      distractorMarks: { values: [9, 5], nodeIds: [] }, distractorSpotting: { truePositives: 1, falsePositives: 1, falseNegatives: 1 } },
    { ...base, problemId: p1.id, createdAt: '2025-03-01T20:00:00.000Z', correct: true, answerText: '28', answerValue: 28, timeMs: 20_000 },
    { ...base, problemId: p3.id, solutionId: s3.id, createdAt: '2025-03-02T05:00:00.000Z', correct: true, answerText: '৪', answerValue: 4, timeMs: 40_000,
      distractorMarks: { values: [], nodeIds: ['n2', 'd1'] }, distractorSpotting: { truePositives: 2, falsePositives: 0, falseNegatives: 1 } },
    { ...base, problemId: p2.id, createdAt: '2025-03-04T05:00:00.000Z', correct: true, answerText: '৫৫', answerValue: 55, timeMs: 50_000 },
    { ...base, problemId: p3.id, createdAt: '2025-03-05T05:00:00.000Z', correct: false, answerText: 'চার', answerValue: null, timeMs: 60_000 },
    { ...base, problemId: p2.id, createdAt: '2025-03-05T06:00:00.000Z', correct: true, answerText: '৫৫ টাকা', answerValue: 55, timeMs: 140_000 },
  ];
  const attempts = order.map((i) => store.recordAttempt(rows[i]!));
  store.recordAttempt({ profileId: b.id, problemId: p1.id, createdAt: '2025-03-03T10:00:00.000Z', utcOffsetMinutes: 0,
    correct: false, answerText: '৩০', answerValue: 30, timeMs: 5_000 });
  store.endSession(session.id, '2025-03-05T06:05:00.000Z');
  return { a, b, p1, p2, p3, s3, session, attempts };
}
