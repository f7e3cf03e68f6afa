/**
 * The review queue's spacing: a Leitner-box schedule.
 *
 * Five boxes with intervals of 1, 2, 4, 8 and 16 days. A wrong answer puts the problem in box 1
 * (due again a day later); a right answer moves it one box up (due after that box's interval);
 * a right answer in box 5 retires it (box 6, never due again). Only problems the student has
 * missed at least once appear in the queue: the queue is for bringing back mistakes.
 */

export const LEITNER_INTERVALS_DAYS = [1, 2, 4, 8, 16] as const;
/** The box a problem reaches after a right answer in the last box: it has been learnt. */
export const LEITNER_RETIRED_BOX = LEITNER_INTERVALS_DAYS.length + 1;

const DAY_MS = 86_400_000;

export interface LeitnerState {
  /** 1–5 while scheduled, 6 when retired. */
  box: number;
  /** When the problem is next due (ISO UTC); null when retired. */
  dueAt: string | null;
  lastAttemptAt: string;
  attempts: number;
  misses: number;
}

/** The box after one more answer; `previousBox` is null for a first answer. */
export function nextLeitnerBox(previousBox: number | null, correct: boolean): number {
  // A first right answer counts as having passed box 1.
  return correct ? Math.min((previousBox ?? 1) + 1, LEITNER_RETIRED_BOX) : 1;
}

/** When a problem that reached `box` with an answer at `at` (ISO UTC) is due again; null once retired. */
export function leitnerDueAt(box: number, at: string): string | null {
  return box === LEITNER_RETIRED_BOX ? null : new Date(Date.parse(at) + LEITNER_INTERVALS_DAYS[box - 1]! * DAY_MS).toISOString();
}

/** The state after one more attempt at `at` (ISO UTC). `previous` is null for a first attempt. */
export function nextLeitnerState(previous: LeitnerState | null, correct: boolean, at: string): LeitnerState {
  const box = nextLeitnerBox(previous?.box ?? null, correct);
  return {
    box,
    dueAt: leitnerDueAt(box, at),
    lastAttemptAt: at,
    attempts: (previous?.attempts ?? 0) + 1,
    misses: (previous?.misses ?? 0) + (correct ? 0 : 1),
  };
}

/** Replays a problem's attempts (in time order) from scratch. */
export function replayLeitner(attempts: Iterable<{ correct: boolean; createdAt: string }>): LeitnerState | null {
  let state: LeitnerState | null = null;
  for (const a of attempts) state = nextLeitnerState(state, a.correct, a.createdAt);
  return state;
}
