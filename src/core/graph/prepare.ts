/**
 * The structure validation and execution both need, computed once per graph: nodes by id
 * (the reference's rules for duplicates), resolved operations and arguments, the final node,
 * the nodes the answer depends on, cycles, and the evaluation order. All traversals are
 * iterative, so a 10,000-deep chain cannot overflow the call stack.
 *
 * A Graph is treated as immutable data: prepare it again after changing it.
 */
import { ARITY, canonicalOp, pyFloat, readConstValue } from './ops.js';
import type { Graph, GraphNode, Operation } from './types.js';

export type ResolvedArg =
  | { kind: 'ref'; text: string; index: number }
  | { kind: 'literal'; text: string; value: number }
  | { kind: 'unknown'; text: string };

/** Why a node cannot be evaluated before any arithmetic happens. */
export type StaticProblem =
  | { code: 'UNKNOWN_OP'; op: string }
  | { code: 'ARITY'; got: number; min: number; max: number }
  | { code: 'MISSING_VAL'; reason: 'absent' | 'not-a-number'; val?: string }
  | { code: 'UNKNOWN_REF'; arg: string };

export interface PreparedNode {
  id: string;
  /** The definition in force: the LAST one with this id, as in the reference's dict. */
  node: GraphNode;
  /** How many nodes in the input carry this id. */
  definitions: number;
  op: Operation | null;
  args: ResolvedArg[];
  /** How many leading args the operation evaluates (0 when the node cannot be evaluated). */
  used: number;
  /** More args than the operation looks at (identity, sqrt, round…): ignored, as in the reference. */
  ignoredArgs: number;
  constValue: number | null;
  problems: StaticProblem[];
}

export type FinalReason = 'final_result' | 'named' | 'leaf' | 'last-non-distractor' | 'last-node';

export interface PreparedGraph {
  /** In order of first appearance (Python dicts keep the first key position). */
  nodes: PreparedNode[];
  byId: Map<string, number>;
  final: number | null;
  finalReason: FinalReason | null;
  /** When the final node was chosen by fallback among several unreferenced nodes. */
  finalCandidates: number[];
  /** 1 for the final node and every node it depends on through evaluated arguments. */
  needed: Uint8Array;
  /** Cycles found, each as node indices from the re-entered node back to itself. */
  cycles: number[][];
  inCycle: Uint8Array;
  /**
   * Evaluation order: the reference's depth-first post-order from the final node first, then
   * the remaining nodes the same way in document order (so unused nodes get values too).
   */
  order: number[];
}

/** Names the reference tries, in order, when there is no `final_result`. */
export const FALLBACK_FINAL_NAMES = ['final', 'result', 'answer', 'output', 'final_answer'] as const;

export function prepareGraph(graph: Graph): PreparedGraph {
  const byId = new Map<string, number>();
  const nodes: PreparedNode[] = [];
  for (const node of graph.nodes) {
    const existing = byId.get(node.id);
    if (existing === undefined) {
      byId.set(node.id, nodes.length);
      nodes.push({ id: node.id, node, definitions: 1, op: null, args: [], used: 0, ignoredArgs: 0, constValue: null, problems: [] });
    } else {
      nodes[existing]!.node = node;
      nodes[existing]!.definitions++;
    }
  }
  for (const prepared of nodes) resolveNode(prepared, byId);

  const { final, reason, candidates } = findFinal(nodes, byId);
  const { cycles, inCycle, order } = traverse(nodes, final);
  const needed = new Uint8Array(nodes.length);
  if (final !== null) markNeeded(nodes, final, needed);
  return { nodes, byId, final, finalReason: reason, finalCandidates: candidates, needed, cycles, inCycle, order };
}

