/**
 * Practice-store benchmark: seeds 100,000 attempts, then times a page of history, the whole
 * statistics view, a full JSON export and a full import into an empty store (medians). Export and
 * import go through files as `dagger-tutor export` / `import` do: the export streamed to disk
 * (exportJsonToFile), the import from the file's bytes, reading included.
 *
 *   npm run bench:store -- [--json] [--attempts N] [--profiles N]
 *
 * Targets (issue 4): page 10 ms, statistics 50 ms, export 3 s, import 6 s. historyWorstPageMs is the
 * slowest single page over all the filters, rare ones included (a topic nobody practised, a
 * narrow combination), where a page must not scan the whole table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportJsonToFile, importJson } from '../src/main/services/export/index.js';
import { openStore } from '../src/main/services/store/index.js';
import { generateSeedData } from '../src/main/services/store/seed.js';
import type { HistoryPageRequest } from '../src/shared/practice/queries.js';

const { values } = parseArgs({ options: {
  json: { type: 'boolean', default: false }, attempts: { type: 'string', default: '100000' }, profiles: { type: 'string', default: '5' },
} });
const attempts = Number(values.attempts);
const log = (text: string) => { if (!values.json) process.stdout.write(`${text}\n`); };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = <T>(fn: () => T): [number, T] => {
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
};
const round = (ms: number) => Math.round(ms * 100) / 100;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-bench-store-'));
try {
  const store = openStore(path.join(root, 'source'));
  const [seedMs] = time(() => store.merge(generateSeedData({ profiles: Number(values.profiles), attempts, seed: 42, until: new Date('2025-03-01') })));
  log(`seeded ${store.counts().attempts} attempts in ${Math.round(seedMs)} ms`);
  const profiles = store.listProfiles().filter((p) => p.role === 'student');

  // History: the newest page and 20 pages deep, unfiltered and under each kind of filter.
  const pageTimes: number[] = [];
  const filters: HistoryPageRequest[] = [
    {}, { profileId: profiles[0]!.id }, { correct: false }, { topic: 'money' }, { distractorType: 'NEED' },
    { profileId: profiles[1]!.id, correct: true, distractorType: 'RED' }, { from: '2025-02-01T00:00:00Z', to: '2025-02-08T00:00:00Z' },
    // Rare: no attempts at all (the seed has no percentage problems), or few among many.
    { topic: 'percentage' }, { topic: 'percentage', distractorType: 'RED', correct: true },
    { from: '2025-01-20T00:00:00Z', topic: 'rounding', distractorType: 'NEED' },
    { profileId: profiles[0]!.id, correct: false, topic: 'measurement', distractorType: 'NEED' },
    { profileId: profiles[2]!.id, correct: false, topic: 'rate', distractorType: 'OAD', from: '2025-02-01T00:00:00Z' },
  ];
  for (const filter of filters) {
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const [ms, result] = time(() => store.historyPage({ ...filter, limit: 50, cursor }));
      pageTimes.push(ms);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  }
  const historyPageMs = median(pageTimes);
  const historyWorstPageMs = Math.max(...pageTimes);
  log(`history page (50 rows): median ${round(historyPageMs)} ms, worst ${round(historyWorstPageMs)} ms over ${pageTimes.length} pages`);

  // Statistics: everyone (all 100,000 attempts) and one learner.
  const statsTimes = Array.from({ length: 9 }, () => time(() => store.stats())[0]);
  const statsMs = median(statsTimes);
  const oneTimes = Array.from({ length: 9 }, () => time(() => store.stats({ profileId: profiles[0]!.id }))[0]);
  log(`statistics: all learners median ${round(statsMs)} ms; one learner median ${round(median(oneTimes))} ms`);

  const file = path.join(root, 'export.json');
  const exportTimes = Array.from({ length: 3 }, () => time(() => exportJsonToFile(store, file))[0]);
  const exportMs = median(exportTimes);
  log(`export JSON: median ${Math.round(exportMs)} ms (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  store.close();

  const importTimes = Array.from({ length: 3 }, (_, i) => {
    const target = openStore(path.join(root, `target-${i}`));
    const [ms, result] = time(() => importJson(target, fs.readFileSync(file)));
    if (result.added.attempts !== attempts) throw new Error(`import added ${result.added.attempts} attempts`);
    target.close();
    return ms;
  });
  const importMs = median(importTimes);
  log(`import JSON into an empty store: median ${Math.round(importMs)} ms`);

  const figures = { attempts, historyPageMs: round(historyPageMs), historyWorstPageMs: round(historyWorstPageMs), statsMs: round(statsMs), exportMs: Math.round(exportMs), importMs: Math.round(importMs) };
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else log(`targets: page 10 ms, stats 50 ms, export 3000 ms, import 6000 ms\n${JSON.stringify(figures)}`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
