/**
 * Shapes of the store's read queries (statistics, history pages, review queue): plain,
 * JSON-serialisable data, identical whichever store produced them, so the UI and `stats --json`
 * agree.
 */
import type { DistractorType, Topic } from '../../core/bank/schema.js';
import type { Operation } from '../../core/graph/types.js';
import type { Attempt, ProblemRecord, Profile, Review, Solution } from './records.js';

/** Attempts and how many were right; `accuracy` is correct / attempts (0–1), null with no attempts. */
export interface AccuracyBucket {
  attempts: number;
  correct: number;
  accuracy: number | null;
}

export interface StatsOptions {
  /** Only this profile's attempts; all profiles when absent. */
  profileId?: string;
  /**
   * The learner's UTC offset in minutes (Bangladesh: 360), used to cut days for "per day" and
   * the day streak. Default 0 (UTC).
   */
  utcOffsetMinutes?: number;
  /** "Today" for the day streak and what is due; default the store's clock. */
  now?: Date;
}

export interface PracticeStats {
  profileId: string | null;
  utcOffsetMinutes: number;
  totals: AccuracyBucket & { problems: number; sessions: number };
  /** One entry per day with attempts, oldest first; `day` is YYYY-MM-DD in the learner's offset. */
  accuracyByDay: Array<AccuracyBucket & { day: string }>;
  /** RED/OAD/NEED: attempts at problems containing that type; `none`: problems with no distractor. */
  byDistractorType: Array<AccuracyBucket & { type: DistractorType | 'none' }>;
  /**
   * Per arithmetic operation in the problem's reference graph (else the attempt's model graph):
   * attempts at problems needing it. Operations never seen are left out.
   */
  byOperation: Array<AccuracyBucket & { op: Operation }>;
  streaks: {
    /** Right answers in a row, counting back from the latest attempt. */
    currentCorrect: number;
    bestCorrect: number;
    /** Consecutive days practised ending today, or yesterday when today has none yet. */
    currentDays: number;
    bestDays: number;
    daysPractised: number;
  };
  timePerProblem: { medianMs: number | null; meanMs: number | null };
  /** Over attempts where the student marked distractors; null when nothing to divide by. */
  distractorSpotting: {
    attempts: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    precision: number | null;
    recall: number | null;
  };
  reviewQueue: { due: number; upcoming: number };
}

export interface HistoryFilter {
  profileId?: string;
  /** Inclusive lower bound, ISO UTC. */
  from?: string;
  /** Exclusive upper bound, ISO UTC. */
  to?: string;
  correct?: boolean;
  topic?: Topic;
  distractorType?: DistractorType;
}

export interface HistoryPageRequest extends HistoryFilter {
  /** Page size, 1–500; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the newest page. */
  cursor?: string | null;
}

/** One row of the history list (newest first). */
export interface HistoryItem {
  id: string;
  createdAt: string;
  profileId: string;
  problemId: string;
  sessionId: string | null;
  solutionId: string | null;
  problemText: string;
  problemSource: ProblemRecord['source'];
  expectedAnswer: number | null;
  answerText: string;
  answerValue: number | null;
  correct: boolean;
  timeMs: number;
  hintsRevealed: number;
  stepsRevealed: number;
  distractorTypes: DistractorType[];
}

export interface HistoryPage {
  items: HistoryItem[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** One attempt with everything needed to show it again. */
export interface AttemptDetail {
  attempt: Attempt;
  profile: Profile;
  problem: ProblemRecord;
  solution: Solution | null;
  /** The problem's reference graph, when the bank gave one. */
  reference: Solution | null;
  reviews: Review[];
}

export interface ReviewQueueItem {
  profileId: string;
  problemId: string;
  problemText: string;
  box: number;
  dueAt: string;
  /** dueAt is at or before "now". */
  due: boolean;
  lastAttemptAt: string;
  attempts: number;
  misses: number;
}
