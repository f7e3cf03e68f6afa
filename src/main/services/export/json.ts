/**
 * JSON export and import of practice history (format: src/shared/practice/exportFile.ts).
 *
 * Import checks the whole file before the database is touched, in this order: it parses (else it
 * is truncated or not JSON), it is ours (format), it is not from a newer app (version), no value
 * nests deeper than MAX_NESTING (see shared/practice/nesting.ts), its checksum matches (else altered or damaged), every record fits the schema, every reference
 * points inside the file. Only then are the records merged, by id, in one transaction.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  PRACTICE_EXPORT_FORMAT, PRACTICE_EXPORT_VERSION, findDataProblems, practiceDataSchema, practiceExportSchema,
  type ImportRefusalReason, type PracticeExport,
} from '../../../shared/practice/exportFile.js';
import { PROBLEM_SET_FORMAT } from '../../../core/bank/schema.js';
import { nestingMessage, tooDeeplyNested } from '../../../shared/practice/nesting.js';
import type { EntityCounts } from '../../../shared/practice/records.js';
import type { DumpScope, PracticeStore } from '../store/index.js';
import { dataPaths } from '../paths.js';
import { isValidBulk } from './bulkValidation.js';
import { writeAll, writeFileAtomicWith } from './files.js';

export const APP_INFO = { name: 'dagger-tutor', version: '0.1.0' };

export class ImportError extends Error {
  constructor(readonly reason: ImportRefusalReason, message: string) {
    super(message);
  }
}

const sha256 = (content: string | Uint8Array) => crypto.createHash('sha256').update(content).digest('hex');

/** SHA-256 (hex) of the compact JSON of `data`: what the file's checksum covers. */
export function checksumOf(data: unknown): string {
  return sha256(JSON.stringify(data) ?? ''); // `?? ''`: a file with no data at all (undefined)
}

export interface ExportOptions {
  now?: Date;
}

export function buildExport(store: PracticeStore, scope: DumpScope = {}, options: ExportOptions = {}): PracticeExport {
  const data = store.dump(scope);
  return { ...exportHeader(scope, options, checksumOf(data)), data };
}

/**
 * The export as file text: compact JSON, `data` last so that the file is the header followed by
 * the data's own text, over which the checksum is taken as written. Equal to
 * JSON.stringify(buildExport(...)).
 */
export function exportJson(store: PracticeStore, scope: DumpScope = {}, options: ExportOptions = {}): string {
  const dataText = store.dumpJson(scope);
  return `${headerText(scope, options, sha256(dataText))}${dataText}}\n`;
}

/**
 * Writes the text of exportJson to `file` (atomically) while the records are read: 100,000
 * attempts make a file of about 100 MB, which is never held as one string, and each piece is
 * encoded to UTF-8 once, for the checksum and the file together. The checksum sits in the header,
 * before the data it covers, so the header is written with a placeholder of the same length that
 * is overwritten once the last piece is hashed. Returns the file's size in bytes.
 */
export function exportJsonToFile(store: PracticeStore, file: string, scope: DumpScope = {}, options: ExportOptions = {}): number {
  const header = Buffer.from(headerText(scope, options, CHECKSUM_PLACEHOLDER), 'utf8');
  const checksumAt = header.lastIndexOf(CHECKSUM_PLACEHOLDER);
  const hash = crypto.createHash('sha256');
  let size = 0;
  writeFileAtomicWith(file, (fd) => {
    const append = (bytes: Uint8Array) => {
      writeAll(fd, bytes);
      size += bytes.length;
    };
    append(header);
    store.writeDumpJson(scope, (piece) => {
      const bytes = Buffer.from(piece, 'utf8');
      hash.update(bytes);
      append(bytes);
    });
    append(Buffer.from('}\n', 'utf8'));
    writeAll(fd, Buffer.from(hash.digest('hex'), 'latin1'), checksumAt);
  }, { partialsList: partialsListOf(store) });
  return size;
}

/** Where the store's data folder lists temporary export files (see partials.ts). */
export const partialsListOf = (store: PracticeStore) => dataPaths(path.dirname(store.file)).partialExports;

