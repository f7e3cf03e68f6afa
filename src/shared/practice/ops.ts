/**
 * Which operations a graph uses, for the "accuracy by operation" statistic.
 *
 * The model writes operation names loosely ("Multiply", "times"); this resolves them with the
 * alias table of the reference executor (see shared/dagger/FORMAT.md) so that statistics group
 * them as one. Kept here, small and self-contained, because the store must compute it when
 * recording and migrating without depending on the full validator.
 */
import { OPERATIONS, type Operation } from '../../core/graph/types.js';

const ALIASES: Record<string, Operation> = {
  multiply: 'mul', mult: 'mul', product: 'mul', times: 'mul',
  subtract: 'sub', minus: 'sub', average: 'mean', avg: 'mean', ceiling: 'ceil',
  power: 'pow', exponent: 'pow', modulo: 'mod', remainder: 'mod',
  constant: 'const', value: 'const', id: 'identity', pass: 'identity',
  addition: 'add', plus: 'add', divide: 'div', division: 'div',
  minimum: 'min', maximum: 'max', square_root: 'sqrt', absolute: 'abs',
};

/** The canonical operation for a name as written, or null when it is not one. */
export function canonicalOperation(written: string): Operation | null {
  const name = written.trim().toLowerCase();
  if ((OPERATIONS as readonly string[]).includes(name)) return name as Operation;
  return ALIASES[name] ?? null;
}

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
    const op = canonicalOperation(node.op);
    if (op && op !== 'const' && op !== 'identity') mask |= 1 << OPERATIONS.indexOf(op);
  }
  return mask;
}

export function operationsInMask(mask: number): Operation[] {
  return OPERATIONS.filter((_, i) => (mask & (1 << i)) !== 0);
}
