/** Practice-history export and import: JSON (complete, importable), CSV, printable HTML. */
export { APP_INFO, ImportError, buildExport, checksumOf, exportJson, exportJsonToFile, importJson, parseExport, partialsListOf, type ExportContent, type ExportOptions, type ImportProgress, type ImportResult } from './json.js';
export { CSV_COLUMNS, exportCsv } from './csv.js';
export { exportHtml, renderHtmlReport, type HtmlReportOptions, type ReportLanguage } from './html.js';
export { renderGraphSvg, escapeXml, type GraphSvgOptions } from './graphSvg.js';
export { writeFileAtomic } from './files.js';
export { removeStalePartials } from './partials.js';
export { EXPORT_FORMATS, exportFileName, writeExportFile, type ExportFileRequest, type ExportFormat } from './write.js';
export { runStoreJob, type StoreJob } from './store-jobs.js';
