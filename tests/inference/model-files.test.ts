/** Model-file checks, import/list/delete/select and download (with interruption + resume) against real files and a real local HTTP server. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, downloadModelFile, type DownloadProgress } from '../../src/main/services/models/download.js';
import { inspectGguf, ModelFileError, validateModelFile } from '../../src/main/services/models/gguf/inspect.js';
import { writeGguf } from '../../src/main/services/models/gguf/writer.js';
import { loadCatalog, resolveDownloadUrl } from '../../src/main/services/models/catalog.js';
import { ModelService } from '../../src/main/services/models/model-service.js';
import type { CopyProgress } from '../../src/main/services/models/copy-file.js';
import { toApiError } from '../../src/main/api/models.js';
import { ensureTestModel } from '../support/test-model.js';

let tmp: string;
let model: string;
beforeAll(async () => {
  model = await ensureTestModel();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-models-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectCode(fn: () => unknown, code: string, text: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).code).toBe(code);
    expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('model file validation', () => {
  it('reads the test model header', () => {
    const s = validateModelFile(model);
    expect(s).toMatchObject({ version: 3, architecture: 'gemma3', name: 'dagger-tutor-test-model', blockCount: 2 });
    expect(s.expectedBytes).toBe(s.sizeBytes);
  });

  it('names a missing file', () => expectCode(() => validateModelFile(path.join(tmp, 'nope.gguf')), 'MISSING', /not found/));

  it('refuses a non-GGUF file', () => {
    const file = path.join(tmp, 'photo.gguf');
    fs.writeFileSync(file, 'PK\u0003\u0004 definitely a zip');
    expectCode(() => validateModelFile(file), 'NOT_GGUF', /not a GGUF/);
    fs.writeFileSync(file, '');
    expectCode(() => validateModelFile(file), 'NOT_GGUF', /not a GGUF/);
  });

  it('detects truncation in the tensor data and in the header', () => {
    const bytes = fs.readFileSync(model);
    const cut = path.join(tmp, 'cut.gguf');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    expectCode(() => validateModelFile(cut), 'TRUNCATED', /incomplete/);
    fs.writeFileSync(cut, bytes.subarray(0, 200));
    expectCode(() => validateModelFile(cut), 'TRUNCATED', /incomplete/);
  });

  it('refuses another architecture but can still inspect it', () => {
    const file = path.join(tmp, 'llama.gguf');
    writeGguf(file, { 'general.architecture': { type: 'string', value: 'llama' } }, [{ name: 'x', dims: [4], data: new Float32Array(4) }]);
    expect(inspectGguf(file).architecture).toBe('llama');
    expectCode(() => validateModelFile(file), 'WRONG_ARCHITECTURE', /"llama" model.*gemma3/);
  });

  it('refuses an unsupported GGUF version', () => {
    const file = path.join(tmp, 'v9.gguf');
    const bytes = Buffer.from(fs.readFileSync(model));
    bytes.writeUInt32LE(9, 4);
    fs.writeFileSync(file, bytes);
    expectCode(() => validateModelFile(file), 'UNSUPPORTED_VERSION', /version 9/);
  });

  it('refuses a metadata value type GGUF does not define as a damaged model file, naming the entry', () => {
    const key = Buffer.from('general.architecture');
    const header = Buffer.alloc(4 + 4 + 8 + 8 + 8 + key.length + 4 + 8);
    let at = header.write('GGUF', 0, 'latin1');
    at = header.writeUInt32LE(3, at);
    at = header.writeBigUInt64LE(0n, at); // tensors
    at = header.writeBigUInt64LE(1n, at); // metadata entries
    at = header.writeBigUInt64LE(BigInt(key.length), at);
    at += key.copy(header, at);
    at = header.writeUInt32LE(99, at); // no such value type
    const file = path.join(tmp, 'type99.gguf');
    fs.writeFileSync(file, header);
    expectCode(() => validateModelFile(file), 'NOT_GGUF', /"general\.architecture" has value type 99/);
    // An array of an undefined item type, too.
    header.writeUInt32LE(9, at - 4);
    header.writeUInt32LE(77, at);
    fs.writeFileSync(file, Buffer.concat([header, Buffer.alloc(8)]));
    expectCode(() => validateModelFile(file), 'NOT_GGUF', /array item type 77/);
    // Through the contract it is a model-file refusal with its reason, not INTERNAL.
    expect(toApiError(tryCatch(() => validateModelFile(file))).toJSON()).toMatchObject({ code: 'MODEL_LOAD_FAILED', details: { reason: 'NOT_GGUF' } });
  });
});

function tryCatch(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('importing a model file', () => {
  const service = () => new ModelService(fs.mkdtempSync(path.join(tmp, 'import-')));
  const leftovers = (s: ModelService) => fs.readdirSync(path.join(s.dataDir, 'models')).filter((n) => !n.endsWith('.gguf'));
  /** A private copy of the test model, padded so the copy takes many small chunks. */
  function sourceCopy(name: string): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'src-'));
    const file = path.join(dir, name);
    fs.copyFileSync(model, file);
    return file;
  }

  it('reports progress up to the whole size', async () => {
    const s = service();
    const seen: CopyProgress[] = [];
    const imported = await s.import(sourceCopy('m.gguf'), { chunkBytes: 64 * 1024, onProgress: (p) => seen.push(p) });
    const size = fs.statSync(model).size;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual({ copiedBytes: size, totalBytes: size });
    expect(seen.map((p) => p.copiedBytes)).toEqual([...seen.map((p) => p.copiedBytes)].sort((a, b) => a - b));
    expect(imported.sizeBytes).toBe(size);
    expect(leftovers(s)).toEqual([]);
  });

  it('ends, refused and cleaned up, when the file shrinks while it is copied', async () => {
    const s = service();
    const source = sourceCopy('shrinking.gguf');
    const size = fs.statSync(source).size;
    const copying = s.import(source, {
      chunkBytes: 64 * 1024,
      onProgress: ({ copiedBytes }) => { if (copiedBytes === 64 * 1024) fs.truncateSync(source, Math.floor(size / 2)); },
    });
    await expect(copying).rejects.toMatchObject({ code: 'CHANGED', message: expect.stringMatching(/changed while it was copied/) });
    expect(s.list()).toEqual([]);
    expect(leftovers(s)).toEqual([]);
  });

  it('can be cancelled, leaving nothing behind', async () => {
    const s = service();
    const controller = new AbortController();
    const copying = s.import(sourceCopy('cancel.gguf'), { chunkBytes: 64 * 1024, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(copying).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(toApiError(await copying.catch((e: unknown) => e)).code).toBe('CANCELLED');
    expect(s.list()).toEqual([]);
    expect(leftovers(s)).toEqual([]);
  });

  it('removes what an import killed mid-copy left behind, but not a copy still being written', async () => {
    const s = service();
    const models = path.join(s.dataDir, 'models');
    fs.mkdirSync(models, { recursive: true });
    const abandoned = path.join(models, '.importing-0123456789ab');
    const running = path.join(models, '.importing-ba9876543210');
    fs.writeFileSync(abandoned, 'half a model');
    fs.writeFileSync(running, 'a model being copied');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(abandoned, hourAgo, hourAgo);
    await s.import(sourceCopy('m.gguf'));
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });

  it('installs a file without the .gguf extension under a .gguf name, listed and deletable', async () => {
    const s = service();
    const imported = await s.import(sourceCopy('dagger-model.bin'));
    expect(imported.fileName).toBe('dagger-model.bin.gguf');
    expect(s.list().map((m) => m.fileName)).toEqual(['dagger-model.bin.gguf']);
    expect(s.delete(imported.fileName)).toBe(true);
    expect(fs.readdirSync(path.join(s.dataDir, 'models'))).toEqual([]);
  });

  it('takes a 250-character file name (the temporary name is short) and refuses one no file system takes', async () => {
    const s = service();
    const long = `${'m'.repeat(245)}.gguf`;
    const imported = await s.import(sourceCopy(long));
    expect(imported.fileName).toBe(long);
    expect(s.list().map((m) => m.fileName)).toEqual([long]);
    // 252 characters without .gguf: 257 with it, over the limit — refused before anything is copied.
    await expect(s.import(sourceCopy('n'.repeat(252)))).rejects.toMatchObject({ code: 'BAD_FILE_NAME', message: expect.stringMatching(/too long/) });
    // A name the app could not delete afterwards (the contract refuses ":" in model file names).
    await expect(s.import(sourceCopy('a:b.gguf'))).rejects.toMatchObject({ code: 'BAD_FILE_NAME' });
    expect(s.list().map((m) => m.fileName)).toEqual([long]);
    expect(leftovers(s)).toEqual([]);
  });
});

