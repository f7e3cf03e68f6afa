/**
 * Fetches the chosen files of one pinned commit into a folder, one after another, with progress
 * for the current file and for the whole set (speed and ETA over this session's bytes). Each file
 * goes through downloadFile: `.part` + Range resume, size check, SHA-256 against the Hub's LFS oid.
 * A file already complete in the folder (from an earlier, interrupted run) is not fetched again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { downloadFile } from '../download.js';
import { hubHttpError, type HubClient, type HubFile } from './hub-api.js';

export interface FetchProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  fileReceivedBytes: number;
  fileTotalBytes: number;
  /** All chosen files together, counting what earlier runs already fetched. */
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface FetchOptions {
  client: HubClient;
  repo: string;
  commit: string;
  files: HubFile[];
  folder: string;
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
  progressIntervalMs?: number;
}

/** Bytes of `files` already in `folder`, whole or as `.part` (what a resume does not fetch again). */
export function bytesAlreadyFetched(folder: string, files: HubFile[]): number {
  let sum = 0;
  for (const file of files) {
    const target = path.join(folder, file.path);
    if (isComplete(target, file)) sum += file.size;
    else if (fs.existsSync(`${target}.part`)) sum += Math.min(file.size, fs.statSync(`${target}.part`).size);
  }
  return sum;
}

export async function fetchCheckpointFiles(options: FetchOptions): Promise<void> {
  const { client, repo, commit, files, folder } = options;
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const sessionStart = performance.now();
  const startedWith = bytesAlreadyFetched(folder, files);
  let finishedBytes = 0;
  for (const [index, file] of files.entries()) {
    const target = path.join(folder, file.path);
    if (!isComplete(target, file)) {
      await downloadFile({
        url: client.fileUrl(repo, commit, file.path),
        destination: target,
        expectedBytes: file.size,
        ...(file.sha256 ? { sha256: file.sha256 } : {}),
        headers: client.headers,
        describeHttpError: (response) => hubHttpError(repo, response, 'authorization' in client.headers),
        ...(options.signal ? { signal: options.signal } : {}),
        progressIntervalMs: options.progressIntervalMs ?? 250,
        onProgress: (p) => {
          const receivedBytes = finishedBytes + p.receivedBytes;
          const seconds = (performance.now() - sessionStart) / 1000;
          const speed = seconds > 0 ? Math.max(0, receivedBytes - startedWith) / seconds : 0;
          options.onProgress?.({
            file: file.path,
            fileIndex: index,
            fileCount: files.length,
            fileReceivedBytes: p.receivedBytes,
            fileTotalBytes: file.size,
            receivedBytes,
            totalBytes,
            bytesPerSecond: speed > 0 ? Math.round(speed) : null,
            etaSeconds: speed > 0 ? (totalBytes - receivedBytes) / speed : null,
          });
        },
      });
    }
    finishedBytes += file.size;
  }
}

/** A file that got its final name was size- and checksum-checked first (downloadFile renames last). */
function isComplete(target: string, file: HubFile): boolean {
  return fs.existsSync(target) && fs.statSync(target).size === file.size;
}
