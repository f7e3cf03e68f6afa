/**
 * Export and import of practice history through the export service (JSON, CSV, printable HTML).
 * The browser host hands the content to the page for download; Electron may then save it with
 * `saveFile`. "Export selected" (attemptIds) exports those attempts and exactly what they refer
 * to (the store's DumpScope), so the file stays self-contained and importable.
 */
import { DaggerApiError, type ExportedFile, type ImportSummary } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import { ImportError, exportCsv, exportHtml, exportJson, importJson } from '../services/export/index.js';
import type { DumpScope, PracticeStore } from '../services/store/index.js';

const MIME = { json: 'application/json', csv: 'text/csv', html: 'text/html' } as const;

export function exportData(store: PracticeStore, request: ParsedRequest<'exportData'>): ExportedFile {
  const scope: DumpScope = {
    profileId: request.profileId ?? null, sessionId: request.sessionId ?? null, attemptIds: request.attemptIds ?? null,
  };
  const content = request.format === 'json' ? exportJson(store, scope)
    : request.format === 'csv' ? exportCsv(store, scope)
    : exportHtml(store, scope, { lang: request.language });
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