describe('ModelService', () => {
  it('imports, lists, selects, picks the default and deletes', async () => {
    const service = new ModelService(path.join(tmp, 'data1'));
    expect(service.list()).toEqual([]);
    expect(() => service.defaultModel()).toThrow(/no model installed/);
    const imported = await service.import(model);
    expect(imported).toMatchObject({ architecture: 'gemma3', sizeBytes: fs.statSync(model).size, problem: null });
    expect(imported.fit.verdict).toBe('cpu');
    expect(service.list().map((m) => m.fileName)).toEqual([path.basename(model)]);
    expect(service.defaultModel()).toBe(imported.path);
    await expect(service.import(model)).rejects.toThrow(expect.objectContaining({ code: 'ALREADY_INSTALLED', message: expect.stringMatching(/already installed/) }));
    service.select(imported.path);
    expect(service.list()[0]!.selected).toBe(true);
    expect(() => service.delete('../settings.json')).toThrow(expect.objectContaining({ code: 'BAD_FILE_NAME' }));
    expect(service.delete(imported.fileName)).toBe(true);
    expect(service.selectedPath()).toBeNull();
    expect(service.list()).toEqual([]);
  });

  it('imports nothing when the file is unusable', async () => {
    const service = new ModelService(path.join(tmp, 'data2'));
    const bad = path.join(tmp, 'bad.gguf');
    fs.writeFileSync(bad, 'hello');
    await expect(service.import(bad)).rejects.toThrow(/not a GGUF/);
    expect(service.list()).toEqual([]);
  });

  it('has a valid catalog with the DAGGER and Gemma-3 entries', async () => {
    const catalog = loadCatalog();
    expect(catalog.map((m) => m.family)).toEqual(expect.arrayContaining(['DAGGER 12B SFT→GRPO', 'DAGGER 4B SFT→GRPO', 'Gemma-3 12B it', 'Gemma-3 4B it']));
    // The DAGGER entries are Hub checkpoints the app converts itself (issue 12), not Python steps.
    for (const m of catalog.filter((e) => e.family.startsWith('DAGGER'))) {
      expect(m.hub?.repo).toMatch(/^dipta007\/dagger-(4B|12B)_(SFT|GRPO|SFT_GRPO)$/);
      expect(m.instructions).toContain(`models get ${m.hub!.repo}`);
    }
    expect(new Set(catalog.flatMap((m) => (m.hub ? [m.hub.repo] : []))).size).toBe(6);
    expect(catalog.filter((m) => m.recommended).map((m) => m.hub?.repo)).toEqual(['dipta007/dagger-12B_SFT_GRPO']);
    expect(resolveDownloadUrl('hf:ggml-org/gemma-3-4b-it-GGUF/gemma-3-4b-it-Q4_K_M.gguf'))
      .toBe('https://huggingface.co/ggml-org/gemma-3-4b-it-GGUF/resolve/main/gemma-3-4b-it-Q4_K_M.gguf');
    await expect(new ModelService(tmp).download('dagger-12b-sft-grpo-q4_k_m')).rejects.toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED', message: expect.stringMatching(/no published GGUF/) }));
  });

  it('says which part of a download request is wrong before anything is fetched', async () => {
    const service = new ModelService(path.join(tmp, 'data-requests'));
    const refused = async (source: string) => service.download(source).then(() => null, (error: { code?: string }) => error.code);
    expect(await refused('ftp://example.org/model.gguf')).toBe('BAD_SOURCE');
    expect(await refused('dagger-99b')).toBe('BAD_SOURCE'); // neither a catalog id nor an address
    expect(await refused('hf:only-owner')).toBe('BAD_SOURCE');
    expect(await refused('https://exa mple.org/model.gguf')).toBe('BAD_SOURCE');
    expect(await refused('https://example.org/models/')).toBe('NO_FILE_NAME');
    expect(await refused('https://example.org/download?file=model.gguf')).toBe('NO_FILE_NAME');
    // Names the app could not delete afterwards, or too long once `.part` is added, are refused up front.
    expect(await refused('https://example.org/a%3Ab.gguf')).toBe('BAD_FILE_NAME');
    expect(await refused(`https://example.org/${'m'.repeat(247)}.gguf`)).toBe('BAD_FILE_NAME');
  });
});

