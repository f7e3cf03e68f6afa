/**
 * Step-by-step reveal: which graph nodes are visible when the first `shown` steps are revealed.
 * Inputs (const nodes) and distractors are always visible, so the student sees what the problem
 * gives; each step then reveals the operation node it computes.
 */
import type { Graph, Step } from '../../core/graph/types.js';

export function visibleNodeIds(graph: Graph, steps: readonly Step[], shown: number): Set<string> {
  const computed = new Set(steps.map((s) => s.nodeId));
  const visible = new Set<string>();
  for (const node of graph.nodes) if (!computed.has(node.id) || node.op.trim().toLowerCase() === 'const') visible.add(node.id);
  for (const step of steps.slice(0, Math.max(0, shown))) visible.add(step.nodeId);
  return visible;
}

/** nodeId → index of the step that computes it. */
export function stepIndexByNode(steps: readonly Step[]): Map<string, number> {
  return new Map(steps.map((s, i) => [s.nodeId, i]));
}

export function clampStep(shown: number, total: number): number {
  return Math.max(0, Math.min(total, shown));
}
