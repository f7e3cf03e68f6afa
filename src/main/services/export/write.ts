/**
 * An export written to a file, in any of the three formats: JSON streamed from the rows
 * (exportJsonToFile), CSV and the printable report built whole (they are a few MB at most), all
 * atomically and listed for clean-up should the process be killed midway (partials.ts).
 */
import type { DumpScope, PracticeStore } from '../store/index.js';
import { exportCsv } from './csv.js';
import { writeFileAtomic } from './files.js';
import { exportHtml, type ReportLanguage } from './html.js';
import { exportJsonToFile, partialsListOf } from './json.js';

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFileRequest {
  format: ExportFormat;
  scope: DumpScope;
  /** Language of the printable report. */
  language: ReportLanguage;
}

/** Writes the export to `file`; returns its size in bytes. */
export function writeExportFile(store: PracticeStore, file: string, request: ExportFileRequest): number {
  if (request.format === 'json') return exportJsonToFile(store, file, request.scope);
  const text = request.format === 'csv' ? exportCsv(store, request.scope) : exportHtml(store, request.scope, { lang: request.language });
  writeFileAtomic(file, text, { partialsList: partialsListOf(store) });
  return Buffer.byteLength(text, 'utf8');
}

/** The file name offered for an export made today, e.g. dagger-tutor-history-2025-03-05.json. */
export function exportFileName(format: ExportFormat, now: Date = new Date()): string {
  return `dagger-tutor-${format === 'html' ? 'report' : 'history'}-${now.toISOString().slice(0, 10)}.${format}`;
}
