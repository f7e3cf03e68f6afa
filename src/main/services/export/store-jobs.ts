/**
 * Runs an import or an export on a worker thread (store-worker.ts) and gives back its progress,
 * its result and its errors as the classes the job threw (ImportError, StoreBusyError,
 * StoreError), so callers (the API behind Electron's IPC and the browser host) treat it like a
 * plain async call while their own thread stays free for other requests.
 */
import { Worker } from 'node:worker_threads';
import { StoreBusyError, StoreError } from '../store/index.js';
import { workerEntry } from '../workers/entry.js';
import type { ExportContent, ImportProgress, ImportResult } from './json.js';
import { ImportError } from './json.js';
import type { ExportFileRequest } from './write.js';
import type { ImportRefusalReason } from '../../../shared/practice/exportFile.js';

export type StoreJob =
  | { kind: 'import'; content: ExportContent }
  | { kind: 'export'; file: string; request: ExportFileRequest };

type JobResult<J extends StoreJob> = J extends { kind: 'import' } ? ImportResult : { bytes: number };

export type StoreJobMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ImportResult | { bytes: number } }
  | { type: 'error'; error: { name: string; reason: string | null; message: string } };

export function runStoreJob<J extends StoreJob>(dataDir: string, job: J, onProgress: (progress: ImportProgress) => void = () => {}): Promise<JobResult<J>> {
  const { file, execArgv } = workerEntry('store-worker', import.meta.url);
  const worker = new Worker(file, { workerData: { dataDir, job }, execArgv });
  return new Promise<JobResult<J>>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (message: StoreJobMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result as JobResult<J>));
      else settle(() => reject(rebuildError(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the ${job.kind} stopped unexpectedly (exit ${code})`))));
  });
}

/** The job's error as the class the API and CLI turn into sentences. */
function rebuildError(error: { name: string; reason: string | null; message: string }): Error {
  switch (error.name) {
    case 'ImportError':
      return new ImportError(error.reason as ImportRefusalReason, error.message);
    case 'StoreBusyError':
      return new StoreBusyError();
    case 'StoreError':
      return new StoreError(error.message);
    default:
      return new Error(error.message);
  }
}
