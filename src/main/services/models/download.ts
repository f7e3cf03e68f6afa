/**
 * Downloads a file with progress (bytes, speed, ETA), cancel, and resume: bytes go to
 * `<file>.part`; a later call continues from its length with an HTTP Range request. On completion
 * the size (and SHA-256 when known) is checked, then the caller's own check, before the file gets
 * its final name, so a half or wrong file never looks finished. `downloadModelFile` is the GGUF
 * case (its check validates the GGUF header); the Hugging Face Hub download (hub/) fetches a
 * checkpoint's safetensors and tokenizer files through `downloadFile` itself.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ModelFileError, validateModelFile, type GgufSummary } from './gguf/inspect.js';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface DownloadOptions {
  url: string;
  /** Final path of the file. */
  destination: string;
  expectedBytes?: number;
  sha256?: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum milliseconds between progress events (default 250). */
  progressIntervalMs?: number;
}

export interface FileDownloadOptions extends DownloadOptions {
  /** Request headers (an access token): sent, never logged or written anywhere. */
  headers?: Record<string, string>;
  /** The sentence for a refused request (401, 404 …); default: "answered HTTP <status>". */
  describeHttpError?: (response: Response) => DownloadError;
  /** Checks the complete `.part` file before it is renamed; throws a DownloadError to refuse it. */
  check?: (partial: string) => void;
}

export const DOWNLOAD_ERROR_CODES = [
  'HTTP', 'SIZE_MISMATCH', 'CHECKSUM', 'CANCELLED', 'NETWORK', 'INVALID_FILE',
  /** 401: no access token, or one the server does not accept. */
  'UNAUTHORIZED',
  /** 403: the account behind the token has not accepted the model's conditions. */
  'GATED',
  /** 404 from the Hugging Face Hub: no such repository, revision or file. */
  'NOT_FOUND',
  /** The disk is full, or too full for the whole job (checked before starting). */
  'NO_SPACE',
] as const;
export type DownloadErrorCode = (typeof DOWNLOAD_ERROR_CODES)[number];

export class DownloadError extends Error {
  /** `details` go to the UI with the error (e.g. the repository, the bytes needed and free). */
  constructor(message: string, readonly code: DownloadErrorCode, readonly details: Record<string, string | number> = {}) {
    super(message);
  }
}

const CANCELLED_MESSAGE = 'download cancelled; it resumes where it stopped next time';

/** Downloads a GGUF model file; the header is validated before it gets its final name. */
export async function downloadModelFile(options: DownloadOptions): Promise<GgufSummary> {
  await downloadFile({ ...options, check: checkGguf });
  return validateModelFile(options.destination);
}

