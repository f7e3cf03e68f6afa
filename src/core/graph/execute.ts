/**
 * Runs a graph with the reference executor's semantics (ops.ts), iteratively in the order
 * prepare.ts computed. Every node that can be evaluated gets a value, so the UI can show what a
 * distractor computation would have given; only failures in nodes the answer depends on are
 * errors (see validate.ts for why).
 *
 * Run-time diagnostics only (DIV_BY_ZERO, DOMAIN, NON_FINITE); structural ones come from
 * validateGraph, and analyse() reports both.
 */
import { applyOp, OpError, type PyNum } from './ops.js';
import { prepareGraph, type PreparedGraph } from './prepare.js';
import type { Diagnostic, Graph } from './types.js';

export interface ExecutionResult {
  /** The final node's value; null when it could not be computed or is not finite. */
  answer: number | null;
  finalNode: string | null;
  /** Finite values of every node that could be evaluated, by id. */
  values: Record<string, number>;
  /** Ids in evaluation order (answer path first, as the reference evaluates it), evaluated nodes only. */
  order: string[];
  /** Ids of the nodes the answer depends on (including the final node). */
  needed: string[];
  diagnostics: Diagnostic[];
}

/** Node states; 0 means not yet visited. */
const OK = 1, FAILED = 2;

export function executeGraph(graph: Graph, prepared: PreparedGraph = prepareGraph(graph)): ExecutionResult {
  const { nodes, needed, final } = prepared;
  const value = new Float64Array(nodes.length);
  const isInt = new Uint8Array(nodes.length);
  const status = new Uint8Array(nodes.length);
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, number> = {};
  const order: string[] = [];
  const nonFiniteOrigins: number[] = [];

  for (const i of prepared.order) {
    const node = nodes[i]!;
    status[i] = FAILED;
    // Structural problems were reported by validation; a node fed by a failed node is simply
    // not computed (the root cause already has its diagnostic).
    if (node.problems.length > 0 || prepared.inCycle[i] || node.op === null) continue;

    let result: PyNum;
    if (node.op === 'const') {
      result = { value: node.constValue!, isInt: false };
    } else {
      const inputs: PyNum[] = [];
      let blocked = false;
      let finiteInputs = true;
      for (let k = 0; k < node.used; k++) {
        const arg = node.args[k]!;
        if (arg.kind === 'literal') {
          inputs.push({ value: arg.value, isInt: false });
        } else if (arg.kind === 'ref' && status[arg.index] === OK) {
          inputs.push({ value: value[arg.index]!, isInt: isInt[arg.index] === 1 });
        } else {
          blocked = true;
          break;
        }
        if (!Number.isFinite(inputs[inputs.length - 1]!.value)) finiteInputs = false;
      }
      if (blocked) continue;
      try {
        result = applyOp(node.op, inputs);
      } catch (error) {
        if (!(error instanceof OpError)) throw error;
        diagnostics.push({
          code: error.code, severity: needed[i] ? 'error' : 'warning', nodeId: node.id, message: error.message,
        });
        continue;
      }
      if (finiteInputs && !Number.isFinite(result.value)) nonFiniteOrigins.push(i);
    }
    if (node.op === 'const' && !Number.isFinite(result.value)) nonFiniteOrigins.push(i);

    status[i] = OK;
    value[i] = result.value;
    isInt[i] = result.isInt ? 1 : 0;
    order.push(node.id);
    if (Number.isFinite(result.value)) values[node.id] = result.value;
  }

  const finalOk = final !== null && status[final] === OK;
  const finalFinite = finalOk && Number.isFinite(value[final]!);
  // Python carries inf and nan on (min(inf, 3) is 3), so a non-finite intermediate is only a
  // warning; a non-finite answer is an error, since no answer can be inf or nan.
  for (const i of nonFiniteOrigins) {
    diagnostics.push({
      code: 'NON_FINITE', severity: i === final && !finalFinite ? 'error' : 'warning', nodeId: nodes[i]!.id,
      params: { value: String(value[i]) }, message: `${nodes[i]!.id} evaluates to ${value[i]}`,
    });
  }
  if (finalOk && !finalFinite && !nonFiniteOrigins.includes(final)) {
    diagnostics.push({
      code: 'NON_FINITE', severity: 'error', nodeId: nodes[final]!.id, params: { value: String(value[final]) },
      message: `the answer evaluates to ${value[final]}`,
    });
  }

  return {
    answer: finalFinite ? value[final!]! + 0 : null,
    finalNode: final === null ? null : nodes[final]!.id,
    values,
    order,
    needed: prepared.order.filter((i) => needed[i]).map((i) => nodes[i]!.id),
    diagnostics,
  };
}
