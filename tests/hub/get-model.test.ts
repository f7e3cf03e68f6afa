/**
 * The whole "get a model" job on the fixture checkpoint (tests/fixtures/gemma3-tiny), served by
 * the local Hub-like server: plan, download, convert + quantise, verify (llama.cpp loads it), install
 * with its source record; on the real worker thread, as the app and the CLI run it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetModelProgress } from '../../src/shared/api.js';
import * as convert from '../../src/main/services/models/convert/index.js';
import { sha256OfFile } from '../../src/main/services/models/download.js';
import { validateModelFile } from '../../src/main/services/models/gguf/inspect.js';
import { planGetModel } from '../../src/main/services/models/hub/get-model.js';
import { HubClient } from '../../src/main/services/models/hub/hub-api.js';
import { readModelSource } from '../../src/main/services/models/hub/model-source.js';
import { runGetJob } from '../../src/main/services/models/hub/run-get-job.js';
import { ModelService } from '../../src/main/services/models/model-service.js';
import { filesOfFolder, startFakeHub, type FakeHub } from '../support/fake-hub.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/gemma3-tiny/gemma3-tiny-text');
const REPO = 'test/gemma3-tiny';

let hub: FakeHub;
let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-get-'));
  const files = filesOfFolder(FIXTURE);
  const config = JSON.parse(files['config.json']!.toString()) as Record<string, unknown>;
  const llama = { ...config, architectures: ['LlamaForCausalLM'], model_type: 'llama' };
  hub = await startFakeHub([
    { id: REPO, files },
    // Sharded layout (an index naming its one shard): the converter plans before the weights arrive.
    { id: 'test/not-gemma', files: { ...files, 'config.json': Buffer.from(JSON.stringify(llama)), 'model.safetensors.index.json': Buffer.from(JSON.stringify({ metadata: {}, weight_map: { 'model.embed_tokens.weight': 'model.safetensors' } })) } },
  ]);
});
afterAll(async () => {
  await hub.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('get a model from the Hub', () => {
  it('downloads, converts to Q8_0, verifies and installs the fixture with its source record, leaving no work files', async () => {
    const dataDir = path.join(tmp, 'data');
    const modelsDir = path.join(dataDir, 'models');
    const client = new HubClient({ endpoint: hub.endpoint });
    const plan = await planGetModel({ repo: REPO, quant: 'Q8_0' }, { modelsDir, client, converter: convert });
    expect(plan).toMatchObject({ repo: REPO, revision: 'main', commit: hub.commitOf(REPO), fileName: 'gemma3-tiny-Q8_0.gguf', alreadyInstalled: false });
    expect(plan.files.map((f) => f.path)).not.toContain('tokenizer.json');
    expect(plan.disk.ok).toBe(true);
    expect(plan.disk.neededBytes).toBeGreaterThanOrEqual(plan.downloadBytes - plan.alreadyDownloadedBytes);

    const progress: GetModelProgress[] = [];
    const result = await runGetJob({ repo: REPO, quant: 'Q8_0' }, { modelsDir, endpoint: hub.endpoint, token: null, onProgress: (p) => progress.push(p) });

    expect(result.file).toBe(path.join(modelsDir, 'gemma3-tiny-Q8_0.gguf'));
    expect(validateModelFile(result.file).architecture).toBe('gemma3');
    const source = readModelSource(result.file)!;
    expect(source).toMatchObject({ repo: REPO, revision: 'main', commit: hub.commitOf(REPO), quant: 'Q8_0', sha256: await sha256OfFile(result.file), bytes: fs.statSync(result.file).size });
    expect(source.files.find((f) => f.path === 'model.safetensors')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The stages in order, each ending complete.
    const stages = progress.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(['download', 'quantise', 'verify']);
    for (const stage of stages) {
      const last = progress.filter((p) => p.stage === stage).at(-1)!;
      expect(last.doneBytes).toBe(last.totalBytes);
    }
    // Installed: listed by the model service; the work folder (and the shards in it) is gone.
    expect(new ModelService(dataDir).list().map((m) => m.fileName)).toEqual(['gemma3-tiny-Q8_0.gguf']);
    expect(fs.readdirSync(path.join(modelsDir, '.get'))).toEqual([]);

    // Asked again: refused as already installed, nothing downloaded.
    await expect(runGetJob({ repo: REPO, quant: 'Q8_0' }, { modelsDir, endpoint: hub.endpoint, token: null }))
      .rejects.toMatchObject({ code: 'ALREADY_INSTALLED' });
    // Deleting the model deletes its source record too.
    expect(new ModelService(dataDir).delete('gemma3-tiny-Q8_0.gguf')).toBe(true);
    expect(fs.readdirSync(modelsDir).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('can be cancelled while downloading and resumes from the same bytes the next time', async () => {
    const modelsDir = path.join(tmp, 'cancel', 'models');
    const controller = new AbortController();
    hub.behaviour.bytesPerSecond = 1_000_000;
    try {
      const job = runGetJob({ repo: REPO, quant: 'F16' }, {
        modelsDir, endpoint: hub.endpoint, token: null, signal: controller.signal,
        onProgress: (p) => { if (p.stage === 'download' && p.file === 'model.safetensors' && p.doneBytes > 0) controller.abort(); },
      });
      await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      hub.behaviour.bytesPerSecond = 0;
    }
    expect(fs.readdirSync(modelsDir).filter((n) => n.endsWith('.gguf'))).toEqual([]);
    const [work] = fs.readdirSync(path.join(modelsDir, '.get'));
    const part = path.join(modelsDir, '.get', work!, 'model.safetensors.part');
    expect(fs.statSync(part).size).toBeGreaterThan(0);

    hub.requests.length = 0;
    const result = await runGetJob({ repo: REPO, quant: 'F16' }, { modelsDir, endpoint: hub.endpoint, token: null });
    expect(validateModelFile(result.file).architecture).toBe('gemma3');
    // Only the rest of the shard was fetched: no small file again, the shard with a Range request.
    expect(hub.requests.filter((r) => r.includes('/resolve/')).map((r) => r.split('/').at(-1)!.split(' ')[0])).toEqual(['model.safetensors']);
  });

  it('can be cancelled while converting, leaving no half-made file (the downloaded files stay for a retry)', async () => {
    const modelsDir = path.join(tmp, 'cancel-convert', 'models');
    const controller = new AbortController();
    const job = runGetJob({ repo: REPO, quant: 'Q4_K_M', deleteShards: false }, {
      modelsDir, endpoint: hub.endpoint, token: null, signal: controller.signal,
      onProgress: (p) => { if (p.stage === 'quantise') controller.abort(); },
    });
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(modelsDir).filter((n) => n.endsWith('.gguf'))).toEqual([]);
    const [work] = fs.readdirSync(path.join(modelsDir, '.get'));
    const left = fs.readdirSync(path.join(modelsDir, '.get', work!)).sort();
    expect(left).toEqual(Object.keys(filesOfFolder(FIXTURE)).filter((n) => n !== 'tokenizer.json').sort());
  });

  it('refuses a checkpoint that is not Gemma-3 before downloading its weights', async () => {
    const modelsDir = path.join(tmp, 'refuse', 'models');
    hub.requests.length = 0;
    await expect(runGetJob({ repo: 'test/not-gemma', quant: 'F16' }, { modelsDir, endpoint: hub.endpoint, token: null }))
      .rejects.toMatchObject({ name: 'ConvertError', code: 'UNSUPPORTED_ARCHITECTURE' });
    expect(hub.requests.some((r) => /[/=]model\.safetensors \(/.test(r))).toBe(false);
    expect(hub.requests.some((r) => r.includes('/config.json'))).toBe(true);
  });
});
