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
  /** The Hugging Face Hub to get checkpoints from (tests: tests/support/fake-hub.ts); default from the environment. */
  hubEndpoint?: string;
  /** Request bodies above this many bytes are refused (default MAX_BODY_BYTES; tests use less). */
  maxBodyBytes?: number;
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
export const MAX_BODY_BYTES = 210 * 1024 * 1024;

/**
 * How long a refused body is still read (and thrown away) before the connection is closed.
 * Closing while the client is still sending would reset the connection and lose the answer
 * (RFC 9112 §9.6, "tear-down"); reading on for a while lets the client see it.
 */
const DRAIN_GRACE_MS = 10_000;

const STATUS: Partial<Record<ApiErrorCode, number>> = {
  INVALID_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  UNSUPPORTED: 501,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

/** Writes the envelope's head and body; `end: false` leaves the response open (see refuseBody). */
function sendJson(response: http.ServerResponse, envelope: Envelope<unknown>, options: { status?: number; end?: boolean } = {}): void {
  const status = options.status ?? (envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 422));
  const body = JSON.stringify(envelope);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (options.end === false) response.write(body);
  else response.end(body);
}

const refuse = (code: ApiErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** A request body over the limit (details.reason TOO_LARGE, HTTP 413). */
class BodyTooLarge extends DaggerApiError {
  constructor(limit: number) {
    super('INVALID_REQUEST', `the request is too large (over ${limit} bytes)`, { reason: 'TOO_LARGE', limitBytes: limit });
  }
}

/**
 * The body as text. Refuses up front when Content-Length is over `limit`; a chunked body is
 * buffered only up to the limit (the rest is left to refuseBody, which reads it and throws it away).
 */
function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Answers a refused body with its envelope at once, then reads the rest of the body (discarding
 * it) and only ends the response when the client has finished sending or after DRAIN_GRACE_MS.
 * Ending at once would close a connection the client is still writing to: it would see a reset,
 * not the answer.
 */
function refuseBody(request: http.IncomingMessage, response: http.ServerResponse, error: DaggerApiError): void {
  response.setHeader('connection', 'close');
  sendJson(response, { ok: false, error: error.toJSON() }, { status: 413, end: false });
  const finish = () => {
    clearTimeout(timer);
    if (!response.writableEnded) response.end();
  };
  const timer = setTimeout(finish, DRAIN_GRACE_MS);
  request.once('end', finish);
  request.once('close', finish);
  request.resume();
}

/** The API method a request path names, or null when its percent-escapes are broken. */
function apiMethodOf(url: string): string | null {
  try {
    return decodeURIComponent(url.slice(HTTP_ROUTES.apiPrefix.length).split('?')[0] ?? '');
  } catch {
    return null;
  }
}

/**
 * The last line of defence: whatever a request made go wrong, the client gets an answer (or, when
 * the answer had already begun, a closed connection) and the host keeps serving everyone else.
 */
function answerFailure(response: http.ServerResponse, error: unknown): void {
  if (!response.headersSent) {
    try {
      sendJson(response, { ok: false, error: toErrorData(error) });
      return;
    } catch {
      // The response could not be written (the socket is gone): fall through and close it.
    }
  }
  response.destroy();
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const backend = await createBackend({
    dataDir: options.dataDir,
    host: 'browser',
    ...(options.modelPath ? { modelPath: options.modelPath } : {}),
    ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
    ...(options.loadOptions ? { loadOptions: options.loadOptions } : {}),
    ...(options.hubEndpoint ? { hubEndpoint: options.hubEndpoint } : {}),
  });
  const token = options.token ?? newToken();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
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
      const text = await readBody(request, maxBodyBytes);
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLarge) refuseBody(request, response, error);
      else if (error instanceof DaggerApiError) sendJson(response, { ok: false, error: error.toJSON() });
      else sendJson(response, refuse('INVALID_REQUEST', `the request body is not JSON: ${(error as Error).message}`));
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

  async function handleRequest(request: http.IncomingMessage, response: http.ServerResponse) {
    const refusal = checkHostAndOrigin(request, port);
    if (refusal) {
      sendJson(response, refuse('FORBIDDEN', refusal.message));
      return;
    }
    const url = request.url ?? '/';
    if (url.startsWith(HTTP_ROUTES.apiPrefix)) {
      const method = apiMethodOf(url);
      if (method === null) {
        sendJson(response, refuse('INVALID_REQUEST', 'the method name in the address is not valid percent-encoded UTF-8'));
        return;
      }
      await handleApi(request, response, method);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, refuse('INVALID_REQUEST', 'only GET for pages'));
      return;
    }
    serveStatic(options.staticDir ?? null, url, response);
  }

  // Every request goes through one catch: no request, however malformed, can end the process.
  const server = http.createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => answerFailure(response, error));
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
