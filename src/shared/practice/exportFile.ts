/**
 * The practice-history export file (JSON), version 1.
 *
 * ```json
 * { "format": "dagger-tutor.practice-export", "version": 1,
 *   "exportedAt": "2025-…Z", "app": { "name": "dagger-tutor", "version": "0.1.0" },
 *   "scope": { "profileId": null, "sessionId": null },
 *   "checksum": { "algorithm": "sha256", "value": "<hex of sha256(JSON.stringify(data))>" },
 *   "data": { "profiles": [], "sessions": [], "problems": [], "solutions": [], "attempts": [], "reviews": [] } }
 * ```
 *
 * The checksum covers `data` serialised compactly with JSON.stringify in the order the file gives
 * its keys, so re-indenting the file keeps it valid while any changed value, dropped record or
 * reordered key is caught as damage. Files are self-contained: every id a record refers to is a
 * record in the same file (checked on import, see `findDanglingReferences`).
 */
import { z } from 'zod';
import {
  attemptSchema, problemRecordSchema, profileSchema, reviewSchema, sessionSchema, solutionSchema,
  timestampSchema, idSchema, type PracticeData,
} from './records.js';

export const PRACTICE_EXPORT_FORMAT = 'dagger-tutor.practice-export';
export const PRACTICE_EXPORT_VERSION = 1;

export const practiceDataSchema = z.object({
  profiles: z.array(profileSchema),
  sessions: z.array(sessionSchema),
  problems: z.array(problemRecordSchema),
  solutions: z.array(solutionSchema),
  attempts: z.array(attemptSchema),
  reviews: z.array(reviewSchema),
});

export const exportScopeSchema = z.object({
  profileId: idSchema.nullable(),
  sessionId: idSchema.nullable(),
});
export type ExportScope = z.infer<typeof exportScopeSchema>;

export const practiceExportSchema = z.object({
  format: z.literal(PRACTICE_EXPORT_FORMAT),
  version: z.literal(PRACTICE_EXPORT_VERSION),
  exportedAt: timestampSchema,
  app: z.object({ name: z.string(), version: z.string() }),
  scope: exportScopeSchema,
  checksum: z.object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) }),
  data: practiceDataSchema,
});
export type PracticeExport = z.infer<typeof practiceExportSchema>;

/** Why an import was refused; the CLI and UI show `message`, and may branch on `reason`. */
export const IMPORT_REFUSAL_REASONS = [
  'NOT_JSON', 'FOREIGN', 'NEWER_VERSION', 'INVALID', 'CHECKSUM', 'DUPLICATE_ID', 'DANGLING_REFERENCE',
] as const;
export type ImportRefusalReason = (typeof IMPORT_REFUSAL_REASONS)[number];

/**
 * Records in `data` that refer to an id not present in `data` (or ids used twice), as readable
 * sentences. An empty list means the file is self-contained.
 */
export function findDataProblems(data: PracticeData): { reason: ImportRefusalReason; message: string }[] {
  const found: { reason: ImportRefusalReason; message: string }[] = [];
  const idsOf = <T extends { id: string }>(kind: string, rows: T[]): Set<string> => {
    const ids = new Set<string>();
    for (const row of rows) {
      if (ids.has(row.id)) found.push({ reason: 'DUPLICATE_ID', message: `${kind} ${row.id} appears twice` });
      ids.add(row.id);
    }
    return ids;
  };
  const profiles = idsOf('profile', data.profiles);
  const sessions = idsOf('session', data.sessions);
  const problems = idsOf('problem', data.problems);
  const solutions = idsOf('solution', data.solutions);
  const attempts = idsOf('attempt', data.attempts);
  idsOf('review', data.reviews);
  // The sentence is put together only for a reference that is missing: a whole class's file has
  // 400,000 references.
  const need = (set: Set<string>, id: string | null, record: string, recordId: string, relation: string) => {
    if (id !== null && !set.has(id)) {
      found.push({ reason: 'DANGLING_REFERENCE', message: `${record} ${recordId} ${relation} ${id}, which is not in the file` });
    }
  };
  for (const s of data.sessions) need(profiles, s.profileId, 'session', s.id, 'belongs to profile');
  for (const s of data.solutions) need(problems, s.problemId, 'solution', s.id, 'is for problem');
  for (const a of data.attempts) {
    need(profiles, a.profileId, 'attempt', a.id, 'belongs to profile');
    need(problems, a.problemId, 'attempt', a.id, 'is for problem');
    need(solutions, a.solutionId, 'attempt', a.id, 'refers to solution');
    need(sessions, a.sessionId, 'attempt', a.id, 'refers to session');
  }
  for (const r of data.reviews) {
    need(profiles, r.reviewerId, 'review', r.id, 'was written by profile');
    need(attempts, r.attemptId, 'review', r.id, 'is about attempt');
    need(solutions, r.solutionId, 'review', r.id, 'is about solution');
  }
  return found;
}