function resolveNode(prepared: PreparedNode, byId: Map<string, number>): void {
  const { node } = prepared;
  prepared.args = node.args.map((arg): ResolvedArg => {
    // A JSON number is always a literal; a string is a node id when one exists, else a number.
    if (typeof arg === 'number') return { kind: 'literal', text: String(arg), value: arg };
    const text = arg.trim();
    const index = byId.get(text);
    if (index !== undefined) return { kind: 'ref', text, index };
    const value = pyFloat(text);
    return value === null ? { kind: 'unknown', text } : { kind: 'literal', text, value };
  });

  const op = canonicalOp(String(node.op));
  prepared.op = op;
  if (op === null) {
    prepared.problems.push({ code: 'UNKNOWN_OP', op: node.op });
    return;
  }
  if (op === 'const') {
    // Arguments of a const node are ignored by the reference; only `val` counts.
    if (node.val === undefined) {
      prepared.problems.push({ code: 'MISSING_VAL', reason: 'absent' });
    } else {
      prepared.constValue = readConstValue(node.val);
      if (prepared.constValue === null) {
        prepared.problems.push({ code: 'MISSING_VAL', reason: 'not-a-number', val: String(node.val) });
      }
    }
    return;
  }
  const arity = ARITY[op];
  const count = prepared.args.length;
  if (count < arity.min || (count > arity.max && arity.uses === 'all')) {
    prepared.problems.push({ code: 'ARITY', got: count, min: arity.min, max: arity.max });
    return;
  }
  prepared.used = arity.uses === 'first' ? 1 : count;
  prepared.ignoredArgs = count - prepared.used;
  for (let k = 0; k < prepared.used; k++) {
    const arg = prepared.args[k]!;
    if (arg.kind === 'unknown') prepared.problems.push({ code: 'UNKNOWN_REF', arg: arg.text });
  }
}

/** The reference's choice of answer node, with the reason and the other candidates. */
function findFinal(nodes: PreparedNode[], byId: Map<string, number>) {
  const none = { final: null, reason: null, candidates: [] as number[] };
  if (nodes.length === 0) return none;
  const exact = byId.get('final_result');
  if (exact !== undefined) return { final: exact, reason: 'final_result' as const, candidates: [] };
  for (const name of FALLBACK_FINAL_NAMES) {
    const index = byId.get(name);
    if (index !== undefined) return { final: index, reason: 'named' as const, candidates: [] };
  }
  const referenced = new Uint8Array(nodes.length);
  for (const prepared of nodes) {
    for (const arg of prepared.args) if (arg.kind === 'ref') referenced[arg.index] = 1;
  }
  const nonDistractors = nodes.map((_, i) => i).filter((i) => !nodes[i]!.node.distractor);
  const leaves = nonDistractors.filter((i) => !referenced[i]);
  if (leaves.length > 0) return { final: leaves.at(-1)!, reason: 'leaf' as const, candidates: leaves };
  if (nonDistractors.length > 0) {
    return { final: nonDistractors.at(-1)!, reason: 'last-non-distractor' as const, candidates: [] };
  }
  return { final: nodes.length - 1, reason: 'last-node' as const, candidates: [] };
}

function markNeeded(nodes: PreparedNode[], final: number, needed: Uint8Array): void {
  const stack = [final];
  needed[final] = 1;
  while (stack.length > 0) {
    const prepared = nodes[stack.pop()!]!;
    for (let k = 0; k < prepared.used; k++) {
      const arg = prepared.args[k]!;
      if (arg.kind === 'ref' && !needed[arg.index]) {
        needed[arg.index] = 1;
        stack.push(arg.index);
      }
    }
  }
}

/** Iterative depth-first post-order over evaluated arguments, recording cycles on the way. */
function traverse(nodes: PreparedNode[], final: number | null) {
  const UNSEEN = 0, ON_STACK = 1, DONE = 2;
  const state = new Uint8Array(nodes.length);
  const inCycle = new Uint8Array(nodes.length);
  const cycles: number[][] = [];
  const order: number[] = [];
  const roots = final === null ? [] : [final];
  for (let i = 0; i < nodes.length; i++) roots.push(i);

  for (const root of roots) {
    if (state[root] !== UNSEEN) continue;
    // Each frame: a node and how far through its evaluated arguments we are.
    const path: number[] = [root];
    const next: number[] = [0];
    state[root] = ON_STACK;
    while (path.length > 0) {
      const top = path.length - 1;
      const i = path[top]!;
      const prepared = nodes[i]!;
      let descended = false;
      while (next[top]! < prepared.used) {
        const arg = prepared.args[next[top]!++]!;
        if (arg.kind !== 'ref') continue;
        const j = arg.index;
        if (state[j] === UNSEEN) {
          state[j] = ON_STACK;
          path.push(j);
          next.push(0);
          descended = true;
          break;
        }
        if (state[j] === ON_STACK) {
          const cycle = path.slice(path.lastIndexOf(j));
          cycles.push([...cycle, j]);
          for (const k of cycle) inCycle[k] = 1;
        }
      }
      if (descended) continue;
      state[i] = DONE;
      order.push(i);
      path.pop();
      next.pop();
    }
  }
  return { cycles, inCycle, order };
}
