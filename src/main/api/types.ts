/**
 * What the main process implements: one handler per contract method, receiving the request
 * AFTER schema validation (defaults filled in). Stream handlers also get `emit`.
 */
import type { EventOf, ResponseOf, StreamMethod, UnaryMethod } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';

export type UnaryHandlers = {
  [M in UnaryMethod]: (request: ParsedRequest<M>) => Promise<ResponseOf<M>>;
};
export type StreamHandlers = {
  [M in StreamMethod]: (request: ParsedRequest<M>, emit: (event: EventOf<M>) => void) => Promise<ResponseOf<M>>;
};
export type ApiHandlers = UnaryHandlers & StreamHandlers;
