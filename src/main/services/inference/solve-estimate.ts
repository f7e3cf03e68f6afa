/**
 * How long a solve takes on this machine, from speeds measured on it: the question's prompt tokens
 * at the measured prompt speed (the instruction prefix is already evaluated) plus a typical graph's
 * tokens at the measured generation speed. Shown to the student once one problem has been solved.
 */
import type { SolveStats, SpeedEstimate } from './types.js';

/** DAGGER's graphs are about this many tokens with Gemma-3's vocabulary (examples.json: 250-450). */
export const TYPICAL_GRAPH_TOKENS = 360;

/**
 * Fewer evaluated prompt tokens than this (the same problem solved again evaluates one) measure the
 * time of one generation step, not the prompt speed.
 */
const MIN_MEASURED_PROMPT_TOKENS = 8;

/**
 * The estimate after a solve, or null when the solve measured too little (cancelled before the
 * second token, or hardly any prompt evaluated): the previous estimate then stands.
 * `prefixTokens` is the part of the prompt every problem shares; the rest is what a new problem
 * evaluates.
 */
export function estimateFromSolve(stats: SolveStats, prefixTokens: number): SpeedEstimate | null {
  const { promptTokensEvaluated, timeToFirstTokenMs, tokensPerSecond } = stats;
  if (timeToFirstTokenMs === null || timeToFirstTokenMs <= 0 || promptTokensEvaluated < MIN_MEASURED_PROMPT_TOKENS || tokensPerSecond <= 0) return null;
  // The time to the first token also holds one generation step: a slightly low, honest prompt speed.
  const promptTokensPerSecond = (promptTokensEvaluated * 1000) / timeToFirstTokenMs;
  const questionTokens = Math.max(1, stats.promptTokens - prefixTokens);
  const estimatedSolveMs = (questionTokens * 1000) / promptTokensPerSecond + (TYPICAL_GRAPH_TOKENS * 1000) / tokensPerSecond;
  return {
    promptTokensPerSecond: Math.round(promptTokensPerSecond * 10) / 10,
    generationTokensPerSecond: tokensPerSecond,
    graphTokens: TYPICAL_GRAPH_TOKENS,
    questionTokens,
    estimatedSolveMs: Math.round(estimatedSolveMs),
  };
}
