/**
 * The practice-history records (profiles, sessions, problems, solutions, attempts, reviews) as
 * zod schemas, and their TypeScript types inferred from them.
 *
 * One definition serves three readers: the SQLite store returns these exact objects, the JSON
 * export carries arrays of them unchanged (so a round trip is lossless by construction), and the
 * renderer receives them over the UI contract. Pure data: no Node imports.
 *
 * Every text field is a wellFormedString (no lone surrogates, see ./wellFormed.ts), so a record
 * reads back as it was saved. Free-form JSON (a solution's settings) is stored as JSON text, which
 * keeps a lone surrogate exactly (as an escape), and is left as it is.
 */
import { z } from 'zod';
import { DISTRACTOR_TYPES, GRADE_BANDS, TOPICS, addedSentenceSchema } from '../../core/bank/schema.js';
import { wellFormedString } from './wellFormed.js';

/** Every record id is a UUID, so records made on different computers merge without clashes. */
export const idSchema = z.uuid();
/** Timestamps are ISO-8601 UTC strings as written by `Date.prototype.toISOString`. */
export const timestampSchema = z.iso.datetime();

export const PROFILE_ROLES = ['student', 'teacher'] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

export const profileSchema = z.object({
  id: idSchema,
  name: wellFormedString().trim().min(1).max(200),
  role: z.enum(PROFILE_ROLES),
  createdAt: timestampSchema,
});

export const sessionSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
});

export const PROBLEM_SOURCES = ['bank', 'user'] as const;

/**
 * A problem as practised. Bank problems keep their bank problem and variant ids (the bank
 * format's own ids); user problems have none. The fields mirror the problem-set format
 * (`topics`, `grade`, `unit`, distractor sentences with their types) so a practised problem can be
 * turned back into a bank entry.
 */
export const problemRecordSchema = z.object({
  id: idSchema,
  source: z.enum(PROBLEM_SOURCES),
  bankProblemId: wellFormedString().min(1).nullable(),
  /** null for the clean version of a bank problem, else the variant's id. */
  bankVariantId: wellFormedString().min(1).nullable(),
  text: wellFormedString().min(1),
  /** The known correct answer (bank problems, or a teacher-corrected one); null if unknown. */
  answer: z.number().nullable(),
  unit: z.object({ bn: wellFormedString().min(1), en: wellFormedString().min(1) }).nullable(),
  topics: z.array(z.enum(TOPICS)),
  grade: z.enum(GRADE_BANDS).nullable(),
  /** Distractor types present in the text (at least those of `distractors`). */
  distractorTypes: z.array(z.enum(DISTRACTOR_TYPES)),
  /** The distractor sentences, each an exact substring of `text`, with its type. */
  distractors: z.array(addedSentenceSchema),
  createdAt: timestampSchema,
});

/** A graph node as the store keeps it: the parsed shape of src/core/graph/types.ts `GraphNode`. */
export const graphNodeSchema = z.object({
  id: wellFormedString(),
  op: wellFormedString(),
  val: z.union([z.number(), wellFormedString()]).optional(),
  args: z.array(z.union([wellFormedString(), z.number()])),
  distractor: z.boolean(),
  label: wellFormedString().optional(),
});
export const graphSchema = z.object({ nodes: z.array(graphNodeSchema) });

export const diagnosticSchema = z.object({
  code: wellFormedString().min(1),
  severity: z.enum(['error', 'warning']),
  message: wellFormedString(),
  nodeId: wellFormedString().optional(),
  params: z.record(wellFormedString(), z.union([wellFormedString(), z.number()])).optional(),
});

/** Timing figures of one generation (null where the run did not measure one). */
export const generationStatsSchema = z.object({
  promptTokens: z.number().nullable(),
  generatedTokens: z.number().nullable(),
  timeToFirstTokenMs: z.number().nullable(),
  timeToFirstNodeMs: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  totalMs: z.number().nullable(),
});

export const SOLUTION_KINDS = ['model', 'reference'] as const;

/**
 * A graph for a problem: either what the model produced (`kind: 'model'`, with its raw output,
 * model, settings and timing) or the bank's reference graph (`kind: 'reference'`).
 */