/** Stands for the checksum while its data is still being written: as long as a SHA-256 in hex. */
const CHECKSUM_PLACEHOLDER = '0'.repeat(64);

/** The file's members other than `data`, in the order they are written. */
function exportHeader(scope: DumpScope, options: ExportOptions, checksum: string): Omit<PracticeExport, 'data'> {
  return {
    format: PRACTICE_EXPORT_FORMAT,
    version: PRACTICE_EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    app: APP_INFO,
    scope: { profileId: scope.profileId ?? null, sessionId: scope.sessionId ?? null },
    checksum: { algorithm: 'sha256', value: checksum },
  };
}

/** Everything of the file before the data's text: `{<header members>,"data":`. */
function headerText(scope: DumpScope, options: ExportOptions, checksum: string): string {
  return `${JSON.stringify(exportHeader(scope, options, checksum)).slice(0, -1)}${DATA_MEMBER}`;
}

/** Space, tab, line feed, carriage return: the only whitespace JSON allows. */
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The key `exportJson` writes last, between the header and the data text. */
const DATA_MEMBER = ',"data":';

/**
 * An export file's content: its text, or its bytes as read from disk. Bytes are better for large
 * files: the checksum is taken over them as they are, and only the data is decoded, once.
 */
export type ExportContent = string | Uint8Array;

/** The content without a byte-order mark, as a string or a Buffer (both index the same way). */
function withoutBom(content: ExportContent): string | Buffer {
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

const codeAt = (content: string | Buffer, i: number) => (typeof content === 'string' ? content.charCodeAt(i) : content[i]!);
const textOf = (content: string | Buffer, from = 0, to = content.length) =>
  (typeof content === 'string' ? content.slice(from, to) : content.toString('utf8', from, to));
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

interface TwoParts {
  header: Record<string, unknown>;
  /** SHA-256 of the data's text exactly as it is in the file. */
  dataChecksum(): string;
  dataText(): string;
}

/**
 * The file as exportJson writes it, `{<header members>,"data":<data>}`, split into its header
 * (parsed: it is small) and the data's own text, so that the header is checked before 100 MB of
 * data is parsed and the checksum is taken over the data as written instead of over the parsed
 * records serialised again. Null when the content has another layout (re-indented, keys
 * reordered, not JSON): the caller then parses it whole.
 *
 * Why the two parts are the whole file: the first `,"data":` outside a string must be structural
 * (inside a JSON string every `"` is escaped, so `,"` cannot occur there). If `<header>}` parses as
 * an object without a "data" key and `<data>` parses as a value, then the full text is exactly
 * that object with one more member, "data", last: what JSON.parse of the whole text would give.
 */
function splitInTwoParts(content: string | Buffer): TwoParts | null {
  const at = content.indexOf(DATA_MEMBER);
  let end = content.length;
  while (end > 0 && JSON_WHITESPACE.has(codeAt(content, end - 1))) end--;
  if (at < 0 || codeAt(content, end - 1) !== 0x7d /* } */) return null;
  let header: unknown;
  try {
    header = JSON.parse(`${textOf(content, 0, at)}}`);
  } catch {
    return null; // Not our layout, or damaged: the whole-content parse reports where.
  }
  if (!isObject(header) || Object.hasOwn(header, 'data')) return null;
  const from = at + DATA_MEMBER.length;
  const to = end - 1;
  return {
    header,
    dataChecksum: () => (typeof content === 'string' ? sha256(content.slice(from, to)) : sha256(content.subarray(from, to))),
    dataText: () => textOf(content, from, to),
  };
}

function parseWhole(content: string | Buffer): unknown {
  try {
    return JSON.parse(textOf(content));
  } catch (error) {
    throw new ImportError('NOT_JSON', `The file is not complete JSON, so it may be cut short or damaged (${(error as Error).message}). Nothing was imported.`);
  }
}

/** The data of a two-part file; if its text is not JSON, the whole file is parsed to say where. */
function parseData(parts: TwoParts, content: string | Buffer): unknown {
  try {
    return JSON.parse(parts.dataText());
  } catch {
    const whole = parseWhole(content);
    return isObject(whole) ? whole.data : undefined;
  }
}

/** Checks the header's format, version and checksum fields; returns the checksum. */
function checkHeader(file: Record<string, unknown>): string {
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
  return checksum.value;
}

/** The export schema with the two bulk kinds left to isValidBulk. */
const exportWithoutBulkSchema = practiceExportSchema.extend({
  data: practiceDataSchema.extend({ attempts: z.array(z.unknown()), solutions: z.array(z.unknown()) }),
});

/**
 * Checks the whole file against the export schema. Attempts and solutions, nearly all of a large
 * file, go through isValidBulk's compiled check (same verdict as zod, half the time); the rest
 * through zod. Any failure is validated again by zod alone, whose messages name the fields.
 */
function validateExport(raw: Record<string, unknown>): PracticeExport {
  const data = isObject(raw.data) ? raw.data : null;
  if (data && Array.isArray(data.attempts) && Array.isArray(data.solutions)
    && isValidBulk('attempts', data.attempts) && isValidBulk('solutions', data.solutions)) {
    const rest = exportWithoutBulkSchema.safeParse(raw);
    if (rest.success) return { ...rest.data, data: { ...rest.data.data, attempts: data.attempts, solutions: data.solutions } };
  }
  const parsed = practiceExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new ImportError('INVALID', `The file does not match the export format: ${issues.join('; ')}${more}. Nothing was imported.`);
  }
  return parsed.data;
}

