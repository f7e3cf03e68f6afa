/**
 * Export and import of practice history through helper C's export service (JSON, CSV, printable
 * HTML). The browser host hands the content to the page for download; Electron may then save it
 * with `saveFile`. "Export selected" (attemptIds) narrows the store's dump to those attempts and
 * exactly what they refer to, so the file stays self-contained and importable.
 */
import { DaggerApiError, type ExportedFile, type ImportSummary } from '../../shared/api.js';
import type { PracticeData } from '../../shared/practice/records.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import { ImportError, exportCsv, exportHtml, exportJson, importJson } from '../services/export/index.js';
import type { DumpScope, PracticeStore } from '../services/store/index.js';

const MIME = { json: 'application/json', csv: 'text/csv', html: 'text/html' } as const;

export function exportData(store: PracticeStore, request: ParsedRequest<'exportData'>): ExportedFile {
  const scope: DumpScope = { profileId: request.profileId ?? null, sessionId: request.sessionId ?? null };
  const source = request.attemptIds ? onlyAttempts(store, new Set(request.attemptIds)) : store;
  const content = request.format === 'json' ? exportJson(source, scope)
    : request.format === 'csv' ? exportCsv(source, scope)
    : exportHtml(source, scope, { lang: request.language });
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    fileName: `dagger-tutor-${request.format === 'html' ? 'report' : 'history'}-${stamp}.${request.format}`,
    mimeType: `${MIME[request.format]}; charset=utf-8`,
    content,
  };
}

export function importData(store: PracticeStore, content: string): ImportSummary {
  try {
    const { added, alreadyPresent } = importJson(store, content);
    return { added, alreadyPresent };
  } catch (error) {
    if (error instanceof ImportError) throw new DaggerApiError('IMPORT_REJECTED', error.message, { reason: error.reason });
    throw error;
  }
}

/** Restricts a dump to the given attempts and the records they refer to. */
export function selectAttempts(data: PracticeData, ids: ReadonlySet<string>): PracticeData {
  const attempts = data.attempts.filter((a) => ids.has(a.id));
  const problemIds = new Set(attempts.map((a) => a.problemId));
  const usedSolutionIds = new Set(attempts.map((a) => a.solutionId));
  const solutions = data.solutions.filter((s) =>
    usedSolutionIds.has(s.id) || (s.kind === 'reference' && problemIds.has(s.problemId)));
  const solutionIds = new Set(solutions.map((s) => s.id));
  const attemptIds = new Set(attempts.map((a) => a.id));
  const reviews = data.reviews.filter((r) =>
    (r.attemptId !== null || r.solutionId !== null)
    && (r.attemptId === null || attemptIds.has(r.attemptId))
    && (r.solutionId === null || solutionIds.has(r.solutionId)));
  const sessionIds = new Set(attempts.flatMap((a) => (a.sessionId ? [a.sessionId] : [])));
  const sessions = data.sessions.filter((s) => sessionIds.has(s.id));
  const profileIds = new Set([...attempts.map((a) => a.profileId), ...reviews.map((r) => r.reviewerId), ...sessions.map((s) => s.profileId)]);
  return {
    profiles: data.profiles.filter((p) => profileIds.has(p.id)),
    sessions,
    problems: data.problems.filter((p) => problemIds.has(p.id)),
    solutions,
    attempts,
    reviews,
  };
}

/**
 * The store as the export functions see it, with `dump` narrowed to the selected attempts.
 * (The export service reads a store only through `dump`; a prototype-chained view keeps every
 * other method the real store's.)
 */
function onlyAttempts(store: PracticeStore, ids: ReadonlySet<string>): PracticeStore {
  const view = Object.create(store) as PracticeStore;
  view.dump = (scope?: DumpScope) => selectAttempts(store.dump(scope), ids);
  return view;
}
