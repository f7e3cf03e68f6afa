/**
 * The low-level transport every `DaggerApi` client is built on. The Electron preload exposes
 * exactly this object as `window.dagger` (see src/preload/index.ts); the browser host's HTTP
 * client implements it over fetch + server-sent events.
 *
 * Why envelopes rather than thrown errors: Electron's contextBridge keeps only the message of
 * an Error crossing the bridge (custom fields such as `code` are lost), so the bridge resolves
 * with `{ok, value}` / `{ok: false, error}` and `createApiClient` turns the latter into a
 * `DaggerApiError` on the renderer's side of the bridge.
 */
import type { Envelope } from '../api.js';

export interface DaggerBridge {
  /** Which host serves the bridge. */
  readonly host: 'electron' | 'browser';
  /** A unary call. Never rejects for API errors; rejects only if the transport itself breaks. */
  call(method: string, request: unknown): Promise<Envelope<unknown>>;
  /**
   * A streaming call: `onEvent` receives every event of this request (each carries its
   * `requestId`); resolves with the final envelope once the method finishes.
   */
  stream(method: string, request: unknown, onEvent: (event: unknown) => void): Promise<Envelope<unknown>>;
}
