/**
 * The main-process boundary, through both transports' real code paths:
 *   - the browser host over real HTTP (raw requests, so headers like Host and Origin can be forged
 *     the way an attacker's page or a DNS-rebinding attack would);
 *   - the Electron IPC handler (src/main/ipc/handler.ts: everything but ipcMain itself, which
 *     needs an Electron binary) with the real backend behind it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/api.js';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/server.js';
import { createIpcHandler } from '../../src/main/ipc/handler.js';
import { isTrustedFrameUrl, type AppOrigin, type SenderFacts } from '../../src/main/ipc/trust.js';

let host: BrowserHost;
let dataDir: string;
let staticDir: string;

interface Reply {
  status: number;
  type: string;
  body: string;
}

function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'POST', path: options.path,
        headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', ...options.headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  raw({ path: `/api/${method}`, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'x-dagger-token': host.token, ...headers } });

const envelope = (reply: Reply) => JSON.parse(reply.body) as Envelope<unknown>;
const errorOf = (reply: Reply) => {
  const e = envelope(reply);
  if (e.ok) throw new Error(`expected an error, got ${reply.body.slice(0, 200)}`);
  return e.error;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-boundary-'));
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  host = await startBrowserHost({ dataDir, staticDir });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
});

describe('browser host: who may call', () => {
  it('accepts the right token and refuses a missing or wrong one', async () => {
    expect((await api('listProfiles', {})).status).toBe(200);
    const missing = await raw({ path: '/api/listProfiles', body: '{}' });
    expect(missing.status).toBe(403);
    expect(errorOf(missing)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('token') });
    const wrong = await api('listProfiles', {}, { 'x-dagger-token': `${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
  });

  it('refuses requests from another origin, even with the token', async () => {
    const reply = await api('listProfiles', {}, { origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(errorOf(reply).message).toContain('evil.example');
    expect((await api('listProfiles', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Its own origin is fine.
    expect((await api('listProfiles', {}, { origin: host.origin })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding), for pages too', async () => {
    const rebinding = await api('listProfiles', {}, { host: `attacker.example:${host.port}` });
    expect(rebinding.status).toBe(403);
    expect((await raw({ method: 'GET', path: '/', headers: { host: 'attacker.example' } })).status).toBe(403);
  });

  it('serves the page with a CSP header and never a file outside the renderer folder', async () => {
    const page = await raw({ method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    const escape = await raw({ method: 'GET', path: '/..%2f..%2f..%2fetc%2fpasswd' });
    expect(escape.body).not.toContain('root:');
    expect(escape.body).toContain('<title>app</title>');
  });

  it('listens on the loopback address only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});

describe('browser host: what may be asked', () => {
  it('unknown methods are 404 UNKNOWN_METHOD (including object-prototype names)', async () => {
    for (const name of ['dropDatabase', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const reply = await api(name, {});
      expect(reply.status, name).toBe(404);
      expect(errorOf(reply).code).toBe('UNKNOWN_METHOD');
    }
  });

  it('a body that is not JSON is refused with a clear message', async () => {
    const reply = await api('createProfile', '{"name": "মিনা"');
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('not JSON') });
  });

  it('malformed requests are refused naming the field, and change nothing', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['createProfile', { name: '' }, 'name'],
      ['createProfile', { name: 'x', role: 'admin' }, 'role'],
      ['createProfile', { name: 'x', isAdmin: true }, 'isAdmin'], // unknown keys are errors (strict)
      ['listProblems', { limit: 100000 }, 'limit'],
      ['listProblems', { topic: 'astrology' }, 'topic'],
      ['solve', { requestId: 'a b', question: 'x' }, 'requestId'],
      ['solve', { requestId: 'ok', question: 'x'.repeat(5000) }, 'question'],
      ['deleteModel', { fileName: '../../settings.json' }, 'fileName'],
      ['deleteModel', { fileName: '../other/model.gguf' }, 'fileName'],
      ['importData', { content: '' }, 'content'],
      ['recordAttempt', { profileId: 'p', answerText: '1' }, 'itemId or text'],
      ['getProblem', null, ''],
      ['getProblem', [1, 2], ''],
    ];
    for (const [method, body, field] of cases) {
      const reply = await api(method, body);
      expect(reply.status, `${method} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      const error = errorOf(reply);
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.message).toContain(field);
    }
    const profiles = envelope(await api('listProfiles', {}));
    expect(profiles).toEqual({ ok: true, value: [] });
  });

  it('a streaming method with a bad request answers JSON, not a stream', async () => {
    const reply = await api('solve', { question: 'x' });
    expect(reply.type).toContain('application/json');
    expect(errorOf(reply).code).toBe('INVALID_REQUEST');
  });

  it('only POST reaches the API', async () => {
    const reply = await raw({ method: 'GET', path: '/api/listProfiles', headers: { 'x-dagger-token': host.token } });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).message).toContain('POST');
  });
});

describe('Electron IPC boundary (handler behind ipcMain)', () => {
  const rendererDir = path.join(os.tmpdir(), 'app', 'out', 'renderer');
  const appOrigin: AppOrigin = { devServerUrl: null, rendererDir };
  const pageUrl = pathToFileURL(path.join(rendererDir, 'index.html')).href;
  const trusted: SenderFacts = { frameUrl: pageUrl, isMainFrame: true, isAppWindow: true };
  const handler = () => createIpcHandler(host.backend.dispatcher, appOrigin);
  const call = (sender: SenderFacts, method: unknown, request: unknown) =>
    handler().handle({ sender, windowId: 1, method, request, emit: () => {} });

  it('answers the app page in its own window', async () => {
    expect(await call(trusted, 'getSettings', {})).toMatchObject({ ok: true, value: { language: 'bn' } });
  });

  it('refuses other pages, iframes and other windows', async () => {
    for (const sender of [
      { ...trusted, frameUrl: 'https://evil.example/' },
      { ...trusted, frameUrl: pathToFileURL(path.join(rendererDir, 'other.html')).href },
      { ...trusted, frameUrl: pathToFileURL('/etc/index.html').href },
      { ...trusted, frameUrl: null },
      { ...trusted, isMainFrame: false },
      { ...trusted, isAppWindow: false },
    ]) {
      expect(await call(sender, 'getSettings', {}), JSON.stringify(sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('unknown methods and malformed requests get typed errors', async () => {
    expect(await call(trusted, 'rm -rf', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await call(trusted, { toString: 'x' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    // A request id that is not a string (one String() cannot even convert) is a typed refusal too.
    expect(await call(trusted, 'solve', { requestId: { toString: 5 }, question: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call(trusted, 'solve', { requestId: Object.create(null) as object, question: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const bad = await call(trusted, 'updateSettings', { language: 'fr' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('language') } });
  });

  it('trusts the dev server origin only in development', () => {
    const dev: AppOrigin = { devServerUrl: 'http://localhost:5173', rendererDir };
    expect(isTrustedFrameUrl('http://localhost:5173/#/practice', dev)).toBe(true);
    expect(isTrustedFrameUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedFrameUrl('http://localhost:5173/', appOrigin)).toBe(false);
    expect(isTrustedFrameUrl('not a url', dev)).toBe(false);
  });
});
