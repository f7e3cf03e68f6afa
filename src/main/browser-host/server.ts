/**
 * The browser host: the same contract as the Electron app, over HTTP on 127.0.0.1.
 *
 *   POST /api/<method>   JSON body = the request; answers a JSON Envelope, or for the streaming
 *                        methods (solve, downloadModel) text/event-stream: `event: event` for
 *                        each stream event, then one `event: result` with the Envelope.
 *   GET  /*              the built renderer (out/renderer), opened as /?token=<token>.
 *
 * Every API call needs the per-run token in the `x-dagger-token` header; Host and Origin are
 * checked on every request (see security.ts). Closing the HTTP stream of a solve or download
 * cancels that request only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DaggerApiError, HTTP_ROUTES, isMethodName, isStreamMethod, type ApiErrorCode, type Envelope } from '../../shared/api.js';
import type { LoadOptions } from '../services/inference/types.js';
import { createBackend, type Backend } from '../api/backend.js';
import { parseRequest, toErrorData } from '../api/dispatch.js';
import { checkHostAndOrigin, newToken, tokenMatches } from './security.js';
import { serveStatic } from './static.js';

export interface BrowserHostOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  modelPath?: string;
  /** The built renderer; null/absent serves the API only. */
  staticDir?: string | null;
  resourcesDir?: string;
  /** Passed to every model load (tests: `{ threads: 1 }`). */
  loadOptions?: LoadOptions;
  /** Fixed token (tests); default a random one per run. */
  token?: string;
}

export interface BrowserHost {
  /** http://127.0.0.1:<port>/?token=<token> — what the user opens. */
  url: string;
  origin: string;
  token: string;
  port: number;
  backend: Backend;
  close(): Promise<void>;
}

/** Request bodies above this are refused (an import of 100,000 attempts is far below it). */
const MAX_BODY_BYTES = 210 * 1024 * 1024;

const STATUS: Partial<Record<ApiErrorCode, number>> = {
  INVALID_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  UNSUPPORTED: 501,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

function sendJson(response: http.ServerResponse, envelope: Envelope<unknown>): void {
  const status = envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 422);
  const body = JSON.stringify(envelope);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

const refuse = (code: ApiErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new DaggerApiError('INVALID_REQUEST', `the request is too large (over ${MAX_BODY_BYTES} bytes)`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const backend = await createBackend({
    dataDir: options.dataDir,
    host: 'browser',
    ...(options.modelPath ? { modelPath: options.modelPath } : {}),
    ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
    ...(options.loadOptions ? { loadOptions: options.loadOptions } : {}),
  });
  const token = options.token ?? newToken();
  let port = 0;
  const openStreams = new Set<http.ServerResponse>();

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, method: string) {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      sendJson(response, refuse('INVALID_REQUEST', 'API calls are POST requests'));
      return;
    }
    if (!tokenMatches(request.headers[HTTP_ROUTES.tokenHeader], token)) {
      sendJson(response, refuse('FORBIDDEN', 'missing or wrong access token: open the address printed by `npm run serve`'));
      return;
    }
    if (!isMethodName(method)) {
      sendJson(response, refuse('UNKNOWN_METHOD', `unknown method "${method.slice(0, 80)}"`));
      return;
    }
    let body: unknown;
    try {
      const text = await readBody(request);
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (error) {
      sendJson(response, error instanceof DaggerApiError
        ? { ok: false, error: error.toJSON() }
        : refuse('INVALID_REQUEST', `the request body is not JSON: ${(error as Error).message}`));
      return;
    }
    if (!isStreamMethod(method)) {
      sendJson(response, await backend.dispatcher.dispatch(method, body));
      return;
    }
    // Streams: a request that cannot start (invalid) is answered as plain JSON, not a stream.
    try {
      parseRequest(method, body);
    } catch (error) {
      sendJson(response, { ok: false, error: toErrorData(error) });
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    response.flushHeaders();
    openStreams.add(response);
    const requestId = (body as { requestId: string }).requestId;
    let finished = false;
    // The page went away (tab closed, fetch aborted): stop that request, and only that one.
    response.on('close', () => {
      openStreams.delete(response);
      if (!finished) void backend.dispatcher.dispatch('cancel', { requestId });
    });
    const write = (event: string, data: unknown) => {
      // A page that went away must not break the work it started (it is cancelled separately).
      if (!response.writableEnded && !response.destroyed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const envelope = await backend.dispatcher.dispatch(method, body, (event) => write('event', event));
    finished = true;
    write('result', envelope);
    response.end();
  }

  const server = http.createServer((request, response) => {
    const refusal = checkHostAndOrigin(request, port);
    if (refusal) {
      sendJson(response, refuse('FORBIDDEN', refusal.message));
      return;
    }
    const url = request.url ?? '/';
    if (url.startsWith(HTTP_ROUTES.apiPrefix)) {
      const method = decodeURIComponent(url.slice(HTTP_ROUTES.apiPrefix.length).split('?')[0] ?? '');
      handleApi(request, response, method).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, { ok: false, error: toErrorData(error) });
        else response.end();
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, refuse('INVALID_REQUEST', 'only GET for pages'));
      return;
    }
    serveStatic(options.staticDir ?? null, url, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    backend,
    close() {
      closing ??= (async () => {
        // Stop taking requests, let running work cancel and finish, then close the services.
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await backend.close();
        for (const stream of openStreams) stream.end();
        server.closeAllConnections();
        await serverClosed;
      })();
      return closing;
    },
  };
}
