/**
 * The browser host's transport: `POST /api/<method>` with a JSON body.
 *   - unary methods answer with a JSON `Envelope`;
 *   - streaming methods answer with `text/event-stream`: `event: event` lines carry the stream's
 *     events, one final `event: result` carries the Envelope.
 * Every request carries the per-run token in the `x-dagger-token` header.
 *
 * Streams are read with fetch's body reader rather than EventSource because EventSource can
 * only GET (no JSON body, no header for the token).
 */
import { HTTP_ROUTES, type Envelope } from '../api.js';
import type { DaggerBridge } from './bridge.js';

export interface HttpBridgeOptions {
  /** e.g. "http://127.0.0.1:5180" (no trailing slash needed); "" = same origin. */
  baseUrl: string;
  token: string;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export function createHttpBridge(options: HttpBridgeOptions): DaggerBridge {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function post(method: string, request: unknown): Promise<Response> {
    return doFetch(`${base}${HTTP_ROUTES.apiPrefix}${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_ROUTES.tokenHeader]: options.token },
      body: JSON.stringify(request ?? {}),
    });
  }

  return {
    host: 'browser',
    async call(method, request) {
      const response = await post(method, request);
      return readEnvelope(response);
    },
    async stream(method, request, onEvent) {
      const response = await post(method, request);
      const type = response.headers.get('content-type') ?? '';
      // Errors found before the stream starts (bad request, forbidden) come back as plain JSON.
      if (!type.startsWith('text/event-stream')) return readEnvelope(response);
      let result: Envelope<unknown> | null = null;
      await readServerSentEvents(response, (name, data) => {
        if (name === 'result') result = JSON.parse(data) as Envelope<unknown>;
        else if (name === 'event') onEvent(JSON.parse(data));
      });
      if (!result) throw new Error('the stream ended before its result');
      return result;
    },
  };
}

async function readEnvelope(response: Response): Promise<Envelope<unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Envelope<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `HTTP ${response.status}: ${text.slice(0, 200) || response.statusText}` },
    };
  }
}

/** Minimal SSE parser (the server only writes `event:` and single-line `data:` fields). */
export async function readServerSentEvents(
  response: Response,
  onMessage: (event: string, data: string) => void,
): Promise<void> {
  if (!response.body) throw new Error('the response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onMessage(event, data.join('\n'));
    }
    if (done) return;
  }
}
