/**
 * The preload script (sandboxed: bundled to CommonJS, may import only 'electron'). It exposes
 * exactly the contract's bridge as `window.dagger` — a `call` and a `stream` function over two
 * IPC channels — and nothing else: no ipcRenderer, no Node. The renderer turns the bridge into
 * the typed DaggerApi with createApiClient (src/shared/transport/).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type Envelope } from '../shared/api.js';
import type { DaggerBridge } from '../shared/transport/bridge.js';

function requestIdOf(request: unknown): string | null {
  return typeof request === 'object' && request !== null && typeof (request as { requestId?: unknown }).requestId === 'string'
    ? (request as { requestId: string }).requestId
    : null;
}

const bridge: DaggerBridge = {
  host: 'electron',
  call(method, request) {
    return ipcRenderer.invoke(IPC_CHANNELS.call, String(method), request) as Promise<Envelope<unknown>>;
  },
  async stream(method, request, onEvent) {
    const requestId = requestIdOf(request);
    // Only this request's events reach this listener; other streams have their own.
    const listener = (_event: IpcRendererEvent, payload: unknown) => {
      if (requestId !== null && requestIdOf(payload) === requestId) onEvent(payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, listener);
    try {
      return (await ipcRenderer.invoke(IPC_CHANNELS.call, String(method), request)) as Envelope<unknown>;
    } finally {
      ipcRenderer.removeListener(IPC_CHANNELS.event, listener);
    }
  },
};

contextBridge.exposeInMainWorld('dagger', bridge);
