/**
 * Compares the numbers a student marked as distractors with the graph's distractor nodes.
 *
 * A mark names either a node id (when the UI lets the student click a number linked to a node)
 * or a value (when they picked a number in the text). The graph's distractors are its `const`
 * nodes marked `distractor: true`. Values are compared within a relative tolerance of 1e-9 so
 * that 45.6 typed and 45.6 parsed agree.
 */
import type { DistractorMarks, DistractorSpotting, StoredGraph } from './records.js';

function constValue(val: number | string | undefined): number | null {
  if (typeof val === 'number') return val;
  if (typeof val !== 'string') return null;
  const ascii = val.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
  const match = /^\s*-?\d+(\.\d+)?/.exec(ascii);
  return match ? Number(match[0]) : null;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

export function compareDistractorMarks(marks: DistractorMarks, graph: StoredGraph): DistractorSpotting {
  const consts = graph.nodes.filter((n) => n.op.trim().toLowerCase() === 'const');
  const markedIds = new Set<string>(marks.nodeIds);
  // A value mark selects the first not-yet-marked const node with that value.
  for (const value of marks.values) {
    const node = consts.find((n) => !markedIds.has(n.id) && constValue(n.val) !== null && same(constValue(n.val)!, value));
    markedIds.add(node ? node.id : `value:${value}`);
  }
  let truePositives = 0;
  let falsePositives = 0;
  for (const id of markedIds) {
    const node = consts.find((n) => n.id === id);
    if (node?.distractor) truePositives++;
    else falsePositives++;
  }
  const falseNegatives = consts.filter((n) => n.distractor && !markedIds.has(n.id)).length;
  return { truePositives, falsePositives, falseNegatives };
}
