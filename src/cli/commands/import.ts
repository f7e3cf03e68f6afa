/** `dagger-tutor import FILE [--json]`: merge a JSON export into the practice store, all or nothing. */
import fs from 'node:fs';
import { ImportError, importJson } from '../../main/services/export/index.js';
import { StoreBusyError, openStore, type PracticeStore } from '../../main/services/store/index.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor import FILE [--json]

Checks the whole file (format, version, checksum, every record, every reference), then adds the
records whose ids are new, in one transaction. Importing a file twice adds nothing the second
time. A damaged, foreign or newer-version file is refused whole and the store is left unchanged.
FILE may be - for standard input.
With --json, a refusal prints {"ok":false,"reason","message"}; reason STORE_BUSY: another program
kept the store locked for more than 5 seconds (try again).
Exit status: 0 imported, 1 refused (the message says why), 2 usage error.`;

export const importCommand: Command = {
  name: 'import',
  summary: 'import a practice-history JSON export (checked, merged by id)',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, strict: true, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length) throw new UsageError('give exactly one FILE');
    const json = parsed.values.json;
    let content: string | Buffer;
    try {
      // A file as bytes: the checksum is taken over them as they are (see parseExport).
      content = file === '-' ? await io.readStdin() : fs.readFileSync(file);
    } catch (error) {
      io.err(`dagger-tutor import: cannot read ${file}: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
    let store: PracticeStore | null = null;
    try {
      store = openStore(dataDir);
      const result = importJson(store, content);
      io.out(json ? `${JSON.stringify({ ok: true, ...result })}\n`
        : `imported ${file}: added ${Object.entries(result.added).map(([k, n]) => `${n} ${k}`).join(', ')}; ` +
          `${Object.values(result.alreadyPresent).reduce((s, n) => s + n, 0)} records were already present\n`);
      return EXIT.ok;
    } catch (error) {
      const refusal = error instanceof ImportError ? { reason: error.reason, message: error.message }
        : error instanceof StoreBusyError ? { reason: 'STORE_BUSY', message: error.message }
        : null;
      if (!refusal) throw error;
      if (json) io.out(`${JSON.stringify({ ok: false, ...refusal })}\n`);
      io.err(`dagger-tutor import: ${refusal.message}\n`);
      return EXIT.failed;
    } finally {
      store?.close();
    }
  },
};
