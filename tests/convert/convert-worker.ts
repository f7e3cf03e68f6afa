/** Runs convertCheckpoint on a worker thread (as the app's "get" job does) for worker.test.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { convertCheckpoint, type ConvertOptions } from '../../src/main/services/models/convert/index.js';

convertCheckpoint(workerData as ConvertOptions).then(
  (result) => parentPort!.postMessage({ result }),
  (error: Error) => parentPort!.postMessage({ error: error.message }),
);
