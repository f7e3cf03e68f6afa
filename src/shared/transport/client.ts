/**
 * Turns a `DaggerBridge` (IPC or HTTP) into the typed `DaggerApi` the renderer uses.
 * Both transports share this file, so a method behaves the same over either.
 */
import {
  DaggerApiError,
  METHOD_NAMES,
  isStreamMethod,
  type ApiErrorData,
  type DaggerApi,
  type Envelope,
} from '../api.js';
import type { DaggerBridge } from './bridge.js';

function unwrap(envelope: Envelope<unknown>): unknown {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    if (envelope.ok) return envelope.value;
    const error: ApiErrorData = envelope.error;
    throw new DaggerApiError(error.code, error.message, error.details);
  }
  throw new DaggerApiError('INTERNAL', 'the transport returned a malformed answer');
}

/** Any transport failure (host gone, network error) becomes a typed INTERNAL error. */
function transportFailure(error: unknown): never {
  if (error instanceof DaggerApiError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new DaggerApiError('INTERNAL', `the app's background process could not be reached: ${message}`);
}

export function createApiClient(bridge: DaggerBridge): DaggerApi {
  const api: Record<string, (request?: unknown, onEvent?: (event: unknown) => void) => Promise<unknown>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = isStreamMethod(method)
      ? (request, onEvent) =>
          bridge.stream(method, request ?? {}, (event) => onEvent?.(event)).then(unwrap, transportFailure)
      : (request) => bridge.call(method, request ?? {}).then(unwrap, transportFailure);
  }
  // The record is built from METHOD_NAMES, which the compile-time check in api.ts ties to
  // DaggerApi's keys; the per-method types come from the interface.
  return api as unknown as DaggerApi;
}

/** A request id for `solve` / `downloadModel` (crypto.randomUUID exists in browsers and Node). */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}
