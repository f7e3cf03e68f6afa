/** Scoring for `eval`, as the DAGGER paper scores: relative tolerance 1e-6, and the GRPO format check. */

export function answersMatch(predicted: number | null, gold: number): boolean {
  if (predicted === null || !Number.isFinite(predicted)) return false;
  return Math.abs(predicted - gold) <= 1e-6 * Math.max(Math.abs(gold), Math.abs(predicted), Number.MIN_VALUE) || predicted === gold;
}

/**
 * Well-formed output (the paper's format reward): starts with the ```json fence, ends with the
 * closing fence, parses, has at least 3 nodes and exactly one `final_result`.
 */
export function isWellFormed(rawOutput: string): boolean {
  const text = rawOutput.trim();
  if (!text.startsWith('```json') || !text.endsWith('```') || text.length < '```json```'.length) return false;
  try {
    const parsed = JSON.parse(text.slice('```json'.length, -3)) as { nodes?: unknown };
    if (!Array.isArray(parsed.nodes) || parsed.nodes.length < 3) return false;
    return parsed.nodes.filter((n) => (n as { id?: unknown } | null)?.id === 'final_result').length === 1;
  } catch {
    return false;
  }
}
