/**
 * Export and import of practice history, through helper C's export service.
 * (Wired when src/main/services/export/ lands; until then both refuse with UNSUPPORTED.)
 */
import { DaggerApiError, type ExportedFile, type ImportSummary } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import type { PracticeStore } from '../services/store/index.js';

export function exportData(_store: PracticeStore, _request: ParsedRequest<'exportData'>, _appVersion: string): ExportedFile {
  throw new DaggerApiError('UNSUPPORTED', 'export is not wired yet');
}

export function importData(_store: PracticeStore, _content: string): ImportSummary {
  throw new DaggerApiError('UNSUPPORTED', 'import is not wired yet');
}
