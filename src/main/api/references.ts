/**
 * The records a request names must exist. A well-formed id that names nothing is the caller's
 * mistake (NOT_FOUND, naming the id), found before any work starts, rather than a foreign-key
 * failure deep in the store (which reached the UI as INTERNAL) or an empty answer that hides it.
 */
import { DaggerApiError } from '../../shared/api.js';
import type { PracticeStore } from '../services/store/index.js';

export interface RecordRefs {
  profileId?: string | null;
  sessionId?: string | null;
  solutionId?: string | null;
  attemptId?: string | null;
  attemptIds?: readonly string[] | null;
}

const TABLES = { profileId: 'profiles', sessionId: 'sessions', solutionId: 'solutions', attemptId: 'attempts' } as const;
const WHAT = { profileId: 'profile', sessionId: 'session', solutionId: 'solution', attemptId: 'attempt' } as const;

/** Throws NOT_FOUND for the first id in `refs` that names no record. */
export function requireRecords(store: PracticeStore, refs: RecordRefs): void {
  for (const key of Object.keys(TABLES) as Array<keyof typeof TABLES>) {
    const id = refs[key];
    if (id !== undefined && id !== null && !exists(store, TABLES[key], id)) {
      throw new DaggerApiError('NOT_FOUND', `no ${WHAT[key]} ${id}`, { [key]: id });
    }
  }
  for (const id of refs.attemptIds ?? []) {
    if (!exists(store, 'attempts', id)) throw new DaggerApiError('NOT_FOUND', `no attempt ${id}`, { attemptId: id });
  }
}

function exists(store: PracticeStore, table: (typeof TABLES)[keyof typeof TABLES], id: string): boolean {
  return store.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}
