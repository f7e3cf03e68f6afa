/**
 * The main-process boundary: every request from any transport (IPC or HTTP) comes through
 * `dispatch`, which checks the method name, validates the request against its zod schema and
 * turns every outcome into an `Envelope`. Handlers never see unvalidated input, and a bug in a
 * handler reaches the renderer as a typed INTERNAL error rather than a crash.
 */
import { z } from 'zod';
import {
  DaggerApiError,
  isMethodName,
  isStreamMethod,
  type ApiErrorData,
  type Envelope,
  type MethodName,
} from '../../shared/api.js';
import { requestSchemas } from '../../shared/schemas.js';
import { StoreBusyError, StoreError } from '../services/store/index.js';
import type { ApiHandlers } from './types.js';

export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof DaggerApiError) return error.toJSON();
  if (error instanceof z.ZodError) return invalidRequest(error).toJSON();
  // The store refused the request as given (a cursor it never gave out, a record it cannot save):
  // the caller's mistake, with the store's sentence. Missing records are NOT_FOUND before that
  // (references.ts); a real fault in the store (an SqliteError, a lock held too long) is not.
  if (error instanceof StoreError && !(error instanceof StoreBusyError)) return { code: 'INVALID_REQUEST', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

function invalidRequest(error: z.ZodError): DaggerApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new DaggerApiError('INVALID_REQUEST', `invalid request: ${summary}`, { issues });
}

/** Validates a request for `method`; throws DaggerApiError INVALID_REQUEST with zod's issues. */
export function parseRequest<M extends MethodName>(method: M, raw: unknown): unknown {
  const result = requestSchemas[method].safeParse(raw);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

export interface Dispatcher {
  /** `emit` receives stream events (only stream methods use it). */
  dispatch(method: unknown, request: unknown, emit?: (event: unknown) => void): Promise<Envelope<unknown>>;
}

export function createDispatcher(handlers: ApiHandlers): Dispatcher {
  return {
    async dispatch(method, raw, emit) {
      try {
        if (!isMethodName(method)) {
          // Never String(method): a hostile object's toString could throw or lie.
          const shown = typeof method === 'string' ? `"${method.slice(0, 80)}"` : `of type ${typeof method}`;
          throw new DaggerApiError('UNKNOWN_METHOD', `unknown method ${shown}`);
        }
        const request = parseRequest(method, raw);
        // The handler table is typed per method; here we only know `method` is one of them,
        // so the call goes through a loosely typed view of the same table.
        const loose = handlers as unknown as Record<MethodName, (r: unknown, e: (event: unknown) => void) => Promise<unknown>>;
        const value = await loose[method](request, isStreamMethod(method) ? (emit ?? (() => {})) : () => {});
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    },
  };
}
