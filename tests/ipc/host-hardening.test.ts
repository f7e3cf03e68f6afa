/**
 * The browser host against hostile requests, over real sockets (raw bytes where a client library
 * would refuse to send them): broken percent-encodings, symlinks out of the renderer folder,
 * bodies over the size limit, and a property test over random methods, paths, headers and bodies.
 * Whatever arrives, the host answers with a status line and keeps answering afterwards.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/api.js';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/server.js';

/** Small, so the oversized-body tests send a few hundred KiB instead of 210 MB. */
const MAX_BODY_BYTES = 64 * 1024;

let host: BrowserHost;
let dataDir: string;
let staticDir: string;
let outsideDir: string;

interface RawReply {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends `head` (request line + headers, without the blank line) and then `body` chunk by chunk on
 * a fresh socket, and reads the reply until the server closes the connection.
 */
function rawHttp(head: string, body: Buffer[] = [], timeoutMs = 10_000): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete reply within ${timeoutMs} ms to ${JSON.stringify(head.slice(0, 120))}`));
    }, timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    // A reset after the reply was read still counts: what matters is what the client got.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match) {
        reject(new Error(`no status line in reply to ${JSON.stringify(head.slice(0, 120))}: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(match[1]), headers: text.slice(0, split), body: decodeChunked(text.slice(split + 4), text.slice(0, split)) });
    });
    socket.write(`${head}\r\n\r\n`);
    (async () => {
      for (const chunk of body) {
        if (socket.destroyed) return;
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
      }
    })().catch(() => undefined);
  });
}

function decodeChunked(body: string, headers: string): string {
  if (!/transfer-encoding: chunked/i.test(headers)) return body;
  let out = '';
  let rest = body;
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

const request = (method: string, target: string, headers: Record<string, string> = {}) =>
  [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');

const apiCall = (method: string, body: string, headers: Record<string, string> = {}) =>
  rawHttp(request('POST', `/api/${method}`, {
    'x-dagger-token': host.token, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers,
  }), [Buffer.from(body)]);

const envelopeOf = (reply: RawReply) => JSON.parse(reply.body) as Envelope<unknown>;

async function expectAlive(): Promise<void> {
  const reply = await apiCall('listProfiles', '{}');
  expect(reply.status).toBe(200);
  expect(envelopeOf(reply).ok).toBe(true);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-hardening-'));
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-static-'));
  outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-outside-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(outsideDir, 'secret.txt'), 'TOP SECRET');
  fs.symlinkSync(path.join(outsideDir, 'secret.txt'), path.join(staticDir, 'leak.txt'));
  fs.symlinkSync(outsideDir, path.join(staticDir, 'leakdir'));
  fs.symlinkSync(path.join(staticDir, 'app.js'), path.join(staticDir, 'alias.js'));
  host = await startBrowserHost({ dataDir, staticDir, maxBodyBytes: MAX_BODY_BYTES });
});

