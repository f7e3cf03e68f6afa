/**
 * One import or export on a worker thread (store-jobs.ts starts it): parsing and checking a whole
 * class's file and writing its records take seconds of CPU that must not stall the thread answering
 * the UI (Electron's main process, the browser host). The worker opens its own connection to the
 * store; the caller's stays open, and sees the result once it is committed.
 * Messages out: `progress`, then `done` with the result or `error` (class name, reason, message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { importJson, writeExportFile } from './index.js';
import type { StoreJob, StoreJobMessage } from './store-jobs.js';

const port = parentPort!;
const { dataDir, job } = workerData as { dataDir: string; job: StoreJob };
const post = (message: StoreJobMessage) => port.postMessage(message);

let lastProgress = 0;
try {
  const store = openStore(dataDir);
  try {
    const result = job.kind === 'import'
      ? importJson(store, job.content, (progress) => {
        // At most ten messages a second: a bar shows no more.
        const now = performance.now();
        if (now - lastProgress < 100 && progress.done < progress.total) return;
        lastProgress = now;
        post({ type: 'progress', progress });
      })
      : { bytes: writeExportFile(store, job.file, job.request) };
    post({ type: 'done', result });
  } finally {
    store.close();
  }
} catch (error) {
  const e = error as { reason?: unknown; message?: unknown; constructor?: { name?: string } };
  post({
    type: 'error',
    error: {
      name: e.constructor?.name ?? 'Error',
      reason: typeof e.reason === 'string' ? e.reason : null,
      message: typeof e.message === 'string' ? e.message : String(error),
    },
  });
}
