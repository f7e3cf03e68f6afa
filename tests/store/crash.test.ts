import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/services/store/index.js';
import { removeTempDirs, tempDataDir } from './helpers.js';

afterEach(removeTempDirs);

const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');

/** Starts the writer with this same Node, waits until it has written, kills it at a random moment. */
function writeThenKill(dataDir: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let armed = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!armed && output.includes('wrote')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
    setTimeout(() => child.kill('SIGKILL'), 45_000);
  });
}

describe('crash safety', () => {
  it('a writer killed with SIGKILL leaves a sound store with no half-written record', async () => {
    const dir = tempDataDir();
    let previous = 0;
    for (let round = 0; round < 3; round++) {
      const { signal, output } = await writeThenKill(dir);
      expect(signal, output).toBe('SIGKILL');

      const store = openStore(dir);
      const db = store.db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const n = db.prepare('SELECT count(*) FROM attempts').pluck().get() as number;
      expect(n).toBeGreaterThan(previous);
      // Attempts are numbered 0..n-1 with no gap: each round's transaction landed whole or not at all.
      const numbers = db.prepare('SELECT CAST(answer_text AS INTEGER) FROM attempts ORDER BY 1').pluck().all();
      expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i));
      // Every problem has exactly one solution and one attempt, and vice versa.
      expect(db.prepare('SELECT count(*) FROM problems').pluck().get()).toBe(n);
      expect(db.prepare('SELECT count(*) FROM solutions').pluck().get()).toBe(n);
      expect(db.prepare(`SELECT count(*) FROM problems p WHERE (SELECT count(*) FROM solutions s WHERE s.problem_id = p.id) <> 1
        OR (SELECT count(*) FROM attempts a WHERE a.problem_id = p.id AND a.solution_id IS NOT NULL) <> 1`).pluck().get()).toBe(0);
      // Derived rows written in the same transactions agree with the attempts.
      expect(db.prepare('SELECT sum(attempts) FROM review_state').pluck().get()).toBe(n);
      expect(db.prepare('SELECT sum(attempts) FROM practice_days').pluck().get()).toBe(n);
      expect(db.prepare("SELECT count(*) FROM problem_topics").pluck().get()).toBe(0);
      const stats = store.stats();
      expect(stats.totals.attempts).toBe(n);
      expect(stats.totals.correct).toBe(numbers.filter((i) => (i as number) % 3 !== 0).length);
      previous = n;
      store.close();
    }
  }, 150_000);
});
