/**
 * Direction controls in stored text (U+202E RIGHT-TO-LEFT OVERRIDE …) must not reorder the
 * printable report: "‮82" typed as an answer would print as 28, and an override in a name would
 * run on into the app's own words after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exportHtml } from '../../src/main/services/export/index.js';
import { FIXED_NOW, freshStore, removeTempDirs } from './helpers.js';

afterEach(removeTempDirs);

const RLO = '\u202E';

describe('HTML report and direction controls', () => {
  it('isolates user text and shows the controls instead of obeying them', () => {
    const { store } = freshStore();
    const learner = store.createProfile({ name: `${RLO}মিনা`, role: 'student' });
    const problem = store.recordProblem({ source: 'user', text: `রাজুর ${RLO}৫টি আম আছে।` });
    store.recordAttempt({ profileId: learner.id, problemId: problem.id, answerText: `${RLO}82`, correct: false, timeMs: 1, createdAt: '2025-03-06T00:00:00.000Z' });
    const html = exportHtml(store, { profileId: learner.id }, { now: FIXED_NOW });
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain('<strong><bdi>[U+202E]82</bdi></strong>');
    expect(html).toContain('<bdi>[U+202E]মিনা</bdi>');
    expect(html).toMatch(/<p dir="auto"><bdi>রাজুর \[U\+202E\]৫টি আম আছে।<\/bdi><\/p>/);
  });
});