/** Reads and checks an export file completely; throws ImportError saying what is wrong. */
export function parseExport(fileContent: ExportContent): PracticeExport {
  const content = withoutBom(fileContent);
  const parts = splitInTwoParts(content);
  const whole = parts ? null : parseWhole(content);
  const file = parts ? parts.header : isObject(whole) ? whole : {};
  const checksum = checkHeader(file);
  const exact = parts !== null && parts.dataChecksum() === checksum;
  const data = parts ? parseData(parts, content) : file.data;
  // Before anything recursive (the checksum's JSON.stringify, validation) sees the values.
  // (A file parsed whole holds its data; a two-part file's header does not.)
  for (const [value, at] of parts ? [[file, []], [data, ['data']]] as const : [[file, []]] as const) {
    const path = tooDeeplyNested(value);
    if (path) throw new ImportError('INVALID', `The file does not match the export format: ${nestingMessage([...at, ...path])}. Nothing was imported.`);
  }
  // The data text exactly as exported hashes to the checksum. Any other text (damaged, or merely
  // re-indented) is re-serialised compactly, as the checksum is defined, and checked again.
  if (!exact && checksumOf(data) !== checksum) {
    throw new ImportError('CHECKSUM', 'The file has been altered or damaged since it was exported: its checksum does not match its contents. Nothing was imported.');
  }
  const parsed = validateExport({ ...file, data });
  const problems = findDataProblems(parsed.data);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new ImportError(problems[0]!.reason, `The file is not self-consistent: ${problems.slice(0, 3).map((p) => p.message).join('; ')}${more}. Nothing was imported.`);
  }
  return parsed;
}

export interface ImportResult {
  exportedAt: string;
  scope: PracticeExport['scope'];
  added: EntityCounts;
  alreadyPresent: EntityCounts;
}

/** How far an import has got: checking the whole file, then saving its records (`done` of `total`). */
export interface ImportProgress {
  phase: 'checking' | 'saving';
  done: number;
  total: number;
}

/** Checks the whole file, then merges it into the store in one transaction (or throws, changing nothing). */
export function importJson(store: PracticeStore, content: ExportContent, onProgress: (progress: ImportProgress) => void = () => {}): ImportResult {
  onProgress({ phase: 'checking', done: 0, total: 0 });
  const file = parseExport(content);
  // parseExport has proved the file self-contained (findDataProblems): no reference to re-check.
  const { added, alreadyPresent } = store.merge(file.data, {
    selfContained: true,
    onProgress: (done, total) => onProgress({ phase: 'saving', done, total }),
  });
  return { exportedAt: file.exportedAt, scope: file.scope, added, alreadyPresent };
}
