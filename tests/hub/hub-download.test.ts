/**
 * The Hub side of "get a model", against tests/support/fake-hub.ts over real HTTP: listing and
 * pinning, fetching only the conversion files, resume after a cut, cancel, access refusals,
 * missing repos, damaged bytes, a full disk and no network.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadError } from '../../src/main/services/models/download.js';
import { selectCheckpointFiles, shardsNamedByIndex } from '../../src/main/services/models/hub/checkpoint-files.js';
import { diskVerdict, requireDiskSpace } from '../../src/main/services/models/hub/disk-space.js';
import { bytesAlreadyFetched, fetchCheckpointFiles, type FetchProgress } from '../../src/main/services/models/hub/fetch-checkpoint.js';
import { HubClient, type HubFile } from '../../src/main/services/models/hub/hub-api.js';
import { startFakeHub, type FakeHub } from '../support/fake-hub.js';

const TOKEN = 'hf_testtoken_do_not_log_1234567890';
const shard1 = randomBytes(300_000);
const shard2 = randomBytes(200_000);
const files: Record<string, Buffer> = {
  'config.json': Buffer.from('{"architectures":["Gemma3ForCausalLM"]}'),
  'model.safetensors.index.json': Buffer.from(JSON.stringify({ metadata: { total_size: 500_000 }, weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors' } })),
  'model-00001-of-00002.safetensors': shard1,
  'model-00002-of-00002.safetensors': shard2,
  'consolidated.safetensors': randomBytes(1000), // not named by the index: never fetched
  'tokenizer.model': randomBytes(5000),
  'tokenizer_config.json': Buffer.from('{"add_bos_token":true}'),
  'README.md': Buffer.from('# a model card'),
  'images/diagram.png': randomBytes(2000),
};

let hub: FakeHub;
let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-hub-'));
  hub = await startFakeHub([
    { id: 'test/open', files },
    { id: 'test/private', files, token: TOKEN },
    { id: 'test/gated', files, token: TOKEN, gated: true },
    { id: 'test/gguf-only', files: { 'model-Q4_K_M.gguf': randomBytes(2000), 'README.md': Buffer.from('x') } },
  ], { pageSize: 3 });
});
afterAll(async () => {
  await hub.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The files a job would fetch from `repo` (listing, selection, index filter). */
async function chosen(client: HubClient, repo: string, commit: string): Promise<HubFile[]> {
  const { small, weights } = selectCheckpointFiles(repo, await client.listFiles(repo, commit));
  const index = JSON.parse(files['model.safetensors.index.json']!.toString()) as unknown;
  return [...small, ...shardsNamedByIndex(weights, index)];
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DownloadError);

