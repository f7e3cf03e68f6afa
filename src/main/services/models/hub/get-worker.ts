/**
 * The "get a model" job on a worker thread (run-get-job.ts starts it): converting a 24 GB
 * checkpoint is hours of CPU work that must not stall the process answering the UI. Messages:
 * in `{ type: 'cancel' }`; out `progress`, then `done` with the result or `error` with the
 * error's class name, code, message and details (rebuilt on the other side).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as convert from '../convert/index.js';
import type { GetModelProgress } from '../../../../shared/api.js';
import { getModel, type GetModelOptions, type GetResult } from './get-model.js';
import { HubClient } from './hub-api.js';

export interface GetWorkerData {
  options: GetModelOptions;
  modelsDir: string;
  endpoint: string;
  /** Travels in memory only (workerData), never through a file or the environment. */
  token: string | null;
}

export type GetWorkerMessage =
  | { type: 'progress'; progress: GetModelProgress }
  | { type: 'done'; result: GetResult }
  | { type: 'error'; error: { name: string; code: string | null; message: string; details: unknown } };

const port = parentPort!;
const data = workerData as GetWorkerData;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort();
});

const post = (message: GetWorkerMessage) => port.postMessage(message);
let lastProgress = 0;
let lastStage = '';
getModel(data.options, {
  modelsDir: data.modelsDir,
  client: new HubClient({ endpoint: data.endpoint, token: data.token }),
  converter: convert,
  signal: controller.signal,
  onProgress: (progress) => {
    // At most ten messages a second (the converter reports far more often than a bar can show),
    // but always the first of a stage and the last.
    const now = performance.now();
    if (now - lastProgress < 100 && progress.stage === lastStage && progress.doneBytes < progress.totalBytes) return;
    lastProgress = now;
    lastStage = progress.stage;
    post({ type: 'progress', progress });
  },
}).then(
  (result) => post({ type: 'done', result }),
  (error: unknown) => {
    const e = error as { name?: unknown; code?: unknown; message?: unknown; details?: unknown; constructor?: { name?: string } };
    post({
      type: 'error',
      error: {
        name: e.constructor?.name ?? String(e.name ?? 'Error'),
        code: typeof e.code === 'string' ? e.code : null,
        message: typeof e.message === 'string' ? e.message : String(error),
        details: e.details ?? null,
      },
    });
  },
).finally(() => port.close());
