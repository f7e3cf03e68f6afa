/**
 * Starts the "get a model" job (get-model.ts) on a worker thread (get-worker.ts) and gives back
 * its progress, its result and its errors as the same classes the job threw, so callers (the API,
 * the CLI) treat it like a plain async call: `signal` cancels it.
 *
 * From the sources (tsx, vitest) the worker is the .ts file with tsx's loader; in the built app it
 * is out/main/get-worker.js, a separate entry in electron.vite.config.ts.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GetModelProgress } from '../../../../shared/api.js';
import { ConvertError, type ConvertErrorCode } from '../convert/errors.js';
import { DownloadError, type DownloadErrorCode } from '../download.js';
import { ModelRequestError, type ModelRequestErrorCode } from '../model-service.js';
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
  const { file, execArgv } = workerEntry();
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

function workerEntry(): { file: URL | string; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    // Running from the sources: the worker needs tsx's loader too (inherited when tsx started us).
    const inherited = process.execArgv.some((a) => a.includes('tsx'));
    return { file: new URL('./get-worker.ts', import.meta.url), execArgv: inherited ? process.execArgv : ['--import', 'tsx'] };
  }
  // Bundled: this code sits in out/main/index.js or a chunk beside or below it.
  for (const candidate of ['./get-worker.js', '../get-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error('the model job (get-worker.js) is missing from this build');
}
