/**
 * zod schemas for every request of the contract (./api.ts), checked at the main-process
 * boundary (src/main/api/dispatch.ts) before any service sees the data. Requests come from a
 * renderer that may be compromised, or from any local program that found the browser host:
 * treat them as untrusted. So: strict objects (unknown keys are an error, not silently kept),
 * bounded strings and arrays, ids in their real shape.
 *
 * Pure TypeScript: also usable in the renderer to validate forms early.
 */
import { z } from 'zod';
import { DISTRACTOR_TYPES, GRADE_BANDS, TOPICS } from '../core/bank/schema.js';
// Free text is stored as typed: no lone surrogates, which the store could not keep (see there).
import { wellFormedString } from './practice/wellFormed.js';

/** Caller-chosen id of a streaming request (a UUID or any short token). */
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'requestId: 1–64 of A–Z a–z 0–9 _ -');
/** Store ids are UUIDs (crypto.randomUUID); accept any short, safe id so imported data works. */
const storeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id (1–64 of A–Z a–z 0–9 _ -)');
/** Bank item ids: a problem id (clean version) or a variant id. */
const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'expected a problem id such as "s1-lollipop-give-d1"');
/** An ISO-8601 date or date-time. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO-8601 date');
/** A model file inside <dataDir>/models: a plain name, never a path (no traversal). */
const modelFileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\:\0]+\.gguf$/i, 'expected a .gguf file name without folders')
  .refine((name) => name !== '.' && !name.startsWith('..'), 'expected a plain file name');

export const emptyRequest = z.object({}).strict().optional();

export const listProblemsRequest = z
  .object({
    topic: z.enum(TOPICS).optional(),
    grade: z.enum(GRADE_BANDS).optional(),
    /** Only items whose added sentences include this type. */
    distractorType: z.enum(DISTRACTOR_TYPES).optional(),
    /** 'clean' = only clean versions, 'distractor' = only variants, 'all' (default). */
    version: z.enum(['all', 'clean', 'distractor']).default('all'),
    /** Case-insensitive substring of the text or id. */
    search: wellFormedString().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const getProblemRequest = z.object({ itemId }).strict();

export const reviewQueueRequest = z
  .object({
    profileId: storeId,
    limit: z.number().int().min(1).max(200).default(20),
  })
  .strict();

export const solveRequest = z
  .object({
    requestId,
    question: wellFormedString().trim().min(1, 'the question is empty').max(4000, 'the question is too long (4000 characters at most)'),
    /** The bank item being solved, if any (links the stored solution to it). */
    itemId: itemId.optional(),
    maxTokens: z.number().int().min(16).max(4096).optional(),
    /** Constrain output with the DAGGER JSON grammar (default true). */
    grammar: z.boolean().optional(),
  })
  .strict();

export const cancelRequest = z.object({ requestId }).strict();

export const importModelRequest = z
  .object({
    /** Names this import for its progress events and for `cancel`. */
    requestId,
    /** Absolute path of a .gguf file on the machine running the app. */
    path: z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'bad path'),
  })
  .strict();

export const downloadModelRequest = z
  .object({
    requestId,
    /** A catalog entry id (its URL is used) … */
    catalogId: z.string().min(1).max(128).optional(),
    /** … or an explicit http(s) URL of a .gguf file. */
    url: z
      .string()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'only http(s) URLs can be downloaded')
      .optional(),
    fileName: modelFileName.optional(),
  })
  .strict()
  .refine((r) => (r.catalogId === undefined) !== (r.url === undefined), {
    message: 'give exactly one of catalogId or url',
  });

/** GGUF output types the converter makes (MODEL_OUTPUT_TYPES in api.ts). */
export const modelOutputType = z.enum(['Q4_K_M', 'Q8_0', 'F16', 'BF16', 'F32']);
/** A Hugging Face repository id, "owner/name". */
const hubRepo = z.string().max(200).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Hugging Face repository id: owner/name')
  .refine((r) => !r.includes('..'), 'a Hugging Face repository id: owner/name');
/** A branch, tag or commit id. */
const hubRevision = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, 'a branch, tag or commit id')
  .refine((r) => !r.includes('..'), 'a branch, tag or commit id');

export const planGetModelRequest = z
  .object({ repo: hubRepo, revision: hubRevision.optional(), quant: modelOutputType.default('Q4_K_M') })
  .strict();
export const getModelRequest = z
  .object({
    requestId,
    repo: hubRepo,
    revision: hubRevision.optional(),
    quant: modelOutputType.default('Q4_K_M'),
    /** Delete each safetensors shard once it is converted (saves disk; default on). */
    deleteShards: z.boolean().default(true),
  })
  .strict();
/** A Hugging Face access token (hf_…), or null to forget the saved one. */
export const setHubTokenRequest = z
  .object({ token: z.string().trim().min(8).max(500).regex(/^[\x21-\x7e]+$/, 'a token has no spaces').nullable() })
  .strict();

export const modelFileRequest = z.object({ fileName: modelFileName }).strict();
export const selectModelRequest = z.object({ fileName: modelFileName.nullable() }).strict();