describe('download', () => {
  let server: http.Server;
  let base: string;
  let bytes: Buffer;
  /** When set, the server sends only this many bytes of a full response, then drops the connection. */
  let dropAfter: number | null = null;
  const rangesSeen: string[] = [];

  beforeAll(async () => {
    bytes = fs.readFileSync(model);
    server = http.createServer((req, res) => {
      if (req.url === '/missing.gguf') { res.writeHead(404).end(); return; }
      const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      rangesSeen.push(req.headers.range ?? 'none');
      const body = bytes.subarray(start);
      res.writeHead(range ? 206 : 200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
      if (dropAfter !== null) {
        res.write(body.subarray(0, dropAfter), () => res.destroy());
        return;
      }
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resumes after an interruption with a Range request and ends with a valid model', async () => {
    const destination = path.join(tmp, 'dl', 'model.gguf');
    dropAfter = 100_000;
    const error = await downloadModelFile({ url: `${base}/model.gguf`, destination }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(fs.existsSync(destination)).toBe(false);
    expect(fs.statSync(`${destination}.part`).size).toBe(100_000);

    dropAfter = null;
    const progress: DownloadProgress[] = [];
    const summary = await downloadModelFile({ url: `${base}/model.gguf`, destination, expectedBytes: bytes.length, onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    expect(rangesSeen.at(-1)).toBe('bytes=100000-');
    expect(summary.architecture).toBe('gemma3');
    expect(fs.readFileSync(destination).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${destination}.part`)).toBe(false);
    const last = progress.at(-1)!;
    expect(last.receivedBytes).toBe(bytes.length);
    expect(last.totalBytes).toBe(bytes.length);
    expect(last.etaSeconds).toBe(0);
    expect(progress[0]!.receivedBytes).toBeGreaterThan(100_000);
  });

  it('can be cancelled, keeping the partial file for a resume', async () => {
    const destination = path.join(tmp, 'dl2', 'model.gguf');
    const controller = new AbortController();
    controller.abort();
    await expect(downloadModelFile({ url: `${base}/model.gguf`, destination, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(destination)).toBe(false);
  });

  it('checks size and checksum, and reports HTTP errors', async () => {
    await expect(downloadModelFile({ url: `${base}/model.gguf`, destination: path.join(tmp, 'dl3', 'a.gguf'), expectedBytes: bytes.length + 5 }))
      .rejects.toMatchObject({ code: 'SIZE_MISMATCH' });
    await expect(downloadModelFile({ url: `${base}/model.gguf`, destination: path.join(tmp, 'dl4', 'a.gguf'), sha256: '0'.repeat(64) }))
      .rejects.toMatchObject({ code: 'CHECKSUM' });
    expect(fs.existsSync(path.join(tmp, 'dl4', 'a.gguf.part'))).toBe(false);
    await expect(downloadModelFile({ url: `${base}/missing.gguf`, destination: path.join(tmp, 'dl5', 'a.gguf') }))
      .rejects.toMatchObject({ code: 'HTTP', message: expect.stringMatching(/404/) });
  });

  it('downloads through the ModelService into <dataDir>/models', async () => {
    const service = new ModelService(path.join(tmp, 'data3'));
    const installed = await service.download(`${base}/tiny.gguf`);
    expect(installed.path).toBe(path.join(tmp, 'data3', 'models', 'tiny.gguf'));
    expect(service.list().map((m) => m.fileName)).toEqual(['tiny.gguf']);
  });
});
