/**
 * Export files are written under a temporary name beside their target (`<file>.<pid>.partial`,
 * see files.ts) and renamed when complete. A process killed midway leaves that temporary file
 * wherever the user chose to save, so each one is first listed in the data folder
 * (`partial-exports/`: one small entry per temporary file, naming it and the process writing it).
 * The entry goes when the write ends; on the next start (openStore) every entry whose process has
 * ended is cleaned up: its temporary file deleted, then the entry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface Entry {
  pid: number;
  partial: string;
}

/** Lists `partial` (being written by this process) in `listDir`; returns the function that unlists it. */
export function listPartial(listDir: string, partial: string): () => void {
  fs.mkdirSync(listDir, { recursive: true });
  const entry = path.join(listDir, `${process.pid}-${crypto.randomUUID()}.json`);
  const content: Entry = { pid: process.pid, partial: path.resolve(partial) };
  fs.writeFileSync(entry, JSON.stringify(content));
  return () => fs.rmSync(entry, { force: true });
}

/**
 * Deletes the temporary files listed in `listDir` by processes that have ended, and their
 * entries; returns the files deleted. Only files named `*.partial` are ever deleted: an entry is
 * data on disk, and a damaged one must not name something else.
 */
export function removeStalePartials(listDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(listDir);
  } catch {
    return []; // No list yet: nothing was ever exported from here.
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(listDir, name);
    const entry = readEntry(file);
    if (entry && isRunning(entry.pid)) continue;
    if (entry?.partial.endsWith('.partial') && fs.existsSync(entry.partial)) {
      fs.rmSync(entry.partial, { force: true });
      removed.push(entry.partial);
    }
    fs.rmSync(file, { force: true });
  }
  return removed;
}

function readEntry(file: string): Entry | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Entry>;
    return typeof value.pid === 'number' && typeof value.partial === 'string' ? { pid: value.pid, partial: value.partial } : null;
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