export const historyPageRequest = z
  .object({
    profileId: storeId.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    correct: z.boolean().optional(),
    topic: z.enum(TOPICS).optional(),
    distractorType: z.enum(DISTRACTOR_TYPES).optional(),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(512).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const getAttemptRequest = z.object({ attemptId: storeId }).strict();
export const statsRequest = z.object({ profileId: storeId.optional() }).strict();

export const recordAttemptRequest = z
  .object({
    profileId: storeId,
    sessionId: storeId.optional(),
    /** Either a bank item … */
    itemId: itemId.optional(),
    /** … or a problem the student typed or pasted. */
    text: wellFormedString().trim().min(1).max(4000).optional(),
    /** The model's solution this attempt was compared with, if any. */
    solutionId: storeId.optional(),
    /** Exactly as typed, e.g. "২৮" or "28.5"; read with Bangla digits accepted. */
    answerText: wellFormedString().max(100),
    /** Time from showing the problem to answering. */
    timeMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).default(0),
    hintsRevealed: z.number().int().min(0).max(1000).default(0),
    stepsRevealed: z.number().int().min(0).max(1000).default(0),
    /** The numbers the student tapped as distractors; null when not asked to mark any. */
    markedDistractors: z
      .object({
        values: z.array(z.number().finite()).max(200).default([]),
        nodeIds: z.array(wellFormedString().min(1).max(128)).max(200).default([]),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .refine((r) => (r.itemId === undefined) !== (r.text === undefined), {
    message: 'give exactly one of itemId or text',
  });

export const addReviewRequest = z
  .object({
    attemptId: storeId.optional(),
    solutionId: storeId.optional(),
    reviewerId: storeId,
    verdict: z.enum(['correct', 'incorrect', 'partly']),
    nodeNotes: z
      .array(z.object({ nodeId: wellFormedString().min(1).max(128), note: wellFormedString().min(1).max(2000) }).strict())
      .max(500)
      .default([]),
    correctedAnswer: z.number().finite().nullable().default(null),
    comment: wellFormedString().max(5000).nullable().default(null),
  })
  .strict()
  .refine((r) => r.attemptId !== undefined || r.solutionId !== undefined, {
    message: 'give attemptId or solutionId',
  });

export const createProfileRequest = z
  .object({
    name: wellFormedString().trim().min(1, 'the name is empty').max(100),
    role: z.enum(['student', 'teacher']).default('student'),
  })
  .strict();

export const selectProfileRequest = z.object({ profileId: storeId.nullable() }).strict();
export const startSessionRequest = z.object({ profileId: storeId }).strict();
export const endSessionRequest = z.object({ sessionId: storeId }).strict();

export const exportRequest = z
  .object({
    format: z.enum(['json', 'csv', 'html']),
    profileId: storeId.optional(),
    sessionId: storeId.optional(),
    /** Only these attempts (teacher's "export selected"). */
    attemptIds: z.array(storeId).max(100_000).optional(),
    /** Language of the printable report. */
    language: z.enum(['bn', 'en']).default('bn'),
  })
  .strict();

/** 200 MB of text at most: an export of 100,000 attempts is well below that. */
export const importDataRequest = z
  .object({
    content: z.string().min(1, 'the file is empty').max(200 * 1024 * 1024),
    fileName: z.string().max(255).optional(),
    /** Progress events carry it (importData streams); without one there are none. */
    requestId: requestId.optional(),
  })
  .strict();

/** What to export: the main process asks where to save it and writes the file itself. */
export const saveFileRequest = exportRequest;

/** The user's settings; stored in <dataDir>/settings.json (with a few main-only keys). */
export const settingsSchema = z.object({
  language: z.enum(['bn', 'en']).default('bn'),
  /** How numbers are shown: Bangla digits (default) or Latin. Typing accepts both always. */
  digits: z.enum(['bn', 'latin']).default('bn'),
  theme: z.enum(['light', 'dark', 'system']).default('system'),
  textSize: z.enum(['small', 'medium', 'large', 'x-large']).default('medium'),
  /** Absolute path of the selected model (the CLI reads the same key). */
  modelPath: z.string().nullable().default(null),
  currentProfileId: z.string().nullable().default(null),
});

export const updateSettingsRequest = z
  .object({
    language: z.enum(['bn', 'en']).optional(),
    digits: z.enum(['bn', 'latin']).optional(),
    theme: z.enum(['light', 'dark', 'system']).optional(),
    textSize: z.enum(['small', 'medium', 'large', 'x-large']).optional(),
  })
  .strict();

/** The schema of every method's request, by method name (checked against DaggerApi below). */
export const requestSchemas = {
  getAppInfo: emptyRequest,
  listProblems: listProblemsRequest,
  getProblem: getProblemRequest,
  reviewQueue: reviewQueueRequest,
  solve: solveRequest,
  cancel: cancelRequest,
  modelCatalog: emptyRequest,
  listModels: emptyRequest,
  importModel: importModelRequest,
  downloadModel: downloadModelRequest,
  planGetModel: planGetModelRequest,
  getModel: getModelRequest,
  hubToken: emptyRequest,
  setHubToken: setHubTokenRequest,
  deleteModel: modelFileRequest,
  selectModel: selectModelRequest,
  loadModel: emptyRequest,
  modelStatus: emptyRequest,
  pickModelFile: emptyRequest,
  historyPage: historyPageRequest,
  getAttempt: getAttemptRequest,
  stats: statsRequest,
  recordAttempt: recordAttemptRequest,
  addReview: addReviewRequest,
  listProfiles: emptyRequest,
  createProfile: createProfileRequest,
  selectProfile: selectProfileRequest,
  startSession: startSessionRequest,
  endSession: endSessionRequest,
  exportData: exportRequest,
  importData: importDataRequest,
  saveFile: saveFileRequest,
  getSettings: emptyRequest,
  updateSettings: updateSettingsRequest,
} as const;

export type RequestSchemas = typeof requestSchemas;
/** What the implementation receives: the schema's OUTPUT (defaults filled in). */
export type ParsedRequest<M extends keyof RequestSchemas> = z.output<RequestSchemas[M]>;
