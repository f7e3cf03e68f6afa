/**
 * The store shared by two real processes, as it is when the app (or the browser host) runs and
 * someone imports or seeds with the `dagger-tutor` command beside it: a bulk write waits for the
 * other's write lock or fails cleanly, and never leaves a connection weaker than it found it
 * (foreign keys off, another journal mode).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, createHttpBridge } from '../../src/shared/transport/index.js';
import type { DaggerApi } from '../../src/shared/api.js';
import { exportJsonToFile, importJson } from '../../src/main/services/export/index.js';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { StoreError, openStore } from '../../src/main/services/store/index.js';
import { FIXED_NOW, removeTempDirs, tempDataDir } from './helpers.js';

const HOLDER = path.join(import.meta.dirname, 'store-holder.ts');
/** Above the store's threshold for a bulk merge (5,000 attempts), which changes connection settings. */
const BULK_ATTEMPTS = 6_000;

const children: ChildProcessWithoutNullStreams[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.stdin.end();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
  removeTempDirs();
});

/** A child process with its standard output read line by line. */
function start(args: string[]): { child: ChildProcessWithoutNullStreams; line: (match: (text: string) => boolean) => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: 'pipe' });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const lines: string[] = [];
  const waiting: Array<{ match: (text: string) => boolean; resolve: (text: string) => void }> = [];
  readline.createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(text);
    for (const w of [...waiting]) if (w.match(text)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(text); }
  });
  const line = (match: (text: string) => boolean) => new Promise<string>((resolve, reject) => {
    const seen = lines.find(match);
    if (seen !== undefined) return resolve(seen);
    waiting.push({ match, resolve });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} ended (${code}) before the line expected: ${stderr}`)));
  });
  return { child, line };
}

/** A process that has the store of `dataDir` open and can take its write lock on request. */
async function holdStore(dataDir: string) {
  const holder = start([HOLDER, 'store', dataDir]);
  await holder.line((l) => l === 'ready');
  return {
    /** Takes the write lock for `ms` milliseconds (until unlock() without); resolves once it is held. */
    async lock(ms?: number) {
      holder.child.stdin.write(`lock ${ms ?? ''}\n`);
      await holder.line((l) => l === 'locked');
    },
    unlock: () => holder.child.stdin.write('unlock\n'),
    released: () => holder.line((l) => l === 'released'),
  };
}

/** The browser host running in its own process over `dataDir`. */
async function runHost(dataDir: string): Promise<DaggerApi> {
  const host = start([HOLDER, 'host', dataDir]);
  const { origin, token } = JSON.parse(await host.line((l) => l.startsWith('{'))) as { origin: string; token: string };
  return createApiClient(createHttpBridge({ baseUrl: origin, token }));
}

/** Runs `dagger-tutor ARGS --json` in its own process; its exit code and the JSON it printed. */
async function cli(dataDir: string, args: string[]): Promise<{ code: number | null; out: Record<string, unknown>; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, ...args, '--json'], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = stdout.trim().split('\n').pop() ?? '';
  return { code, out: last.startsWith('{') ? JSON.parse(last) as Record<string, unknown> : {}, stderr };
}

let exportDir: string;
let exportFile: string;

beforeAll(() => {
  // A whole class's export, large enough for the bulk path (kept for every test of the file).
  exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-class-'));
  const source = openStore(exportDir);
  source.merge(generateSeedData({ profiles: 6, attempts: BULK_ATTEMPTS, seed: 5, until: FIXED_NOW }));
  exportFile = path.join(exportDir, 'class.json');
  exportJsonToFile(source, exportFile, {}, { now: FIXED_NOW });
  source.close();
}, 120_000);

afterAll(() => fs.rmSync(exportDir, { recursive: true, force: true }));

/** The connection's settings that a bulk write may change for a while. */
const settingsOf = (db: Database.Database) => ({
  foreignKeys: db.pragma('foreign_keys', { simple: true }),
  journalMode: db.pragma('journal_mode', { simple: true }),
});

describe('bulk writes beside another process', () => {
  it('the long-lived connection imports beside a process holding the store, and keeps checking references', async () => {
    const dataDir = tempDataDir();
    const store = openStore(dataDir); // the app's connection, open all along
    const before = settingsOf(store.db);
    await holdStore(dataDir);
    const result = importJson(store, fs.readFileSync(exportFile));
    expect(result.added.attempts).toBe(BULK_ATTEMPTS);
    expect(settingsOf(store.db)).toEqual(before);
    const { profileId, problemId } = store.dump().attempts[0]!;
    const dangling = { profileId, problemId, sessionId: '00000000-0000-4000-8000-000000000000', answerText: '৪', correct: false, timeMs: 1 };
    expect(() => store.recordAttempt(dangling)).toThrow(/not in the store/);
    // Its own export imports again (no dangling reference slipped in).
    const again = path.join(tempDataDir(), 'again.json');
    exportJsonToFile(store, again);
    const copy = openStore(tempDataDir());
    expect(importJson(copy, fs.readFileSync(again)).added.attempts).toBe(BULK_ATTEMPTS);
    copy.close();
    store.close();
  }, 120_000);

  it('the browser host imports over HTTP beside a process holding the store, and refuses dangling attempts after', async () => {
    const dataDir = tempDataDir();
    const api = await runHost(dataDir);
    await holdStore(dataDir);
    const summary = await api.importData({ content: fs.readFileSync(exportFile, 'utf8') });
    expect(summary.added.attempts).toBe(BULK_ATTEMPTS);
    const profile = (await api.listProfiles()).find((p) => p.role === 'student')!;
    await expect(api.recordAttempt({ profileId: profile.id, sessionId: '00000000-0000-4000-8000-000000000000', text: '২ + ২ কত?', answerText: '৪' }))
      .rejects.toThrow();
    expect((await api.stats({})).totals.attempts).toBe(BULK_ATTEMPTS);
  }, 120_000);

  it('dagger-tutor import and dev seed run beside the running browser host', async () => {
    const dataDir = tempDataDir();
    const api = await runHost(dataDir);
    const imported = await cli(dataDir, ['import', exportFile]);
    expect(imported, imported.stderr).toMatchObject({ code: 0, out: { ok: true, added: { attempts: BULK_ATTEMPTS } } });
    const seeded = await cli(dataDir, ['dev', 'seed', '--profiles', '4', '--attempts', String(BULK_ATTEMPTS), '--seed', '9', '--until', '2025-03-05']);
    expect(seeded, seeded.stderr).toMatchObject({ code: 0, out: { attempts: BULK_ATTEMPTS } });
    expect((await api.stats({})).totals.attempts).toBe(2 * BULK_ATTEMPTS);
    const check = openStore(dataDir);
    expect(check.db.pragma('foreign_key_check')).toEqual([]);
    expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  }, 180_000);

  it('an import waits while another process writes, then goes ahead', async () => {
    const dataDir = tempDataDir();
    const holder = await holdStore(dataDir);
    await holder.lock(1_500);
    const started = Date.now();
    const imported = await cli(dataDir, ['import', exportFile]);
    expect(imported, imported.stderr).toMatchObject({ code: 0, out: { ok: true, added: { attempts: BULK_ATTEMPTS } } });
    await holder.released();
    expect(Date.now() - started).toBeGreaterThan(1_000);
  }, 120_000);

  it('fails cleanly, changing nothing, when the other process keeps the write lock past the busy timeout', async () => {
    const dataDir = tempDataDir();
    const store = openStore(dataDir);
    const before = settingsOf(store.db);
    const holder = await holdStore(dataDir);
    await holder.lock(); // until both refusals below, each after the store's busy timeout (5 s)
    expect(() => importJson(store, fs.readFileSync(exportFile))).toThrow(StoreError);
    expect(settingsOf(store.db)).toEqual(before);
    const refused = await cli(dataDir, ['import', exportFile]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatchObject({ ok: false, reason: 'STORE_BUSY' });
    expect(refused.stderr).toMatch(/busy.*nothing was changed/i);
    holder.unlock();
    await holder.released();
    expect(store.counts().attempts).toBe(0);
    store.close();
  }, 120_000);
});
