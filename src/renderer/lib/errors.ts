/**
 * Every failure of an API call as a sentence in the user's language, with the English
 * developer message kept apart for a collapsible "details" (never the main text).
 *
 * The contract's `code` picks the sentence; where the main process also sends a machine-readable
 * `details.reason` (model-file checks, downloads, import refusals) that picks a more precise one.
 * An unknown code or reason still gets a sentence, never a blank or a crash.
 */
import { API_ERROR_CODES, DaggerApiError, type ApiErrorCode, type ApiErrorData } from '../../shared/api.js';
import type { ImportRefusalReason } from '../../shared/practice/exportFile.js';
import type { Translate } from './diagnostics.js';

/**
 * Reasons the model-file checks give (helper B's ModelFileErrorCode in src/main/services/models/
 * gguf/inspect.ts; the renderer may not import main, errors.test.ts checks the lists agree).
 */
export const MODEL_FILE_REASONS = ['MISSING', 'NOT_GGUF', 'UNSUPPORTED_VERSION', 'TRUNCATED', 'WRONG_ARCHITECTURE'] as const;
/** Reasons a download fails (DownloadError codes in src/main/services/models/download.ts, less CANCELLED). */
export const DOWNLOAD_REASONS = ['HTTP', 'SIZE_MISMATCH', 'CHECKSUM', 'NETWORK', 'INVALID_FILE', 'UNAUTHORIZED', 'GATED', 'NOT_FOUND', 'NO_SPACE'] as const;
/**
 * Why a model request cannot be done as asked (ModelRequestErrorCode in src/main/services/models/
 * model-service.ts), and a problem too long for the model (InferenceError PROMPT_TOO_LONG).
 */
export const REQUEST_REASONS = [
  'PROMPT_TOO_LONG', 'ALREADY_INSTALLED', 'NOT_PUBLISHED', 'BAD_SOURCE', 'NO_FILE_NAME', 'BAD_FILE_NAME',
] as const;
/** Why a conversion failed (ConvertErrorCode in src/main/services/models/convert/errors.ts, less CANCELLED). */
export const CONVERT_REASONS = [
  'NOT_FOUND', 'BAD_CHECKPOINT', 'UNSUPPORTED_ARCHITECTURE', 'UNSUPPORTED_DTYPE', 'QUANTISER_UNAVAILABLE', 'VERIFY_FAILED', 'DISK_FULL',
] as const;
/** Why an import file was refused (IMPORT_REFUSAL_REASONS in src/shared/practice/exportFile.ts). */
export const IMPORT_REASONS = [
  'NOT_JSON', 'FOREIGN', 'NEWER_VERSION', 'INVALID', 'CHECKSUM', 'DUPLICATE_ID', 'DANGLING_REFERENCE',
] as const satisfies readonly ImportRefusalReason[];

/** Which codes carry a `details.reason`, and the catalogue keys (`errors.<prefix>_<REASON>`) for it. */
const REASONS: Partial<Record<ApiErrorCode, { prefix: string; reasons: readonly string[] }>> = {
  INVALID_REQUEST: { prefix: 'request', reasons: REQUEST_REASONS },
  MODEL_LOAD_FAILED: { prefix: 'modelFile', reasons: MODEL_FILE_REASONS },
  NOT_FOUND: { prefix: 'modelFile', reasons: ['MISSING'] },
  DOWNLOAD_FAILED: { prefix: 'download', reasons: DOWNLOAD_REASONS },
  CONVERSION_FAILED: { prefix: 'convert', reasons: CONVERT_REASONS },
  IMPORT_REJECTED: { prefix: 'import', reasons: IMPORT_REASONS },
};

const CODES = new Set<string>(API_ERROR_CODES);

export interface ErrorDescription {
  /** The sentence to show, in the user's language. */
  text: string;
  /** The developer-facing reason (code, reason, English message) for a "details" disclosure. */
  detail: string;
}

/** Accepts a thrown DaggerApiError, the plain ApiErrorData of a stream event, or anything else. */
export function describeError(error: unknown, t: Translate): ErrorDescription {
  const data = asApiError(error);
  if (!data) {
    // Not an answer from the app: the transport itself failed (fetch refused, IPC gone, stream cut).
    const message = error instanceof Error ? error.message : String(error);
    return { text: t('errors.network'), detail: message };
  }
  const reason = reasonOf(data.details);
  const family = REASONS[data.code];
  const key = family && reason !== null && family.reasons.includes(reason)
    ? `errors.${family.prefix}_${reason}`
    : CODES.has(data.code) ? `errors.${data.code}` : 'errors.INTERNAL';
  const detail = [data.code, reason].filter(Boolean).join(' / ') + (data.message ? `: ${data.message}` : '');
  return { text: t(key, textValuesOf(data.details)), detail };
}

/** Just the sentence (for places that have no room for details). */
export function errorText(error: unknown, t: Translate): string {
  return describeError(error, t).text;
}

function asApiError(error: unknown): ApiErrorData | null {
  if (error instanceof DaggerApiError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error) {
    const { code, message, details } = error as { code: string; message: unknown; details?: unknown };
    return { code: code as ApiErrorCode, message: String(message), details };
  }
  return null;
}

/** The string fields of `details` (e.g. the Hub repository a download was refused for), for the sentence's {{placeholders}}. */
function textValuesOf(details: unknown): Record<string, string> {
  if (typeof details !== 'object' || details === null) return {};
  return Object.fromEntries(Object.entries(details).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function reasonOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return null;
  return typeof details.reason === 'string' ? details.reason : null;
}
