/** Writing export files so that a crash or a full disk never leaves half a file under the real name. */
import fs from 'node:fs';
import path from 'node:path';
import { listPartial } from './partials.js';

export interface AtomicWriteOptions {
  /** The data folder's list of temporary files (dataPaths().partialExports): a killed write is cleaned up on the next start. */
  partialsList?: string;
}

/**
 * Writes `file` through `write(fd)` into a temporary file beside it, flushed to disk and then
 * renamed over `file`: readers see the old file or the complete new one, never a part.
 */
export function writeFileAtomicWith(file: string, write: (fd: number) => void, options: AtomicWriteOptions = {}): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.partial`;
  const unlist = options.partialsList ? listPartial(options.partialsList, temporary) : () => {};
  try {
    const fd = fs.openSync(temporary, 'w');
    try {
      write(fd);
      // An export is often carried away on a USB stick right after: its bytes must be on disk
      // before it takes the real name.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
    unlist();
  }
}

export function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): void {
  writeFileAtomicWith(file, (fd) => writeAll(fd, Buffer.from(content, 'utf8')), options);
}

/** Writes all of `bytes` at `position` (or at the file's current offset when null). */
export function writeAll(fd: number, bytes: Uint8Array, position: number | null = null): void {
  for (let done = 0; done < bytes.length;) {
    done += fs.writeSync(fd, bytes, done, bytes.length - done, position === null ? null : position + done);
  }
}
