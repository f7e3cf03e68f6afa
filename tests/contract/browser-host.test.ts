/**
 * The contract end to end: EVERY DaggerApi method called through the browser host's HTTP+SSE
 * client (the one the renderer uses), against the real services — the bank in resources/bank,
 * a real SQLite file in a temporary data folder, real llama.cpp on the generated test model
 * (threads 1). Nothing is mocked.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaggerApiError, METHOD_NAMES, type DaggerApi, type DownloadEvent, type GetModelEvent, type ImportModelEvent, type MethodName, type SolveEvent } from '../../src/shared/api.js';
import { createApiClient, createHttpBridge } from '../../src/shared/transport/index.js';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/server.js';
import { ensureTestModel } from '../support/test-model.js';
import { filesOfFolder, startFakeHub, type FakeHub } from '../support/fake-hub.js';

// The byte-level test vocabulary makes the DAGGER prompt ~2,900 tokens (see tests/inference).
const LOAD_OPTIONS = { threads: 1, contextSize: 8192 };
const QUESTION = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';

let host: BrowserHost;
let api: DaggerApi;
let dataDir: string;
let modelFile: string;
/** A Hub-like server holding the fixture checkpoint (for planGetModel / getModel). */
let hub: FakeHub;
/** Methods this file has called; the last test checks that none was left out. */
const called = new Set<MethodName>();

function track(inner: DaggerApi): DaggerApi {
  return new Proxy(inner, {
    get(target, key: string) {
      called.add(key as MethodName);
      return target[key as MethodName];
    },
  });
}

async function expectApiError(promise: Promise<unknown>, code: string): Promise<DaggerApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DaggerApiError);
  expect((error as DaggerApiError).code).toBe(code);
  return error as DaggerApiError;
}

beforeAll(async () => {
  modelFile = await ensureTestModel();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-contract-'));
  hub = await startFakeHub([{ id: 'test/gemma3-tiny', files: filesOfFolder(path.resolve(import.meta.dirname, '../fixtures/gemma3-tiny/gemma3-tiny-text')) }]);
  host = await startBrowserHost({ dataDir, loadOptions: LOAD_OPTIONS, hubEndpoint: hub.endpoint });
  api = track(createApiClient(createHttpBridge({ baseUrl: host.origin, token: host.token })));
});

