/**
 * Copies a (multi-gigabyte) model file chunk by chunk on the thread pool, so that the copy
 *   - ends at the source's end of file, whatever its size was when we started (fs.copyFileSync
 *     loops for ever on copy_file_range returning 0 when the file shrinks underneath it);
 *   - refuses a source that changed size while it was read;
 *   - can be cancelled (AbortSignal) and reports progress;
 *   - never leaves `target` behind when it fails.
 */
import fs from 'node:fs';

export interface CopyProgress {
  copiedBytes: number;
  totalBytes: number;
}

export interface CopyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: CopyProgress) => void;
  /** Bytes per read/write (default 8 MiB; tests use less to see several steps). */
  chunkBytes?: number;
}

export type CopyErrorCode = 'CHANGED' | 'CANCELLED';

export class CopyError extends Error {
  constructor(readonly code: CopyErrorCode, message: string) {
    super(message);
  }
}

/** Copies `source` to a new file `target` (which must not exist). */
export async function copyFileChecked(source: string, target: string, options: CopyOptions = {}): Promise<void> {
  const { signal, onProgress } = options;
  const buffer = Buffer.allocUnsafe(options.chunkBytes ?? 8 * 1024 * 1024);
  const input = await fs.promises.open(source, 'r');
  let output: fs.promises.FileHandle | null = null;
  try {
    const totalBytes = (await input.stat()).size;
    output = await fs.promises.open(target, 'wx');
    let copied = 0;
    for (;;) {
      if (signal?.aborted) throw new CopyError('CANCELLED', `copying ${source} was cancelled`);
      const { bytesRead } = await input.read(buffer, 0, buffer.length, copied);
      if (bytesRead === 0) break; // end of file, wherever it now is
      await output.write(buffer, 0, bytesRead);
      copied += bytesRead;
      onProgress?.({ copiedBytes: copied, totalBytes });
    }
    if (copied !== totalBytes) {
      throw new CopyError('CHANGED', `${source} changed while it was copied (${copied} bytes read, ${totalBytes} expected); copy it again once nothing writes to it`);
    }
    await output.close();
  } catch (error) {
    if (output) {
      // Only a file this call created is removed (an existing `target` made the open fail).
      await output.close().catch(() => undefined);
      await fs.promises.rm(target, { force: true });
    }
    throw error;
  } finally {
    await input.close();
  }
}