describe('Hugging Face Hub download', () => {
  it('pins the revision, lists every page, fetches only what conversion needs and checks every LFS file', async () => {
    const client = new HubClient({ endpoint: hub.endpoint });
    const commit = await client.resolveRevision('test/open');
    expect(commit).toBe(hub.commitOf('test/open'));
    const listed = await client.listFiles('test/open', commit);
    expect(listed.map((f) => f.path).sort()).toEqual(Object.keys(files).sort()); // 9 files over 3 pages
    const shard = listed.find((f) => f.path === 'model-00001-of-00002.safetensors')!;
    expect(shard).toEqual({ path: shard.path, size: shard1.length, sha256: createHash('sha256').update(shard1).digest('hex') });

    const wanted = await chosen(client, 'test/open', commit);
    expect(wanted.map((f) => f.path).sort()).toEqual([
      'config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors',
      'model.safetensors.index.json', 'tokenizer.model', 'tokenizer_config.json',
    ]);
    const folder = path.join(tmp, 'open');
    const progress: FetchProgress[] = [];
    await fetchCheckpointFiles({ client, repo: 'test/open', commit, files: wanted, folder, onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    for (const f of wanted) expect(fs.readFileSync(path.join(folder, f.path)).equals(files[f.path]!)).toBe(true);
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.part'))).toEqual([]);
    const total = wanted.reduce((s, f) => s + f.size, 0);
    expect(progress.at(-1)).toMatchObject({ receivedBytes: total, totalBytes: total, fileCount: wanted.length, etaSeconds: 0 });
    expect(progress.every((p, i) => i === 0 || p.receivedBytes >= progress[i - 1]!.receivedBytes)).toBe(true);
    // Every request named the pinned commit, never "main", once the revision was resolved.
    expect(hub.requests.filter((r) => r.includes('/resolve/')).every((r) => r.includes(`/resolve/${commit}/`))).toBe(true);
  });

  it('resumes an interrupted file with a Range request instead of starting again', async () => {
    const client = new HubClient({ endpoint: hub.endpoint });
    const commit = hub.commitOf('test/open');
    const wanted = await chosen(client, 'test/open', commit);
    const folder = path.join(tmp, 'resume');
    hub.behaviour.cutAfter = { path: 'model-00001-of-00002.safetensors', bytes: 120_000 };
    const cut = await errorOf(fetchCheckpointFiles({ client, repo: 'test/open', commit, files: wanted, folder }));
    expect(cut).toMatchObject({ code: 'NETWORK' });
    expect(fs.statSync(path.join(folder, 'model-00001-of-00002.safetensors.part')).size).toBe(120_000);
    expect(bytesAlreadyFetched(folder, wanted)).toBeGreaterThanOrEqual(120_000);

    hub.requests.length = 0;
    await fetchCheckpointFiles({ client, repo: 'test/open', commit, files: wanted, folder });
    expect(fs.readFileSync(path.join(folder, 'model-00001-of-00002.safetensors')).equals(shard1)).toBe(true);
    // The small files fetched before the cut were not fetched again.
    expect(hub.requests.some((r) => r.includes('config.json'))).toBe(false);
  });

  it('can be cancelled mid-file, keeping what arrived for the next run', async () => {
    const client = new HubClient({ endpoint: hub.endpoint });
    const commit = hub.commitOf('test/open');
    const folder = path.join(tmp, 'cancel');
    const shard = (await client.listFiles('test/open', commit)).filter((f) => f.path === 'model-00001-of-00002.safetensors');
    hub.behaviour.bytesPerSecond = 200_000;
    const controller = new AbortController();
    try {
      const error = await errorOf(fetchCheckpointFiles({
        client, repo: 'test/open', commit, files: shard, folder, signal: controller.signal, progressIntervalMs: 0,
        onProgress: (p) => { if (p.receivedBytes > 0) controller.abort(); },
      }));
      expect(error).toMatchObject({ code: 'CANCELLED' });
    } finally {
      hub.behaviour.bytesPerSecond = 0;
    }
    expect(fs.existsSync(path.join(folder, 'model-00001-of-00002.safetensors'))).toBe(false);
    expect(fs.statSync(path.join(folder, 'model-00001-of-00002.safetensors.part')).size).toBeGreaterThan(0);
  });

  it('asks for a token (401), says where to accept the conditions (403), and never sends the token to the CDN or into a message', async () => {
    const anonymous = await errorOf(new HubClient({ endpoint: hub.endpoint }).resolveRevision('test/private'));
    expect(anonymous).toMatchObject({ code: 'UNAUTHORIZED', details: { repo: 'test/private' } });
    expect(anonymous!.message).toMatch(/access token.*huggingface\.co\/test\/private|huggingface\.co\/test\/private.*token/);

    const wrong = await errorOf(new HubClient({ endpoint: hub.endpoint, token: 'hf_wrong' }).resolveRevision('test/private'));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(wrong!.message).toMatch(/did not accept the access token/);
    expect(wrong!.message).not.toContain('hf_wrong');

    const gated = await errorOf(new HubClient({ endpoint: hub.endpoint, token: TOKEN }).resolveRevision('test/gated'));
    expect(gated).toMatchObject({ code: 'GATED' });
    expect(gated!.message).toMatch(/accept its conditions/);
    expect(gated!.message).toContain('huggingface.co/test/gated');

    const client = new HubClient({ endpoint: hub.endpoint, token: TOKEN });
    const commit = await client.resolveRevision('test/private');
    const wanted = await chosen(client, 'test/private', commit);
    hub.requests.length = 0;
    await fetchCheckpointFiles({ client, repo: 'test/private', commit, files: wanted, folder: path.join(tmp, 'private') });
    expect(hub.requests.filter((r) => r.includes('/resolve/')).every((r) => r.endsWith('(auth: yes)'))).toBe(true);
    expect(hub.requests.filter((r) => r.includes('cdn/lfs/')).length).toBeGreaterThan(0);
    expect(hub.requests.filter((r) => r.includes('cdn/lfs/')).every((r) => r.endsWith('(auth: no)'))).toBe(true);
  });

  it('says plainly when a repository, revision or usable checkpoint is not there', async () => {
    const client = new HubClient({ endpoint: hub.endpoint });
    expect(await errorOf(client.resolveRevision('test/nothing-here'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/not found/) });
    expect(await errorOf(client.resolveRevision('test/open', 'no-such-branch'))).toMatchObject({ code: 'NOT_FOUND' });
    const commit = await client.resolveRevision('test/gguf-only');
    const refused = (() => {
      try {
        return selectCheckpointFiles('test/gguf-only', []), null;
      } catch (error) {
        return error as DownloadError;
      }
    })();
    expect(refused).toMatchObject({ code: 'NOT_FOUND' });
    expect(() => selectCheckpointFiles('test/gguf-only', [{ path: 'model-Q4_K_M.gguf', size: 2000, sha256: 'a'.repeat(64) }]))
      .toThrow(/holds GGUF files/);
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('refuses damaged bytes (SHA-256 against the listed oid) and removes them', async () => {
    const client = new HubClient({ endpoint: hub.endpoint });
    const commit = hub.commitOf('test/open');
    const shard = (await client.listFiles('test/open', commit)).filter((f) => f.path === 'model-00002-of-00002.safetensors');
    const folder = path.join(tmp, 'damaged');
    hub.behaviour.damaged = new Set(['model-00002-of-00002.safetensors']);
    try {
      const error = await errorOf(fetchCheckpointFiles({ client, repo: 'test/open', commit, files: shard, folder }));
      expect(error).toMatchObject({ code: 'CHECKSUM' });
    } finally {
      hub.behaviour.damaged = new Set();
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('reports a full disk as such, before starting and while writing', async () => {
    const verdict = diskVerdict(tmp, 1e18);
    expect(verdict.ok).toBe(false);
    expect(verdict.freeBytes).toBeGreaterThan(0);
    let refused: unknown = null;
    try {
      requireDiskSpace(tmp, verdict);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'NO_SPACE', details: { neededBytes: 1e18, freeBytes: verdict.freeBytes } });
    expect((refused as Error).message).toMatch(/needs 1000000000\.0 GB and .* GB is free/);

    // A write that fails with ENOSPC: the part file is Linux's /dev/full.
    if (!fs.existsSync('/dev/full')) return;
    const client = new HubClient({ endpoint: hub.endpoint });
    const commit = hub.commitOf('test/open');
    const shard = (await client.listFiles('test/open', commit)).filter((f) => f.path === 'model-00002-of-00002.safetensors');
    const folder = path.join(tmp, 'full');
    fs.mkdirSync(folder);
    fs.symlinkSync('/dev/full', path.join(folder, 'model-00002-of-00002.safetensors.part'));
    const error = await errorOf(fetchCheckpointFiles({ client, repo: 'test/open', commit, files: shard, folder }));
    expect(error).toMatchObject({ code: 'NO_SPACE', message: expect.stringMatching(/is full/) });
  });

  it('says there is no connection when the Hub cannot be reached', async () => {
    const error = await errorOf(new HubClient({ endpoint: 'http://127.0.0.1:9' }).resolveRevision('test/open'));
    expect(error).toMatchObject({ code: 'NETWORK', message: expect.stringMatching(/could not reach 127\.0\.0\.1:9.*internet connection/) });
  });
});
