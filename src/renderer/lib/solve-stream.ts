/**
 * The state of one streamed solve, as a pure reducer over the contract's SolveEvents. Events
 * may arrive hundreds of times a second (one per token); the screen batches them per animation
 * frame and applies them here in one go, so React renders at most once a frame.
 */
import type { ApiErrorData, SolveEvent, SolveResult } from '../../shared/api.js';
import type { GraphNode } from '../../core/graph/types.js';

export type SolvePhase = 'queued' | 'loading-model' | 'reading-problem' | 'writing-graph';

export interface SolveState {
  requestId: string | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  phase: SolvePhase | null;
  /** Nodes in the order they streamed in (the final graph replaces them on `done`). */
  nodes: GraphNode[];
  /** How many node events arrived while the model was writing (before `done`). */
  streamedNodes: number;
  generatedTokens: number;
  tokensPerSecond: number | null;
  result: SolveResult | null;
  error: ApiErrorData | null;
}

export const idleSolve: SolveState = {
  requestId: null, status: 'idle', phase: null, nodes: [], streamedNodes: 0, generatedTokens: 0, tokensPerSecond: null, result: null, error: null,
};

export function startSolve(requestId: string): SolveState {
  return { ...idleSolve, requestId, status: 'running', phase: 'queued' };
}

/** Applies a batch of events; events of another request are ignored (never disturb each other). */
export function applySolveEvents(state: SolveState, events: readonly SolveEvent[]): SolveState {
  let next = state;
  let nodes: GraphNode[] | null = null;
  for (const event of events) {
    if (event.requestId !== state.requestId || next.status !== 'running') continue;
    switch (event.type) {
      case 'queued':
        next = { ...next, phase: 'queued' };
        break;
      case 'progress':
        next = { ...next, phase: event.phase };
        break;
      case 'token':
        next = { ...next, phase: 'writing-graph', generatedTokens: event.generatedTokens, tokensPerSecond: event.tokensPerSecond };
        break;
      case 'node':
        // Copy once per batch, not once per node.
        nodes ??= [...next.nodes];
        nodes[event.index] = event.node;
        next = { ...next, phase: 'writing-graph', streamedNodes: next.streamedNodes + 1 };
        break;
      case 'done':
        next = finishSolve(next, event.result);
        break;
      case 'error':
        next = { ...next, status: 'failed', error: event.error };
        break;
    }
  }
  if (nodes) next = { ...next, nodes: next.status === 'done' ? next.nodes : nodes.filter(Boolean) };
  return next;
}

export function finishSolve(state: SolveState, result: SolveResult): SolveState {
  if (state.status !== 'running' || result.requestId !== state.requestId) return state;
  return {
    ...state,
    status: result.cancelled ? 'cancelled' : 'done',
    phase: null,
    nodes: result.analysis.graph?.nodes ?? state.nodes,
    generatedTokens: result.stats.generatedTokens,
    tokensPerSecond: result.stats.tokensPerSecond,
    result,
  };
}

export function failSolve(state: SolveState, error: ApiErrorData): SolveState {
  return state.status === 'running' ? { ...state, status: 'failed', error } : state;
}
