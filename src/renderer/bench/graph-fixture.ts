/** The benchmark's graph: DAGGER-shaped, any size (also used by the layout unit test). */
import type { Graph, GraphNode } from '../../core/graph/types.js';

/** A DAGGER-shaped graph of `size` nodes: inputs (some distractors), a tree of sums, final_result. */
export function benchGraph(size: number, salt: string): Graph {
  const nodes: GraphNode[] = [];
  const inputs = Math.floor(size / 2);
  let level: string[] = [];
  for (let i = 0; i < inputs; i++) {
    const id = `${salt}c${i}`;
    nodes.push({ id, op: 'const', val: i + 1, args: [], distractor: i % 9 === 4, label: `সংখ্যা ${i + 1}` });
    if (i % 9 !== 4) level.push(id);
  }
  let k = 0;
  while (nodes.length < size - 1 && level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i + 1 < level.length && nodes.length < size - 1; i += 2) {
      const id = `${salt}s${k++}`;
      nodes.push({ id, op: k % 3 === 0 ? 'mul' : 'add', args: [level[i]!, level[i + 1]!], distractor: false, label: `ধাপ ${k}` });
      next.push(id);
    }
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  while (nodes.length < size - 1) {
    const id = `${salt}s${k++}`;
    nodes.push({ id, op: 'add', args: [level[0]!, `${salt}c0`], distractor: false });
    level = [id];
  }
  nodes.push({ id: 'final_result', op: 'identity', args: [level[0]!], distractor: false, label: 'চূড়ান্ত উত্তর' });
  return { nodes };
}
