/**
 * Free disk space, checked before a long job starts (a 12B model needs tens of gigabytes), so the
 * user learns at once how much is needed and how much is free instead of at 90 % of a download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DownloadError } from '../download.js';

export interface DiskVerdict {
  /** Bytes the job will still write. */
  neededBytes: number;
  /** Bytes free for this user on the disk holding `folder`. */
  freeBytes: number;
  ok: boolean;
}

/** Free bytes on the disk holding `folder` (its nearest existing parent when it does not exist yet). */
export function freeBytesAt(folder: string): number {
  let existing = path.resolve(folder);
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const stats = fs.statfsSync(existing);
  return Number(stats.bavail) * Number(stats.bsize);
}

export function diskVerdict(folder: string, neededBytes: number): DiskVerdict {
  const freeBytes = freeBytesAt(folder);
  return { neededBytes, freeBytes, ok: neededBytes <= freeBytes };
}

/** Throws NO_SPACE with both figures when the job does not fit. */
export function requireDiskSpace(folder: string, verdict: DiskVerdict): void {
  if (verdict.ok) return;
  throw new DownloadError(
    `not enough free disk space in ${folder}: this needs ${gigabytes(verdict.neededBytes)} and ${gigabytes(verdict.freeBytes)} is free; free ${gigabytes(verdict.neededBytes - verdict.freeBytes)} and try again`,
    'NO_SPACE',
    { neededBytes: verdict.neededBytes, freeBytes: verdict.freeBytes },
  );
}

export function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(bytes < 1e8 ? 3 : 1)} GB`;
}
