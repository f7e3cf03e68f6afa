/**
 * Downloads a model file with progress (bytes, speed, ETA), cancel, and resume: bytes go to
 * `<file>.part`; a later call continues from its length with an HTTP Range request. On completion
 * the size (and SHA-256 when known) is checked and the GGUF header validated before the file gets
 * its final name, so a half or wrong file never looks like a model.
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
  /** Final path of the model file. */
  destination: string;
  expectedBytes?: number;
  sha256?: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum milliseconds between progress events (default 250). */
  progressIntervalMs?: number;
}

export class DownloadError extends Error {
  constructor(message: string, readonly code: 'HTTP' | 'SIZE_MISMATCH' | 'CHECKSUM' | 'CANCELLED' | 'NETWORK' | 'INVALID_FILE') {
    super(message);
  }
}

export async function downloadModelFile(options: DownloadOptions): Promise<GgufSummary> {
  const { url, destination, signal } = options;
  const partial = `${destination}.part`;
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  let startAt = fs.existsSync(partial) ? fs.statSync(partial).size : 0;

  let response: Response;
  try {
    response = await fetch(url, { headers: startAt > 0 ? { Range: `bytes=${startAt}-` } : {}, signal, redirect: 'follow' });
  } catch (error) {
    if (signal?.aborted) throw new DownloadError('download cancelled; it resumes where it stopped next time', 'CANCELLED');
    throw new DownloadError(`could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`, 'NETWORK');
  }
  if (response.status === 416 && options.expectedBytes !== undefined && startAt === options.expectedBytes) {
    return finish(options, partial); // already complete
  }
  if (response.status !== 200 && response.status !== 206) {
    throw new DownloadError(`download failed: ${url} answered HTTP ${response.status}`, 'HTTP');
  }
  if (response.status === 200) startAt = 0; // the server ignored Range: start over
  const contentLength = Number(response.headers.get('content-length') ?? NaN);
  const totalBytes = options.expectedBytes ?? (Number.isFinite(contentLength) ? startAt + contentLength : null);

  const out = fs.createWriteStream(partial, { flags: startAt > 0 ? 'a' : 'w' });
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
  try {
    if (!response.body) throw new DownloadError(`download failed: ${url} sent no data`, 'HTTP');
    for await (const chunk of response.body) {
      received += chunk.byteLength;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      report(false);
    }
    report(true);
  } catch (error) {
    if (signal?.aborted) throw new DownloadError('download cancelled; it resumes where it stopped next time', 'CANCELLED');
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(`download interrupted (${error instanceof Error ? error.message : String(error)}); try again to resume`, 'NETWORK');
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return finish(options, partial);
}

async function finish(options: DownloadOptions, partial: string): Promise<GgufSummary> {
  const size = fs.statSync(partial).size;
  if (options.expectedBytes !== undefined && size !== options.expectedBytes) {
    if (size > options.expectedBytes) fs.rmSync(partial); // cannot be resumed: start clean next time
    throw new DownloadError(`downloaded ${size} bytes but expected ${options.expectedBytes}; try again`, 'SIZE_MISMATCH');
  }
  if (options.sha256) {
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(partial)) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== options.sha256.toLowerCase()) {
      fs.rmSync(partial);
      throw new DownloadError(`the downloaded file is damaged (SHA-256 ${actual}, expected ${options.sha256}); it was removed, download it again`, 'CHECKSUM');
    }
  }
  try {
    validateModelFile(partial);
  } catch (error) {
    if (error instanceof ModelFileError && error.code === 'TRUNCATED') {
      throw new DownloadError(`the download is incomplete (${size} bytes); try again to resume`, 'SIZE_MISMATCH');
    }
    fs.rmSync(partial);
    throw new DownloadError(`the downloaded file is not a usable model: ${error instanceof Error ? error.message : String(error)}`, 'INVALID_FILE');
  }
  fs.renameSync(partial, options.destination);
  return validateModelFile(options.destination);
}
