/**
 * "Spot the distractors": the student taps numbers in the text they think are not needed.
 * The truth is the reference graph: a number is a distractor when its node is a `const` node the
 * graph marks `distractor: true` (the same rule the store uses for its statistics).
 */
import type { Graph, NumberLink } from '../../core/graph/types.js';

export type MarkVerdict = 'true-positive' | 'false-positive' | 'false-negative' | 'true-negative';

export interface SpotResult {
  verdicts: Map<string, MarkVerdict>;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Node ids of the numbers the student can tap: linked const nodes written in the text. */
export function tappableNodeIds(links: readonly NumberLink[]): string[] {
  return links.filter((l) => l.span !== null).map((l) => l.nodeId);
}

export function distractorConstIds(graph: Graph): Set<string> {
  return new Set(graph.nodes.filter((n) => n.distractor && n.op.trim().toLowerCase() === 'const').map((n) => n.id));
}

export function toggleMark(marked: ReadonlySet<string>, nodeId: string): Set<string> {
  const next = new Set(marked);
  if (next.has(nodeId)) next.delete(nodeId);
  else next.add(nodeId);
  return next;
}

export function judgeMarks(graph: Graph, links: readonly NumberLink[], marked: ReadonlySet<string>): SpotResult {
  const truth = distractorConstIds(graph);
  const verdicts = new Map<string, MarkVerdict>();
  for (const id of tappableNodeIds(links)) {
    const isDistractor = truth.has(id);
    const isMarked = marked.has(id);
    verdicts.set(id, isMarked ? (isDistractor ? 'true-positive' : 'false-positive') : isDistractor ? 'false-negative' : 'true-negative');
  }
  let truePositives = 0;
  let falsePositives = 0;
  for (const id of marked) {
    if (truth.has(id)) truePositives++;
    else falsePositives++;
  }
  // Distractors only implied by the text (no span) count as missed too, like the store does.
  const falseNegatives = [...truth].filter((id) => !marked.has(id)).length;
  return { verdicts, truePositives, falsePositives, falseNegatives };
}
