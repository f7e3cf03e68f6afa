/**
 * Without llama.cpp's library (here: DAGGER_GGML_LIBRARY names a file that is not one), the float
 * outputs still convert and the quantised ones are refused with the reason. Its own test file, so
 * its own process: the library is looked up once per process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConvertError, convertCheckpoint, planConversion } from '../../src/main/services/models/convert/index.js';
import { GGML_LIBRARY_ENV } from '../../src/main/services/models/convert/ggml-library.js';
import { CHECKPOINT_DIR, differencesFromManifest, readManifest } from './reference.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-no-quantiser-'));
  const notALibrary = path.join(tmp, 'libggml-base.so');
  fs.writeFileSync(notALibrary, 'not a shared library');
  process.env[GGML_LIBRARY_ENV] = notALibrary;
});
afterAll(() => {
  delete process.env[GGML_LIBRARY_ENV];
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('refuses Q4_K_M and Q8_0 with the reason', () => {
  for (const quant of ['Q4_K_M', 'Q8_0'] as const) {
    let error: unknown;
    try {
      planConversion(CHECKPOINT_DIR, quant);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvertError);
    expect((error as ConvertError).code).toBe('QUANTISER_UNAVAILABLE');
    expect((error as ConvertError).message).toMatch(new RegExp(`${quant} needs llama.cpp's quantiser.*could not be loaded.*F16, BF16 and F32 still work`));
  }
});

it('still converts to BF16', async () => {
  const out = path.join(tmp, 'tiny-BF16.gguf');
  await convertCheckpoint({ sourceDir: CHECKPOINT_DIR, outFile: out, quant: 'BF16' });
  expect(differencesFromManifest(out, readManifest('BF16'))).toEqual([]);
});
