/**
 * Imports and exports on a worker thread (runStoreJob): the same results and refusals as the
 * in-process service, progress as it goes, and the calling thread free for other requests meanwhile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ImportError, exportJson, exportJsonToFile, runStoreJob, type ImportProgress,
} from '../../src/main/services/export/index.js';
import { importData, saveExport } from '../../src/main/api/data.js';
import type { ImportEvent } from '../../src/shared/api.js';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { openStore } from '../../src/main/services/store/index.js';
import { FIXED_NOW, removeTempDirs, tempDataDir } from './helpers.js';

afterEach(removeTempDirs);

function classExport(attempts: number): string {
  const source = openStore(tempDataDir());
  source.merge(generateSeedData({ profiles: 4, attempts, seed: 8, until: FIXED_NOW }));
  const text = exportJson(source, {}, { now: FIXED_NOW });
  source.close();
  return text;
}

describe('store jobs on a worker thread', () => {
  it('imports as the service does, reporting progress, while the caller keeps answering', async () => {
    const text = classExport(6_000);
    const dataDir = tempDataDir();
    const store = openStore(dataDir); // the app's own connection, open all along
    const progress: ImportProgress[] = [];
    let settled = false;
    let answeredMeanwhile = false;
    const job = runStoreJob(dataDir, { kind: 'import', content: text }, (p) => {
      progress.push(p);
      // While the worker saves, this thread still answers from its own connection.
      if (p.phase === 'saving' && !settled) {
        store.historyPage({ limit: 10 });
        answeredMeanwhile = true;
      }
    }).finally(() => { settled = true; });
    const result = await job;
    expect(result.added.attempts).toBe(6_000);
    expect(answeredMeanwhile).toBe(true);
    expect(progress[0]).toEqual({ phase: 'checking', done: 0, total: 0 });
    const saving = progress.filter((p) => p.phase === 'saving');
    expect(saving.at(-1)).toMatchObject({ done: saving.at(-1)!.total });
    expect(saving.map((p) => p.done)).toEqual([...saving.map((p) => p.done)].sort((a, b) => a - b));
    expect(store.counts().attempts).toBe(6_000); // committed, and seen by the other connection
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  }, 120_000);

  it('gives back a refusal as the ImportError the service throws', async () => {
    const text = classExport(200);
    const error = await runStoreJob(tempDataDir(), { kind: 'import', content: text.slice(0, 5_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe('NOT_JSON');
  }, 60_000);

  it('exports to a file, the same bytes as in-process', async () => {
    const dataDir = tempDataDir();
    const store = openStore(dataDir);
    store.merge(generateSeedData({ profiles: 2, attempts: 300, seed: 3, until: FIXED_NOW }));
    const inWorker = path.join(tempDataDir(), 'worker.json');
    const { bytes } = await runStoreJob(dataDir, { kind: 'export', file: inWorker, request: { format: 'json', scope: {}, language: 'bn' } });
    expect(bytes).toBe(fs.statSync(inWorker).size);
    const here = path.join(tempDataDir(), 'here.json');
    exportJsonToFile(store, here);
    const withoutTime = (file: string) => fs.readFileSync(file, 'utf8').replace(/"exportedAt":"[^"]+"/, '');
    expect(withoutTime(inWorker)).toBe(withoutTime(here));
    store.close();
  }, 60_000);

  it('the API: saveFile writes to the file chosen in the dialog (nothing when cancelled); importData streams progress', async () => {
    const dataDir = tempDataDir();
    const store = openStore(dataDir);
    store.merge(generateSeedData({ profiles: 2, attempts: 300, seed: 3, until: FIXED_NOW }));
    const folder = tempDataDir();
    const offered: string[] = [];
    const saved = await saveExport(dataDir, { format: 'csv', language: 'bn' }, async (name) => {
      offered.push(name);
      return path.join(folder, name);
    });
    expect(offered).toEqual([expect.stringMatching(/^dagger-tutor-history-\d{4}-\d{2}-\d{2}\.csv$/)]);
    expect(fs.readFileSync(saved.path!, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(301); // header + 300 attempts
    expect(await saveExport(dataDir, { format: 'json', language: 'bn' }, async () => null)).toEqual({ path: null });
    expect(fs.readdirSync(folder)).toEqual([path.basename(saved.path!)]);

    const events: ImportEvent[] = [];
    const target = tempDataDir();
    openStore(target).close();
    const summary = await importData(target, { content: exportJson(store), requestId: 'r1' }, (event) => events.push(event));
    expect(summary.added.attempts).toBe(300);
    expect(events[0]).toEqual({ requestId: 'r1', type: 'progress', phase: 'checking', done: 0, total: 0 });
    expect(events.at(-1)).toMatchObject({ requestId: 'r1', phase: 'saving' });
    const refused = await importData(target, { content: '{"format":"x"}' }, () => {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'IMPORT_REJECTED', details: { reason: 'FOREIGN' } });
    store.close();
  }, 60_000);
});
