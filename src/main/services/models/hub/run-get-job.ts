/**
 * Starts the "get a model" job (get-model.ts) on a worker thread (get-worker.ts) and gives back
 * its progress, its result and its errors as the same classes the job threw, so callers (the API,
 * the CLI) treat it like a plain async call: `signal` cancels it.
 *
 * The worker's script is found by workers/entry.ts (the .ts source with tsx, or out/main/get-worker.js,
 * an entry of electron.vite.config.ts).
 */
import { Worker } from 'node:worker_threads';
import type { GetModelProgress } from '../../../../shared/api.js';
import { ConvertError, type ConvertErrorCode } from '../convert/errors.js';
import { DownloadError, type DownloadErrorCode } from '../download.js';
import { ModelRequestError, type ModelRequestErrorCode } from '../model-service.js';
import { workerEntry } from '../../workers/entry.js';
import type { GetModelOptions, GetResult } from './get-model.js';
import type { GetWorkerData, GetWorkerMessage } from './get-worker.js';

export interface GetJobOptions {
  modelsDir: string;
  endpoint: string;
  token: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: GetModelProgress) => void;
}

export function runGetJob(options: GetModelOptions, job: GetJobOptions): Promise<GetResult> {
  const data: GetWorkerData = { options, modelsDir: job.modelsDir, endpoint: job.endpoint, token: job.token };
  const { file, execArgv } = workerEntry('get-worker', import.meta.url);
  const worker = new Worker(file, { workerData: data, execArgv });
  return new Promise<GetResult>((resolve, reject) => {
    const cancel = () => worker.postMessage({ type: 'cancel' });
    if (job.signal?.aborted) cancel();
    job.signal?.addEventListener('abort', cancel, { once: true });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener('abort', cancel);
      action();
    };
    worker.on('message', (message: GetWorkerMessage) => {
      if (message.type === 'progress') job.onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(rebuildError(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the model job stopped unexpectedly (exit ${code})`))));
  });
}

/** The job's errors as the classes the API and CLI map to sentences. */
function rebuildError(error: { name: string; code: string | null; message: string; details: unknown }): Error {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, string | number>;
  switch (error.name) {
    case 'DownloadError':
      return new DownloadError(error.message, error.code as DownloadErrorCode, details);
    case 'ConvertError':
      return new ConvertError(error.code as ConvertErrorCode, error.message);
    case 'ModelRequestError':
      return new ModelRequestError(error.code as ModelRequestErrorCode, error.message);
    default:
      return new Error(error.message);
  }
}