afterAll(async () => {
  await host?.close();
  await hub?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('browser host: the whole contract over HTTP + SSE against real services', () => {
  let student: string;
  let teacher: string;
  let sessionId: string;
  let solutionId: string;
  let wrongAttemptId: string;

  it('app info, settings', async () => {
    const info = await api.getAppInfo();
    expect(info).toMatchObject({ host: 'browser', dataDir, capabilities: { fileDialogs: false } });
    expect(await api.getSettings()).toMatchObject({ language: 'bn', digits: 'bn', modelPath: null });
    const updated = await api.updateSettings({ language: 'en', theme: 'dark' });
    expect(updated).toMatchObject({ language: 'en', theme: 'dark', digits: 'bn' });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'en' });
  });

  it('profiles and sessions', async () => {
    expect(await api.listProfiles()).toEqual([]);
    student = (await api.createProfile({ name: 'মিনা' })).id;
    teacher = (await api.createProfile({ name: 'রহিম স্যার', role: 'teacher' })).id;
    expect((await api.listProfiles()).map((p) => p.name).sort()).toEqual(['মিনা', 'রহিম স্যার'].sort());
    expect((await api.selectProfile({ profileId: student })).currentProfileId).toBe(student);
    const session = await api.startSession({ profileId: student });
    expect(session).toMatchObject({ profileId: student, endedAt: null });
    sessionId = session.id;
    await expectApiError(api.startSession({ profileId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
  });

  it('problems: list with filters, get one with its analysed reference graph', async () => {
    const all = await api.listProblems({ limit: 500 });
    expect(all.total).toBeGreaterThan(100);
    const money = await api.listProblems({ topic: 'money', limit: 500 });
    expect(money.total).toBeGreaterThan(0);
    expect(money.items.every((p) => p.topics.includes('money'))).toBe(true);
    const red = await api.listProblems({ distractorType: 'RED', grade: '3-4', limit: 5 });
    expect(red.items.every((p) => p.distractorTypes.includes('RED') && p.grade === '3-4')).toBe(true);
    const clean = await api.listProblems({ version: 'clean', limit: 3 });
    expect(clean.items.every((p) => p.variantId === null)).toBe(true);

    const variant = (await api.listProblems({ version: 'distractor', limit: 1 })).items[0]!;
    const detail = await api.getProblem({ itemId: variant.itemId });
    expect(detail.analysis.ok).toBe(true);
    expect(detail.analysis.answer).toBeCloseTo(detail.answer, 6);
    expect(detail.distractors.length).toBeGreaterThan(0);
    await expectApiError(api.getProblem({ itemId: 'no-such-problem' }), 'NOT_FOUND');
  });

  it('models: catalog, none installed, solving without a model says so', async () => {
    const catalog = await api.modelCatalog();
    expect(catalog.some((m) => m.family.includes('DAGGER'))).toBe(true);
    expect(await api.listModels()).toEqual([]);
    const idle = await api.modelStatus();
    expect(idle.state).toBe('idle');
    // Before any load, the machine as the shared Llama sees it: this one has no GPU, and says so.
    expect(idle).toMatchObject({ backend: 'cpu', gpuNames: [], memory: { vramTotalBytes: null, vramFreeBytes: null } });
    expect(idle.memory.totalRamBytes).toBeGreaterThan(0);
    const events: SolveEvent[] = [];
    await expectApiError(api.solve({ requestId: 'no-model', question: QUESTION }, (e) => events.push(e)), 'NO_MODEL');
    expect(events.at(-1)).toMatchObject({ requestId: 'no-model', type: 'error', error: { code: 'NO_MODEL' } });
    await expectApiError(api.pickModelFile(), 'UNSUPPORTED');
  });

  it('models: import, select, load', async () => {
    await expectApiError(api.importModel({ requestId: 'import-bad', path: path.join(dataDir, 'settings.json') }), 'MODEL_LOAD_FAILED');
    const events: ImportModelEvent[] = [];
    const imported = await api.importModel({ requestId: 'import-1', path: modelFile }, (e) => events.push(e));
    // The copy's progress reaches the page, ending at the whole size, then done.
    expect(events.filter((e) => e.type === 'progress').at(-1)).toEqual({
      requestId: 'import-1', type: 'progress', copiedBytes: fs.statSync(modelFile).size, totalBytes: fs.statSync(modelFile).size,
    });
    expect(events.at(-1)).toMatchObject({ requestId: 'import-1', type: 'done', model: { fileName: path.basename(modelFile) } });
    expect(imported).toMatchObject({ fileName: path.basename(modelFile), architecture: 'gemma3' });
    const selected = await api.selectModel({ fileName: imported.fileName });
    expect(selected.selected).toBe(path.join(dataDir, 'models', imported.fileName));
    const status = await api.loadModel();
    expect(status).toMatchObject({ state: 'ready', backend: 'cpu', loaded: { fileName: imported.fileName } });
    expect((await api.listModels())[0]).toMatchObject({ selected: true });
  });

  it('solve streams node and token events tagged with the request id, then done; the solution is stored', async () => {
    const events: SolveEvent[] = [];
    const result = await api.solve({ requestId: 'solve-1', question: QUESTION, maxTokens: 400 }, (e) => events.push(e));
    expect(result.requestId).toBe('solve-1');
    expect(result.cancelled).toBe(false);
    expect(result.rawOutput.startsWith('```json')).toBe(true);
    expect(result.solutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events.every((e) => e.requestId === 'solve-1')).toBe(true);
    const types = events.map((e) => e.type);
    expect(types).toContain('token');
    expect(types).toContain('node');
    expect(types.at(-1)).toBe('done');
    expect(types.indexOf('node')).toBeLessThan(types.length - 1); // nodes arrive before the end
    expect(result.stats.generatedTokens).toBeGreaterThan(0);
    solutionId = result.solutionId!;
  });

  it('two solves queue; cancelling one never disturbs the other', async () => {
    const first: SolveEvent[] = [];
    const second: SolveEvent[] = [];
    const a = api.solve({ requestId: 'solve-a', question: QUESTION, maxTokens: 200 }, (e) => first.push(e));
    const b = api.solve({ requestId: 'solve-b', question: 'মিনার কাছে ১২টি কলম আছে।', maxTokens: 60 }, (e) => second.push(e));
    // Cancel A once it is generating.
    while (!first.some((e) => e.type === 'token')) await new Promise((r) => setTimeout(r, 5));
    expect(await api.cancel({ requestId: 'solve-a' })).toEqual({ cancelled: true });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.cancelled).toBe(true);
    expect(ra.solutionId).toBeNull();
    expect(rb.cancelled).toBe(false);
    expect(rb.stats.generatedTokens).toBeGreaterThan(0);
    expect(second.every((e) => e.requestId === 'solve-b')).toBe(true);
    expect(await api.cancel({ requestId: 'solve-a' })).toEqual({ cancelled: false });
  });

  it("closing a solve's HTTP stream (the page went away) cancels that request", async () => {
    const modelSolutions = async () => (JSON.parse((await api.exportData({ format: 'json' })).content) as {
      data: { solutions: Array<{ kind: string }> };
    }).data.solutions.filter((s) => s.kind === 'model').length;
    const before = await modelSolutions();
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/solve`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', 'x-dagger-token': host.token },
      body: JSON.stringify({ requestId: 'gone', question: QUESTION, maxTokens: 1000 }),
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"type":"token"')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    // No polling with cancel() here: that would cancel it itself. The next solve queues behind
    // "gone"; had "gone" not been cancelled it would finish first and store a solution too.
    const after = await api.solve({ requestId: 'after-gone', question: QUESTION, maxTokens: 20 });
    expect(after.cancelled).toBe(false);
    // Only the second one stored a solution: the abandoned one was cancelled, not finished.
    expect(await modelSolutions()).toBe(before + 1);
  });

  it('attempts: bank item with Bangla digits, a wrong one, a typed problem with the model solution', async () => {
    const item = (await api.listProblems({ version: 'distractor', limit: 1 })).items[0]!;
    const detail = await api.getProblem({ itemId: item.itemId });
    const bangla = String(detail.answer).replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!);
    const distractorIds = detail.graph.nodes.filter((n) => n.distractor).map((n) => n.id);
    const right = await api.recordAttempt({
      profileId: student, sessionId, itemId: item.itemId, answerText: bangla, timeMs: 12_000,
      hintsRevealed: 1, markedDistractors: { values: [], nodeIds: distractorIds },
    });
    expect(right.attempt).toMatchObject({ correct: true, answerValue: detail.answer, answerText: bangla });
    expect(right.attempt.distractorSpotting).toEqual({ truePositives: distractorIds.length, falsePositives: 0, falseNegatives: 0 });
    expect(right.expectedAnswer).toBe(detail.answer);

    const wrong = await api.recordAttempt({ profileId: student, sessionId, itemId: item.itemId, answerText: '১২৩৪৫৬', timeMs: 5000 });
    expect(wrong.attempt.correct).toBe(false);
    wrongAttemptId = wrong.attempt.id;

    const typed = await api.recordAttempt({ profileId: student, text: QUESTION, solutionId, answerText: '8' });
    expect(typed.attempt.solutionId).toBe(solutionId);
    await expectApiError(api.recordAttempt({ profileId: student, answerText: '1' } as never), 'INVALID_REQUEST');
  });

  it('history, attempt detail, review, stats, review queue', async () => {
    const page = await api.historyPage({ profileId: student, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await api.historyPage({ profileId: student, limit: 2, cursor: page.nextCursor });
    expect(next.items).toHaveLength(1);
    expect((await api.historyPage({ correct: false })).items.map((i) => i.id)).toContain(wrongAttemptId);

    const detail = await api.getAttempt({ attemptId: wrongAttemptId });
    expect(detail.attempt.id).toBe(wrongAttemptId);
    expect(detail.itemId).not.toBeNull();
    expect(detail.analysis?.ok).toBe(true); // the reference graph, analysed on the text
    await expectApiError(api.getAttempt({ attemptId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');

    const review = await api.addReview({
      attemptId: wrongAttemptId, reviewerId: teacher, verdict: 'partly',
      nodeNotes: [{ nodeId: 'n1', note: 'এই সংখ্যাটি ঠিক আছে' }],
    });
    expect(review).toMatchObject({ verdict: 'partly', reviewerId: teacher });
    expect((await api.getAttempt({ attemptId: wrongAttemptId })).reviews).toHaveLength(1);

    const stats = await api.stats({ profileId: student });
    expect(stats.totals.attempts).toBe(3);
    const queue = await api.reviewQueue({ profileId: student });
    expect(queue.length).toBeGreaterThan(0);
    expect(queue[0]!.itemId).not.toBeNull();
  });

  it('export (json, csv, html) and import: re-import changes nothing; a damaged file is refused', async () => {
    const json = await api.exportData({ format: 'json', profileId: student });
    expect(json.mimeType).toContain('json');
    expect(JSON.parse(json.content)).toMatchObject({ format: 'dagger-tutor.practice-export' });
    const csv = await api.exportData({ format: 'csv' });
    expect(csv.content.charCodeAt(0)).toBe(0xfeff);
    const html = await api.exportData({ format: 'html', profileId: student, language: 'bn' });
    expect(html.content).toContain('<html');
    expect(html.content).toContain('Content-Security-Policy');

    const selected = JSON.parse((await api.exportData({ format: 'json', attemptIds: [wrongAttemptId] })).content) as {
      data: { attempts: Array<{ id: string }>; reviews: unknown[]; profiles: unknown[] };
    };
    expect(selected.data.attempts.map((a) => a.id)).toEqual([wrongAttemptId]);
    expect(selected.data.reviews).toHaveLength(1);
    expect(selected.data.profiles).toHaveLength(2); // the student and the reviewing teacher

    const again = await api.importData({ content: json.content, fileName: json.fileName });
    expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
    await expectApiError(api.importData({ content: json.content.slice(0, json.content.length / 2) }), 'IMPORT_REJECTED');
    await expectApiError(api.saveFile({ format: 'json' }), 'UNSUPPORTED');
  });

  it('download with progress from a local server, cancel one, delete', async () => {
    const bytes = fs.readFileSync(modelFile);
    let slow = false;
    const server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
      if (!slow) {
        response.end(bytes);
        return;
      }
      // Trickle the bytes so the download is still running when it is cancelled.
      let offset = 0;
      const timer = setInterval(() => {
        if (response.destroyed) return clearInterval(timer);
        response.write(bytes.subarray(offset, offset + 4096));
        offset += 4096;
        if (offset >= bytes.length) {
          clearInterval(timer);
          response.end();
        }
      }, 20);
      request.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const events: DownloadEvent[] = [];
      const model = await api.downloadModel({ requestId: 'dl-1', url: `${base}/copy.gguf` }, (e) => events.push(e));
      expect(model.fileName).toBe('copy.gguf');
      expect(model.sizeBytes).toBe(bytes.length);
      expect(events.some((e) => e.type === 'progress')).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'done', requestId: 'dl-1' });

      slow = true;
      const progress: DownloadEvent[] = [];
      const cancelled = api.downloadModel({ requestId: 'dl-2', url: `${base}/slow.gguf` }, (e) => progress.push(e));
      while (!progress.some((e) => e.type === 'progress')) await new Promise((r) => setTimeout(r, 10));
      expect(await api.cancel({ requestId: 'dl-2' })).toEqual({ cancelled: true });
      await expectApiError(cancelled, 'CANCELLED');
      expect(fs.existsSync(path.join(dataDir, 'models', 'slow.gguf'))).toBe(false);

      expect(await api.deleteModel({ fileName: 'copy.gguf' })).toEqual({ deleted: true });
      expect((await api.listModels()).map((m) => m.fileName)).toEqual([path.basename(modelFile)]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gets a checkpoint from the Hub: token state, plan, the streamed job, its source record', async () => {
    expect(await api.hubToken()).toEqual({ saved: false, storage: null });
    expect(await api.setHubToken({ token: 'hf_contract_test_token' })).toEqual({ saved: true, storage: 'memory' });
    expect(await api.setHubToken({ token: null })).toEqual({ saved: false, storage: null });
    await expectApiError(api.setHubToken({ token: 'has spaces in it' }), 'INVALID_REQUEST');

    const plan = await api.planGetModel({ repo: 'test/gemma3-tiny', quant: 'F16' });
    expect(plan).toMatchObject({ repo: 'test/gemma3-tiny', commit: hub.commitOf('test/gemma3-tiny'), fileName: 'gemma3-tiny-F16.gguf', alreadyInstalled: false, disk: { ok: true } });
    expect(plan.fit).not.toBe('unknown');
    await expectApiError(api.planGetModel({ repo: 'test/missing' }), 'DOWNLOAD_FAILED');

    const events: GetModelEvent[] = [];
    const model = await api.getModel({ requestId: 'get-1', repo: 'test/gemma3-tiny', quant: 'F16' }, (e) => events.push(e));
    expect(model).toMatchObject({ fileName: 'gemma3-tiny-F16.gguf', architecture: 'gemma3', source: { repo: 'test/gemma3-tiny', quant: 'F16', commit: plan.commit } });
    expect(new Set(events.filter((e) => e.type === 'progress').map((e) => e.type === 'progress' && e.stage))).toEqual(new Set(['download', 'convert', 'verify']));
    expect(events.at(-1)).toMatchObject({ type: 'done', requestId: 'get-1' });
    expect((await api.listModels()).find((m) => m.fileName === 'gemma3-tiny-F16.gguf')?.source?.sha256).toBe(model.source?.sha256);
    expect(await api.deleteModel({ fileName: 'gemma3-tiny-F16.gguf' })).toEqual({ deleted: true });
  });

  it('ends the session and unselects the model', async () => {
    expect((await api.endSession({ sessionId })).endedAt).not.toBeNull();
    expect((await api.selectModel({ fileName: null })).selected).toBe(path.join(dataDir, 'models', path.basename(modelFile)));
  });

  it('called every method of the contract', () => {
    expect(METHOD_NAMES.filter((m) => !called.has(m))).toEqual([]);
  });
});
