/**
 * Distractor analysis: what the model flagged, what the answer does not depend on, and where the
 * two disagree. The disagreements are what a teacher reviews: a flagged node the answer uses means
 * the model contradicted itself; an unused unflagged node is a number the model read but silently
 * dropped.
 */
import { prepareGraph, type PreparedGraph } from './prepare.js';
import type { DistractorAnalysis, Graph } from './types.js';

export function analyseDistractors(graph: Graph, prepared: PreparedGraph = prepareGraph(graph)): DistractorAnalysis {
  const flagged: string[] = [];
  const unused: string[] = [];
  const flaggedButUsed: string[] = [];
  const unusedNotFlagged: string[] = [];
  // One entry per id (the definition in force), in document order.
  prepared.nodes.forEach((node, index) => {
    const isFlagged = node.node.distractor;
    const isUsed = prepared.needed[index] === 1;
    if (isFlagged) flagged.push(node.id);
    if (!isUsed) unused.push(node.id);
    if (isFlagged && isUsed) flaggedButUsed.push(node.id);
    if (!isFlagged && !isUsed) unusedNotFlagged.push(node.id);
  });
  return { flagged, unused, flaggedButUsed, unusedNotFlagged };
}
