/**
 * Which operations a graph uses, for the "accuracy by operation" statistic.
 *
 * The model writes operation names loosely ("Multiply", "times"); core's `canonicalOp` resolves
 * them with the reference executor's alias table (see shared/dagger/FORMAT.md), so statistics
 * group them as one and agree with what the executor runs.
 */
import { OPERATIONS, canonicalOp, type Operation } from '../../core/index.js';

/** The canonical operation for a name as written, or null when it is not one (core's canonicalOp). */
export const canonicalOperation: (written: string) => Operation | null = canonicalOp;

/** Operations that count as arithmetic for statistics (reading a number or passing it on do not). */
export const ARITHMETIC_OPERATIONS = OPERATIONS.filter((op) => op !== 'const' && op !== 'identity');

/**
 * A bit set of the arithmetic operations on a graph's non-distractor nodes (bit i = OPERATIONS[i]),
 * stored as an integer so SQLite can group attempts by it.
 */
export function operationMask(graph: { nodes: Array<{ op: string; distractor?: boolean }> } | null): number {
  let mask = 0;
  for (const node of graph?.nodes ?? []) {
    if (node.distractor) continue;
    const op = canonicalOp(node.op);
    if (op && op !== 'const' && op !== 'identity') mask |= 1 << OPERATIONS.indexOf(op);
  }
  return mask;
}

export function operationsInMask(mask: number): Operation[] {
  return OPERATIONS.filter((_, i) => (mask & (1 << i)) !== 0);
}
