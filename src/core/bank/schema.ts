/**
 * The problem-set file format (version 1): the built-in bank in resources/bank/ and every
 * teacher-made set use it, and practice-history exports embed it. Documented for teachers in
 * resources/bank/README.md. Pure data + zod schema, so main, renderer and CLI validate alike.
 */
import { z } from 'zod';

export const PROBLEM_SET_FORMAT = 'dagger-tutor.problem-set';
export const PROBLEM_SET_VERSION = 1;

/** DistractMath-BN's three kinds of distractor sentence (see FORMAT.md). */
export const DISTRACTOR_TYPES = ['RED', 'OAD', 'NEED'] as const;
export type DistractorType = (typeof DISTRACTOR_TYPES)[number];

/** Grade bands: primary (1–5) and lower secondary (6–8). */
export const GRADE_BANDS = ['1-2', '3-4', '5-6', '7-8'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];

export const TOPICS = [
  'counting', 'addition', 'subtraction', 'multiplication', 'division', 'multi-step',
  'money', 'time', 'measurement', 'average', 'remainder', 'rounding',
  'fraction', 'percentage', 'rate',
  // Bank v2: the rest of NCTB classes 3–8.
  'ratio-proportion', 'profit-loss-percent', 'simple-interest', 'geometry', 'data-reading',
  'calendar', 'negative-numbers', 'order-of-operations',
] as const;
export type Topic = (typeof TOPICS)[number];

const localizedText = z.object({ bn: z.string().min(1), en: z.string().min(1) });

/** A node in the DAGGER format exactly as the model would write it. */
export const dagNodeSchema = z.object({
  id: z.string().min(1),
  op: z.string().min(1),
  val: z.union([z.number(), z.string()]).optional(),
  args: z.array(z.union([z.string(), z.number()])).optional(),
  distractor: z.boolean().optional(),
  label: z.string().optional(),
});

export const dagGraphSchema = z.object({ nodes: z.array(dagNodeSchema).min(1) });

/** A number written in the text that no graph node needs, e.g. a year or a class number. */
export const ignoredNumberSchema = z.object({
  /** The number exactly as written in the text, e.g. "২০২৪". */
  text: z.string().min(1),
  reason: z.string().min(1),
});

/** A sentence added to make a distractor variant; `text` is an exact substring of the variant. */
export const addedSentenceSchema = z.object({
  text: z.string().min(1),
  type: z.enum(DISTRACTOR_TYPES),
});

export const problemVersionSchema = z.object({
  text: z.string().min(1),
  answer: z.number(),
  /** Reference graph: what a perfect DAGGER output for this text looks like. */
  graph: dagGraphSchema,
  ignoredNumbers: z.array(ignoredNumberSchema).default([]),
});

export const distractorVariantSchema = problemVersionSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  distractors: z.array(addedSentenceSchema).min(1),
});

export const problemSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  grade: z.enum(GRADE_BANDS),
  topics: z.array(z.enum(TOPICS)).min(1),
  /** Unit of the answer, shown after it ("টাকা" / "taka"); omit for plain counts. */
  unit: localizedText.optional(),
  clean: problemVersionSchema,
  variants: z.array(distractorVariantSchema).min(1),
});

export const problemSetSchema = z.object({
  format: z.literal(PROBLEM_SET_FORMAT),
  version: z.literal(PROBLEM_SET_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: localizedText,
  author: z.string().optional(),
  license: z.string().optional(),
  problems: z.array(problemSchema).min(1),
});

export type DagNode = z.infer<typeof dagNodeSchema>;
export type ProblemVersion = z.infer<typeof problemVersionSchema>;
export type DistractorVariant = z.infer<typeof distractorVariantSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type ProblemSet = z.infer<typeof problemSetSchema>;