/** Downloads any file to `destination` (resuming `<destination>.part`); see the module comment. */
export async function downloadFile(options: FileDownloadOptions): Promise<void> {
  const { url, destination, signal } = options;
  const partial = `${destination}.part`;
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  let startAt = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  if (startAt > 0 && options.expectedBytes !== undefined && startAt >= options.expectedBytes) {
    return finish(options, partial); // complete already (or too long: finish says so and starts clean)
  }

  let response: Response;
  try {
    const headers = { ...options.headers, ...(startAt > 0 ? { Range: `bytes=${startAt}-` } : {}) };
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    if (signal?.aborted) throw new DownloadError(CANCELLED_MESSAGE, 'CANCELLED');
    throw new DownloadError(`could not reach ${new URL(url).host}: ${causeOf(error)}; check the internet connection and try again`, 'NETWORK');
  }
  if (response.status === 416 && options.expectedBytes !== undefined && startAt === options.expectedBytes) {
    return finish(options, partial); // already complete
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => undefined);
    throw options.describeHttpError?.(response) ?? new DownloadError(`download failed: ${url} answered HTTP ${response.status}`, 'HTTP');
  }
  if (response.status === 200) startAt = 0; // the server ignored Range: start over
  const contentLength = Number(response.headers.get('content-length') ?? NaN);
  const totalBytes = options.expectedBytes ?? (Number.isFinite(contentLength) ? startAt + contentLength : null);

  let received = startAt;
  const began = performance.now();
  let lastEvent = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastEvent < (options.progressIntervalMs ?? 250)) return;
    lastEvent = now;
    const seconds = (now - began) / 1000;
    const speed = seconds > 0 ? (received - startAt) / seconds : null;
    options.onProgress?.({
      receivedBytes: received,
      totalBytes,
      bytesPerSecond: speed === null ? null : Math.round(speed),
      etaSeconds: speed && totalBytes !== null ? Math.max(0, (totalBytes - received) / speed) : null,
    });
  };
  const out = fs.createWriteStream(partial, { flags: startAt > 0 ? 'a' : 'w' });
  // A failed write (a full disk) is kept and thrown from the loop, never an unhandled 'error' event.
  let writeError: Error | null = null;
  out.on('error', (error) => {
    writeError = error;
  });
  try {
    if (!response.body) throw new DownloadError(`download failed: ${url} sent no data`, 'HTTP');
    for await (const chunk of response.body) {
      if (writeError) throw writeError;
      received += chunk.byteLength;
      if (!out.write(chunk)) await new Promise<void>((resolve) => {
        // Drained, or closed by a write error (then the next turn throws it).
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
      report(false);
    }
    report(true);
  } catch (error) {
    await closed(out); // what arrived stays in the part file for a resume
    if (signal?.aborted) throw new DownloadError(CANCELLED_MESSAGE, 'CANCELLED');
    if (error instanceof DownloadError) throw error;
    throw noSpaceOr(error, destination, () => new DownloadError(`download interrupted (${causeOf(error)}); try again to resume`, 'NETWORK'));
  }
  await closed(out);
  if (writeError) throw noSpaceOr(writeError, destination, () => writeError!);
  return finish(options, partial);
}

async function finish(options: FileDownloadOptions, partial: string): Promise<void> {
  const size = fs.statSync(partial).size;
  if (options.expectedBytes !== undefined && size !== options.expectedBytes) {
    if (size > options.expectedBytes) fs.rmSync(partial); // cannot be resumed: start clean next time
    throw new DownloadError(`downloaded ${size} bytes of ${path.basename(options.destination)} but expected ${options.expectedBytes}; try again`, 'SIZE_MISMATCH');
  }
  if (options.sha256) {
    const actual = await sha256OfFile(partial);
    if (actual !== options.sha256.toLowerCase()) {
      fs.rmSync(partial);
      throw new DownloadError(`the downloaded ${path.basename(options.destination)} is damaged (SHA-256 ${actual}, expected ${options.sha256}); it was removed, download it again`, 'CHECKSUM');
    }
  }
  options.check?.(partial);
  try {
    fs.renameSync(partial, options.destination);
  } catch (error) {
    throw noSpaceOr(error, options.destination, () => error as Error);
  }
}

/** The GGUF header check of a downloaded model: a truncated file can resume, any other fault cannot. */
function checkGguf(partial: string): void {
  try {
    validateModelFile(partial);
  } catch (error) {
    if (error instanceof ModelFileError && error.code === 'TRUNCATED') {
      throw new DownloadError(`the download is incomplete (${fs.statSync(partial).size} bytes); try again to resume`, 'SIZE_MISMATCH');
    }
    fs.rmSync(partial);
    throw new DownloadError(`the downloaded file is not a usable model: ${causeOf(error)}`, 'INVALID_FILE');
  }
}

/** SHA-256 (hex) of a file, read as a stream. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Ends `out` (flushing what was written) and waits until its file is closed. */
function closed(out: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (out.closed) return resolve();
    out.once('close', () => resolve());
    out.end();
  });
}

/** A full disk as NO_SPACE with a sentence, any other error as `otherwise` makes it. */
function noSpaceOr(error: unknown, destination: string, otherwise: () => Error): Error {
  return isNoSpace(error)
    ? new DownloadError(`the disk holding ${path.dirname(destination)} is full; free some space and try again (the download resumes)`, 'NO_SPACE')
    : otherwise();
}

export function isNoSpace(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOSPC' || error.code === 'EDQUOT');
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
