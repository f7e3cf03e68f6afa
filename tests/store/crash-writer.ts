/**
 * Child process for crash.test.ts: writes practice records in a loop until it is killed.
 * Each round is one transaction: a typed-in problem, the model's solution and the attempt using
 * it (plus the derived Leitner state and running totals). Attempt n has answerText "n".
 * Usage: node --import tsx crash-writer.ts DATA_DIR
 */
import { openStore } from '../../src/main/services/store/index.js';

const store = openStore(process.argv[2]!);
const profile = store.listProfiles()[0] ?? store.createProfile({ name: 'ক্র্যাশ', role: 'student' });
const session = store.startSession(profile.id);
let n = store.counts().attempts;
for (;;) {
  store.transaction(() => {
    const problem = store.recordProblem({ source: 'user', text: `সমস্যা ${n}: ${n} + ১ কত?`, distractorTypes: n % 2 ? ['RED'] : [] });
    const solution = store.recordSolution({ problemId: problem.id, kind: 'model', rawOutput: 'x'.repeat(2000), answer: n + 1,
      graph: { nodes: [{ id: 'a', op: 'const', val: n, args: [], distractor: false }, { id: 'final_result', op: 'add', args: ['a', 1], distractor: false }] } });
    store.recordAttempt({ profileId: profile.id, problemId: problem.id, solutionId: solution.id, sessionId: session.id,
      answerText: String(n), answerValue: n + 1, correct: n % 3 !== 0, timeMs: 1000 + n });
  });
  n++;
  if (n % 25 === 0) process.stdout.write(`wrote ${n}\n`);
}
