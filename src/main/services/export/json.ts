/**
 * JSON export and import of practice history (format: src/shared/practice/exportFile.ts).
 *
 * Import checks the whole file before the database is touched, in this order: it parses (else it
 * is truncated or not JSON), it is ours (format), it is not from a newer app (version), its
 * checksum matches (else altered or damaged), every record fits the schema, every reference
 * points inside the file. Only then are the records merged, by id, in one transaction.
 */
import crypto from 'node:crypto';
import {
  PRACTICE_EXPORT_FORMAT, PRACTICE_EXPORT_VERSION, findDataProblems, practiceExportSchema,
  type ImportRefusalReason, type PracticeExport,
} from '../../../shared/practice/exportFile.js';
import { PROBLEM_SET_FORMAT } from '../../../core/bank/schema.js';
import type { EntityCounts } from '../../../shared/practice/records.js';
import type { DumpScope, PracticeStore } from '../store/index.js';

export const APP_INFO = { name: 'dagger-tutor', version: '0.1.0' };

export class ImportError extends Error {
  constructor(readonly reason: ImportRefusalReason, message: string) {
    super(message);
  }
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 (hex) of the compact JSON of `data`: what the file's checksum covers. */
export function checksumOf(data: unknown): string {
  return sha256(JSON.stringify(data));
}

export interface ExportOptions {
  now?: Date;
}

export function buildExport(store: PracticeStore, scope: DumpScope = {}, options: ExportOptions = {}): PracticeExport {
  const data = store.dump(scope);
  return {
    format: PRACTICE_EXPORT_FORMAT,
    version: PRACTICE_EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    app: APP_INFO,
    scope: { profileId: scope.profileId ?? null, sessionId: scope.sessionId ?? null },
    checksum: { algorithm: 'sha256', value: checksumOf(data) },
    data,
  };
}

/**
 * The export as file text: compact JSON (100,000 attempts make a file of about 100 MB). The data
 * is serialised once and the checksum taken over that same text; `data` comes last so the file
 * is the header followed by it. Equal to JSON.stringify(buildExport(...)).
 */
export function exportJson(store: PracticeStore, scope: DumpScope = {}, options: ExportOptions = {}): string {
  const dataText = store.dumpJson(scope);
  const header: Omit<PracticeExport, 'data'> = {
    format: PRACTICE_EXPORT_FORMAT,
    version: PRACTICE_EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    app: APP_INFO,
    scope: { profileId: scope.profileId ?? null, sessionId: scope.sessionId ?? null },
    checksum: { algorithm: 'sha256', value: sha256(dataText) },
  };
  return `${JSON.stringify(header).slice(0, -1)},"data":${dataText}}\n`;
}

/** Space, tab, line feed, carriage return: the only whitespace JSON allows. */
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The key `exportJson` writes last, between the header and the data text. */
const DATA_MEMBER = ',"data":';

/**
 * The file as exportJson writes it, `{<header members>,"data":<data>}`, parsed in two parts so
 * that the data's own text is at hand for the checksum (hashing it as written instead of
 * serialising 100 MB of parsed records again). Null when the text has another layout (re-indented,
 * keys reordered, not JSON): the caller then parses it whole.
 *
 * Why the two parts are the whole file: the first `,"data":` outside a string must be structural
 * (inside a JSON string every `"` is escaped, so `,"` cannot occur there). If `<header>}` parses as
 * an object without a "data" key and `<data>` parses as a value, then the full text is exactly
 * that object with one more member, "data", last: what JSON.parse of the whole text would give.
 */
function parseInTwoParts(text: string): { file: Record<string, unknown>; dataText: string } | null {
  const at = text.indexOf(DATA_MEMBER);
  let end = text.length;
  while (end > 0 && JSON_WHITESPACE.has(text.charCodeAt(end - 1))) end--;
  if (at < 0 || text[end - 1] !== '}') return null;
  try {
    const header: unknown = JSON.parse(`${text.slice(0, at)}}`);
    if (header === null || typeof header !== 'object' || Array.isArray(header) || Object.hasOwn(header, 'data')) return null;
    const dataText = text.slice(at + DATA_MEMBER.length, end - 1);
    const file = header as Record<string, unknown>;
    file.data = JSON.parse(dataText);
    return { file, dataText };
  } catch {
    return null; // A damaged file: the whole-text parse below reports where.
  }
}

/** Reads and checks an export file's text completely; throws ImportError saying what is wrong. */
export function parseExport(fileText: string): PracticeExport {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  let raw: unknown;
  const parts = parseInTwoParts(text);
  if (parts) {
    raw = parts.file;
  } else {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ImportError('NOT_JSON', `The file is not complete JSON, so it may be cut short or damaged (${(error as Error).message}). Nothing was imported.`);
    }
  }
  const file = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  if (file.format !== PRACTICE_EXPORT_FORMAT) {
    const hint = file.format === PROBLEM_SET_FORMAT ? ' It is a problem set: open it from the problem bank instead.' : '';
    throw new ImportError('FOREIGN', `This is not a DAGGER Tutor practice-history export (its "format" is ${JSON.stringify(file.format ?? null)}).${hint} Nothing was imported.`);
  }
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    throw new ImportError('INVALID', `The file's "version" (${JSON.stringify(file.version ?? null)}) is not a version number. Nothing was imported.`);
  }
  if (file.version > PRACTICE_EXPORT_VERSION) {
    throw new ImportError('NEWER_VERSION', `The file was made by a newer DAGGER Tutor (export version ${file.version}; this app reads up to ${PRACTICE_EXPORT_VERSION}). Update the app, then import it. Nothing was imported.`);
  }
  const checksum = file.checksum as { value?: unknown } | undefined;
  if (typeof checksum?.value !== 'string') {
    throw new ImportError('INVALID', 'The file has no checksum, so it cannot be checked for damage. Nothing was imported.');
  }
  // The data text exactly as exported hashes to the checksum. Any other text (damaged, or merely
  // re-indented) is re-serialised compactly, as the checksum is defined, and checked again.
  const intact = (parts !== null && sha256(parts.dataText) === checksum.value) || checksumOf(file.data) === checksum.value;
  if (!intact) {
    throw new ImportError('CHECKSUM', 'The file has been altered or damaged since it was exported: its checksum does not match its contents. Nothing was imported.');
  }
  const parsed = practiceExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new ImportError('INVALID', `The file does not match the export format: ${issues.join('; ')}${more}. Nothing was imported.`);
  }
  const problems = findDataProblems(parsed.data.data);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new ImportError(problems[0]!.reason, `The file is not self-consistent: ${problems.slice(0, 3).map((p) => p.message).join('; ')}${more}. Nothing was imported.`);
  }
  return parsed.data;
}

export interface ImportResult {
  exportedAt: string;
  scope: PracticeExport['scope'];
  added: EntityCounts;
  alreadyPresent: EntityCounts;
}

/** Checks the whole file, then merges it into the store in one transaction (or throws, changing nothing). */
export function importJson(store: PracticeStore, text: string): ImportResult {
  const file = parseExport(text);
  // parseExport has proved the file self-contained (findDataProblems): no reference to re-check.
  const { added, alreadyPresent } = store.merge(file.data, { selfContained: true });
  return { exportedAt: file.exportedAt, scope: file.scope, added, alreadyPresent };
}