afterAll(async () => {
  await host?.close();
  for (const dir of [dataDir, staticDir, outsideDir]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('browser host: malformed addresses', () => {
  it('answers a broken percent-encoding in the API path with 400, and keeps running', async () => {
    for (const target of ['/api/%E0%A4', '/api/%', '/api/%ZZ', '/api/%C0%80']) {
      const get = await rawHttp(request('GET', target));
      expect(get.status, target).toBe(400);
      const post = await apiCall(target.slice('/api/'.length), '{}');
      expect(post.status, target).toBe(400);
      expect(envelopeOf(post)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    await expectAlive();
  });

  it('never serves a file that a symlink points to outside the renderer folder', async () => {
    for (const target of ['/leak.txt', '/leakdir/secret.txt']) {
      const reply = await rawHttp(request('GET', target));
      expect(reply.body, target).not.toContain('TOP SECRET');
      expect(reply.body, target).toContain('<title>app</title>');
    }
    // A link that stays inside the folder is still served.
    expect((await rawHttp(request('GET', '/alias.js'))).body).toContain('console.log("app")');
  });

  it('answers a dangling link with the page', async () => {
    fs.symlinkSync(path.join(staticDir, 'gone.js'), path.join(staticDir, 'dangling.js'));
    const reply = await rawHttp(request('GET', '/dangling.js'));
    expect(reply.status).toBeLessThan(500);
    await expectAlive();
  });
});

describe('browser host: bodies over the size limit', () => {
  const oversized = Buffer.alloc(MAX_BODY_BYTES * 4, 0x20);

  it('answers the error envelope, not a reset, when Content-Length is over the limit', async () => {
    const reply = await rawHttp(request('POST', '/api/importData', {
      'x-dagger-token': host.token, 'content-type': 'application/json', 'content-length': String(oversized.length),
    }), [oversized]);
    expect(reply.status).toBe(413);
    expect(envelopeOf(reply)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'TOO_LARGE' } } });
    await expectAlive();
  });

  it('stops reading a chunked body at the limit and still answers the envelope', async () => {
    const chunks: Buffer[] = [];
    for (let sent = 0; sent < oversized.length; sent += 8192) {
      chunks.push(Buffer.from(`2000\r\n`), oversized.subarray(0, 8192), Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from('0\r\n\r\n'));
    const reply = await rawHttp(request('POST', '/api/importData', {
      'x-dagger-token': host.token, 'content-type': 'application/json', 'transfer-encoding': 'chunked',
    }), chunks);
    expect(reply.status).toBe(413);
    expect(envelopeOf(reply)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'TOO_LARGE' } } });
    await expectAlive();
  });

  it('still takes a body just under the limit', async () => {
    const body = JSON.stringify({ name: 'মিনা', padding: undefined }).padEnd(MAX_BODY_BYTES - 16, ' ');
    const reply = await apiCall('createProfile', body);
    expect(reply.status).toBe(200);
  });
});

describe('browser host: property test over hostile requests', () => {
  // Unary methods that are safe to call with any body (no network, no model, no file system).
  const realMethods = ['listProfiles', 'getProblem', 'historyPage', 'listProblems', 'getAttempt', 'stats', 'endSession', 'createProfile', 'cancel'];
  const percentByte = fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`);
  const pathPiece = fc.oneof(
    fc.constantFrom(...realMethods, '', '..', '%', '%E0%A4', '%2e%2e%2f', '__proto__', 'index.html', '?', '#', '//'),
    fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,30}$/),
    fc.array(percentByte, { maxLength: 6 }).map((bytes) => bytes.join('')),
  );
  const target = fc.tuple(fc.constantFrom('/api/', '/', '/api', '/assets/'), fc.array(pathPiece, { maxLength: 3 }), fc.option(fc.stringMatching(/^[A-Za-z0-9=&%]{0,20}$/)))
    .map(([prefix, pieces, query]) => `${prefix}${pieces.join('/')}${query === null ? '' : `?${query}`}`);
  const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), fc.constant(''), fc.constant('null'));
  const extraHeaders = fc.dictionary(
    fc.constantFrom('origin', 'sec-fetch-site', 'x-dagger-token', 'content-type', 'accept', 'x-forwarded-for', 'cookie', 'range', 'if-none-match'),
    headerValue,
    { maxKeys: 4 },
  );
  const body = fc.oneof(fc.constant(''), fc.json(), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant('{"__proto__": {"x": 1}}'));
  const method = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'FOO');

  it('answers every request with a status, never a 5xx, and stays alive', async () => {
    await fc.assert(
      fc.asyncProperty(method, target, extraHeaders, body, fc.boolean(), async (verb, path_, headers, text, withToken) => {
        const bytes = Buffer.from(text, 'utf8');
        const all: Record<string, string> = {
          ...headers,
          ...(withToken ? { 'x-dagger-token': host.token } : {}),
          ...(verb === 'GET' || verb === 'HEAD' ? {} : { 'content-length': String(bytes.length) }),
        };
        const reply = await rawHttp(request(verb, path_, all), verb === 'GET' || verb === 'HEAD' ? [] : [bytes]);
        expect(reply.status, `${verb} ${path_}`).toBeGreaterThanOrEqual(200);
        expect(reply.status, `${verb} ${path_} ${reply.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    await expectAlive();
  });
});
