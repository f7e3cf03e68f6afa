/** The converter inside a worker_thread: koffi's quantiser and node-llama-cpp's verification load there too. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, expect, it } from 'vitest';
import { CHECKPOINT_DIR, differencesFromManifest, readManifest } from './reference.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-convert-worker-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('converts, quantises and verifies Q4_K_M on a worker thread', async () => {
  const outFile = path.join(tmp, 'tiny-Q4_K_M.gguf');
  const worker = new Worker(new URL('./convert-worker.ts', import.meta.url), {
    workerData: { sourceDir: CHECKPOINT_DIR, outFile, quant: 'Q4_K_M' },
    execArgv: ['--import', 'tsx'],
  });
  const message = await new Promise<{ result?: { tensors: number }; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // The worker ends by itself once the job is done (terminating it while llama.cpp is loaded aborts the process).
  expect(await new Promise((resolve) => worker.once('exit', resolve))).toBe(0);
  expect(message.error).toBeUndefined();
  expect(message.result?.tensors).toBe(80);
  expect(differencesFromManifest(outFile, readManifest('Q4_K_M'))).toEqual([]);
});
