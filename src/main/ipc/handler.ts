/**
 * The IPC boundary, minus Electron itself: given who sent a message and what it says, answer
 * an Envelope (through the same dispatcher as the browser host) and keep track of which
 * streaming requests each window has running, so closing a window cancels only its own.
 */
import { isMethodName, isStreamMethod, type Envelope } from '../../shared/api.js';
import type { Dispatcher } from '../api/dispatch.js';
import { isTrustedSender, type AppOrigin, type SenderFacts } from './trust.js';

export interface IpcCall {
  sender: SenderFacts;
  /** Identifies the sending window (webContents id). */
  windowId: number;
  method: unknown;
  request: unknown;
  /** Sends a stream event back to that window. */
  emit: (event: unknown) => void;
}

export interface IpcHandler {
  handle(call: IpcCall): Promise<Envelope<unknown>>;
  /** A window went away: cancel what it still had running. */
  windowClosed(windowId: number): Promise<void>;
}

export function createIpcHandler(dispatcher: Dispatcher, app: AppOrigin): IpcHandler {
  const running = new Map<number, Set<string>>();
  return {
    async handle({ sender, windowId, method, request, emit }) {
      if (!isTrustedSender(sender, app)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: `IPC refused from ${String(sender.frameUrl).slice(0, 200)}` } };
      }
      // Only a string id is remembered (the schema refuses the rest): String() of a hostile
      // object could throw here, outside the dispatcher's catch.
      const given = typeof request === 'object' && request !== null ? (request as { requestId?: unknown }).requestId : undefined;
      const requestId = typeof given === 'string' ? given : null;
      const mine = running.get(windowId) ?? new Set<string>();
      running.set(windowId, mine);
      // Every streaming method's work is cancelled when its window goes away.
      if (requestId && isMethodName(method) && isStreamMethod(method)) mine.add(requestId);
      try {
        return await dispatcher.dispatch(method, request, emit);
      } finally {
        if (requestId) mine.delete(requestId);
      }
    },
    async windowClosed(windowId) {
      const mine = running.get(windowId);
      running.delete(windowId);
      for (const requestId of mine ?? []) await dispatcher.dispatch('cancel', { requestId });
    },
  };
}
