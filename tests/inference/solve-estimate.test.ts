/** The solve-time estimate shown after the first solve: measured speeds applied to a typical graph. */
import { describe, expect, it } from 'vitest';
import { estimateFromSolve, TYPICAL_GRAPH_TOKENS } from '../../src/main/services/inference/solve-estimate.js';
import type { SolveStats } from '../../src/main/services/inference/types.js';

const stats = (change: Partial<SolveStats> = {}): SolveStats => ({
  promptTokens: 780, promptTokensEvaluated: 30, generatedTokens: 200,
  timeToFirstTokenMs: 1000, timeToFirstNodeMs: 3000, tokensPerSecond: 10, totalMs: 21000, ...change,
});

describe('estimateFromSolve', () => {
  it('is the question at the measured prompt speed plus a typical graph at the measured generation speed', () => {
    // 30 tokens in 1 s: 30 tokens/s; a new question is the 780 - 750 = 30 tokens after the prefix.
    const estimate = estimateFromSolve(stats(), 750);
    expect(estimate).toEqual({
      promptTokensPerSecond: 30, generationTokensPerSecond: 10, graphTokens: TYPICAL_GRAPH_TOKENS, questionTokens: 30,
      estimatedSolveMs: 1000 + (TYPICAL_GRAPH_TOKENS * 1000) / 10,
    });
  });

  it('counts the whole prompt when no prefix is kept', () => {
    expect(estimateFromSolve(stats(), 0)?.questionTokens).toBe(780);
  });

  it('gives nothing when the solve measured too little', () => {
    expect(estimateFromSolve(stats({ timeToFirstTokenMs: null }), 750)).toBeNull();
    expect(estimateFromSolve(stats({ tokensPerSecond: 0 }), 750)).toBeNull();
    // The same problem again evaluates one token: that times a generation step, not the prompt speed.
    expect(estimateFromSolve(stats({ promptTokensEvaluated: 1, timeToFirstTokenMs: 100 }), 750)).toBeNull();
  });
});