export const solutionSchema = z.object({
  id: idSchema,
  problemId: idSchema,
  kind: z.enum(SOLUTION_KINDS),
  /** The model's text exactly as generated (untrusted); null for reference graphs. */
  rawOutput: wellFormedString().nullable(),
  /** The parsed graph; null when the output could not be parsed. */
  graph: graphSchema.nullable(),
  diagnostics: z.array(diagnosticSchema),
  /** What executing the graph gave; null when it could not be executed. */
  answer: z.number().nullable(),
  model: z.object({ name: wellFormedString(), file: wellFormedString() }).nullable(),
  /** Generation settings (temperature, maxTokens, …) as the inference service reported them. */
  settings: z.record(z.string(), z.json()).nullable(),
  stats: generationStatsSchema.nullable(),
  createdAt: timestampSchema,
});

/** The numbers a student marked as distractors: values read from the text and/or node ids. */
export const distractorMarksSchema = z.object({
  values: z.array(z.number()),
  nodeIds: z.array(wellFormedString()),
});

/** How the student's marks compared with the graph's distractor nodes. */
export const distractorSpottingSchema = z.object({
  truePositives: z.number().int().min(0),
  falsePositives: z.number().int().min(0),
  falseNegatives: z.number().int().min(0),
});

export const attemptSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  problemId: idSchema,
  solutionId: idSchema.nullable(),
  sessionId: idSchema.nullable(),
  createdAt: timestampSchema,
  /**
   * The learner's UTC offset when they practised (Bangladesh: 360); it fixes which calendar day
   * the attempt counts for in "per day" statistics and day streaks.
   */
  utcOffsetMinutes: z.number().int().min(-840).max(840),
  /** The answer exactly as typed, e.g. "২৮". */
  answerText: wellFormedString(),
  /** The typed answer read as a number; null when it is not one. */
  answerValue: z.number().nullable(),
  correct: z.boolean(),
  timeMs: z.number().int().min(0),
  hintsRevealed: z.number().int().min(0),
  stepsRevealed: z.number().int().min(0),
  /** null when the student was not asked to mark distractors. */
  distractorMarks: distractorMarksSchema.nullable(),
  distractorSpotting: distractorSpottingSchema.nullable(),
});

export const REVIEW_VERDICTS = ['correct', 'incorrect', 'partly'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const reviewSchema = z
  .object({
    id: idSchema,
    attemptId: idSchema.nullable(),
    solutionId: idSchema.nullable(),
    reviewerId: idSchema,
    /** The teacher's verdict on the model's graph. */
    verdict: z.enum(REVIEW_VERDICTS),
    nodeNotes: z.array(z.object({ nodeId: wellFormedString().min(1), note: wellFormedString().min(1) })),
    correctedAnswer: z.number().nullable(),
    comment: wellFormedString().nullable(),
    createdAt: timestampSchema,
  })
  .refine((r) => r.attemptId !== null || r.solutionId !== null, {
    message: 'a review must be about an attempt or a solution',
  });

export type Profile = z.infer<typeof profileSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type ProblemRecord = z.infer<typeof problemRecordSchema>;
export type StoredGraph = z.infer<typeof graphSchema>;
export type StoredDiagnostic = z.infer<typeof diagnosticSchema>;
export type GenerationStats = z.infer<typeof generationStatsSchema>;
export type Solution = z.infer<typeof solutionSchema>;
export type DistractorMarks = z.infer<typeof distractorMarksSchema>;
export type DistractorSpotting = z.infer<typeof distractorSpottingSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type Review = z.infer<typeof reviewSchema>;

/** Everything in a store (or a slice of it): what an export carries and an import merges. */
export interface PracticeData {
  profiles: Profile[];
  sessions: Session[];
  problems: ProblemRecord[];
  solutions: Solution[];
  attempts: Attempt[];
  reviews: Review[];
}

export const ENTITY_KINDS = ['profiles', 'sessions', 'problems', 'solutions', 'attempts', 'reviews'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type EntityCounts = Record<EntityKind, number>;
