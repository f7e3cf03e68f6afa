/**
 * How the renderer gets its `DaggerApi`:
 *   - inside Electron the preload has put the IPC bridge at `window.dagger`;
 *   - otherwise (the browser host, `npm run serve`) the page was opened as
 *     `http://127.0.0.1:<port>/?token=<token>`: talk HTTP to the same origin with that token.
 *     The token is kept in sessionStorage so a reload of another route still works.
 */
import { DaggerApiError, type DaggerApi } from '../api.js';
import type { DaggerBridge } from './bridge.js';
import { createApiClient } from './client.js';
import { createHttpBridge } from './http.js';

export type { DaggerBridge } from './bridge.js';
export { createApiClient, newRequestId } from './client.js';
export { createHttpBridge } from './http.js';

const TOKEN_KEY = 'dagger-tutor.token';

declare global {
  interface Window {
    /** Set by the Electron preload (src/preload/index.ts). */
    dagger?: DaggerBridge;
  }
}

let cached: DaggerApi | null = null;

export function getApi(): DaggerApi {
  if (cached) return cached;
  if (typeof window === 'undefined') throw new DaggerApiError('UNSUPPORTED', 'getApi() needs a browser window');
  if (window.dagger) {
    cached = createApiClient(window.dagger);
    return cached;
  }
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  const token = fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    throw new DaggerApiError('FORBIDDEN', 'open the address printed by `npm run serve` (it contains the access token)');
  }
  cached = createApiClient(createHttpBridge({ baseUrl: '', token }));
  return cached;
}

/** Which host the renderer runs in, without creating a client. */
export function currentHost(): 'electron' | 'browser' {
  return typeof window !== 'undefined' && window.dagger ? 'electron' : 'browser';
}
