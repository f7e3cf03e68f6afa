/**
 * Export and import of practice history through the export service (JSON, CSV, printable HTML).
 * The browser host hands an export's content to the page for download; Electron's `saveFile`
 * asks where to save and writes the file itself. "Export selected" (attemptIds) exports those
 * attempts and exactly what they refer to (the store's DumpScope), so the file stays
 * self-contained and importable.
 *
 * Imports and saved exports run on a worker thread with their own store connection
 * (runStoreJob): checking and writing a whole class's file takes seconds, during which the
 * thread answering the UI keeps answering.
 */
import { DaggerApiError, type ExportedFile, type ImportEvent, type ImportSummary } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import {
  ImportError, exportCsv, exportFileName, exportHtml, exportJson, runStoreJob, type ExportFileRequest,
} from '../services/export/index.js';
import { StoreBusyError, type DumpScope, type PracticeStore } from '../services/store/index.js';

const MIME = { json: 'application/json', csv: 'text/csv', html: 'text/html' } as const;

function scopeOf(request: ParsedRequest<'exportData'>): DumpScope {
  return { profileId: request.profileId ?? null, sessionId: request.sessionId ?? null, attemptIds: request.attemptIds ?? null };
}

export function exportData(store: PracticeStore, request: ParsedRequest<'exportData'>): ExportedFile {
  const scope = scopeOf(request);
  const content = request.format === 'json' ? exportJson(store, scope)
    : request.format === 'csv' ? exportCsv(store, scope)
    : exportHtml(store, scope, { lang: request.language });
  return { fileName: exportFileName(request.format), mimeType: `${MIME[request.format]}; charset=utf-8`, content };
}

/**
 * Asks `chooseFile` where to save (offering today's file name), then writes the export there on
 * a worker thread. Null when the user cancelled.
 */
export async function saveExport(
  dataDir: string,
  request: ParsedRequest<'saveFile'>,
  chooseFile: (fileName: string) => Promise<string | null>,
): Promise<{ path: string | null }> {
  const file = await chooseFile(exportFileName(request.format));
  if (!file) return { path: null };
  const job: ExportFileRequest = { format: request.format, scope: scopeOf(request), language: request.language };
  await runStoreJob(dataDir, { kind: 'export', file, request: job }).catch(rethrowAsApiError);
  return { path: file };
}

export async function importData(
  dataDir: string,
  request: ParsedRequest<'importData'>,
  emit: (event: ImportEvent) => void,
): Promise<ImportSummary> {
  const { requestId } = request;
  const { added, alreadyPresent } = await runStoreJob(dataDir, { kind: 'import', content: request.content }, (progress) => {
    if (requestId) emit({ requestId, type: 'progress', ...progress });
  }).catch(rethrowAsApiError);
  return { added, alreadyPresent };
}

function rethrowAsApiError(error: unknown): never {
  if (error instanceof ImportError) throw new DaggerApiError('IMPORT_REJECTED', error.message, { reason: error.reason });
  // Another program kept the store locked: nothing was changed, and trying again will work.
  if (error instanceof StoreBusyError) throw new DaggerApiError('INTERNAL', error.message, { reason: 'STORE_BUSY' });
  throw error;
}
