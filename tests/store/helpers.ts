/** Shared pieces of the store tests: temporary data folders and a fixed clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type PracticeStore } from '../../src/main/services/store/index.js';

const made: string[] = [];

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-store-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const FIXED_NOW = new Date('2025-03-05T12:00:00.000Z');

export function freshStore(now: Date = FIXED_NOW): { store: PracticeStore; dir: string } {
  const dir = tempDataDir();
  return { store: openStore(dir, { now: () => now }), dir };
}

/** Every table's rows, for "the store is unchanged" checks. */
export function snapshot(store: PracticeStore): Record<string, unknown[]> {
  const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
}
