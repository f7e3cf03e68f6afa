/** `dagger-tutor export --format json|csv|html --out FILE [--profile ID] [--session ID]` */
import { EXPORT_FORMATS, exportCsv, exportHtml, exportJson, writeExportFile, type ExportFormat } from '../../main/services/export/index.js';
import { openStore } from '../../main/services/store/index.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor export --format json|csv|html --out FILE [--profile ID] [--session ID] [--lang bn|en] [--json]

  json   complete and importable (dagger-tutor import FILE), with a checksum
  csv    one row per attempt, UTF-8 with BOM for spreadsheets
  html   printable report with each graph drawn (print it to PDF from a browser)
  --profile / --session   only that student's or that session's practice
  --out -                 write to standard output
Exit status: 0 written, 1 the export failed, 2 usage error.`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export practice history as JSON, CSV or a printable HTML report',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, strict: true, options: {
      format: { type: 'string' }, out: { type: 'string' }, profile: { type: 'string' }, session: { type: 'string' },
      lang: { type: 'string', default: 'bn' }, json: { type: 'boolean', default: false },
    } });
    const { format, out, profile, session, lang } = parsed.values;
    if (!isExportFormat(format)) throw new UsageError('--format must be json, csv or html');
    if (!out) throw new UsageError('--out FILE is required (- for standard output)');
    if (lang !== 'bn' && lang !== 'en') throw new UsageError('--lang must be bn or en');
    const store = openStore(dataDir);
    try {
      if (profile && !store.getProfile(profile)) {
        io.err(`dagger-tutor export: there is no profile ${profile}\n`);
        return EXIT.failed;
      }
      const scope = { profileId: profile ?? null, sessionId: session ?? null };
      let bytes: number;
      if (out !== '-') {
        bytes = writeExportFile(store, out, { format, scope, language: lang }); // JSON streamed: a whole class's is 100 MB.
      } else {
        const text = format === 'json' ? exportJson(store, scope) : format === 'csv' ? exportCsv(store, scope) : exportHtml(store, scope, { lang });
        io.out(text);
        bytes = Buffer.byteLength(text, 'utf8');
      }
      const summary = { format, out, bytes, scope };
      if (out !== '-') io.out(parsed.values.json ? `${JSON.stringify(summary)}\n` : `wrote ${out} (${summary.bytes} bytes, ${format})\n`);
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};

const isExportFormat = (format: string | undefined): format is ExportFormat => (EXPORT_FORMATS as readonly unknown[]).includes(format);
