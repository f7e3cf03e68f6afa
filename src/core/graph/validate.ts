/**
 * Structural checks of a graph, as diagnostics with stable codes and the node concerned.
 *
 * Severity follows one rule, so that our verdict matches the reference executor's: the
 * reference evaluates only what the final node needs (depth-first from it), so a problem in a
 * node the answer depends on is an error (the reference fails too), and the same problem in a
 * node nothing needs is a warning (the reference never looks at it and still computes the
 * answer). Things the reference silently tolerates (duplicate ids, a missing final_result,
 * ignored extra arguments) are warnings.
 */
import { prepareGraph, type PreparedGraph, type PreparedNode } from './prepare.js';
import type { Diagnostic, Graph, Severity } from './types.js';

export interface ValidationResult {
  /** No error diagnostic: the graph may still fail at run time (division by zero…). */
  ok: boolean;
  finalNode: string | null;
  /** Ids of the final node and everything it depends on, in evaluation order. */
  needed: string[];
  diagnostics: Diagnostic[];
}

export function validateGraph(graph: Graph, prepared: PreparedGraph = prepareGraph(graph)): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const { nodes, needed } = prepared;
  const severityOf = (index: number): Severity => (needed[index] ? 'error' : 'warning');

  if (nodes.length === 0) {
    diagnostics.push({ code: 'NO_NODES', severity: 'error', message: 'the graph has no nodes' });
  }

  for (const node of nodes) {
    if (node.definitions > 1 && node.id !== 'final_result') {
      diagnostics.push({
        code: 'DUPLICATE_ID', severity: 'warning', nodeId: node.id, params: { count: node.definitions },
        message: `id "${node.id}" is used by ${node.definitions} nodes; the last one is used`,
      });
    }
  }

  reportFinal(prepared, diagnostics);

  nodes.forEach((node, index) => {
    for (const problem of node.problems) diagnostics.push(describe(node, problem, severityOf(index)));
    if (node.ignoredArgs > 0) {
      diagnostics.push({
        code: 'ARITY', severity: 'warning', nodeId: node.id, params: { got: node.args.length, used: node.used },
        message: `${node.op} uses only its first argument; the other ${node.ignoredArgs} are ignored`,
      });
    }
  });

  for (const cycle of prepared.cycles) {
    const ids = cycle.map((i) => nodes[i]!.id);
    diagnostics.push({
      code: 'CYCLE', severity: severityOf(cycle[0]!), nodeId: ids[0]!, params: { path: ids.join(' → ') },
      message: `circular dependency: ${ids.join(' → ')}`,
    });
  }

  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    finalNode: prepared.final === null ? null : nodes[prepared.final]!.id,
    needed: prepared.order.filter((i) => needed[i]).map((i) => nodes[i]!.id),
    diagnostics,
  };
}

function reportFinal(prepared: PreparedGraph, diagnostics: Diagnostic[]): void {
  const { nodes, final, finalReason, finalCandidates } = prepared;
  if (final === null) return;
  const finalId = nodes[final]!.id;
  if (finalReason === 'final_result' && nodes[final]!.definitions > 1) {
    diagnostics.push({
      code: 'MULTIPLE_FINAL', severity: 'warning', nodeId: finalId, params: { count: nodes[final]!.definitions },
      message: `there are ${nodes[final]!.definitions} final_result nodes; the last one is used`,
    });
  }
  if (finalReason !== 'final_result') {
    const how: Record<string, string> = {
      named: `the node named "${finalId}"`,
      leaf: `"${finalId}", the last non-distractor node nothing refers to`,
      'last-non-distractor': `"${finalId}", the last non-distractor node`,
      'last-node': `"${finalId}", the last node`,
    };
    diagnostics.push({
      code: 'NO_FINAL', severity: 'warning', nodeId: finalId, params: { reason: finalReason ?? '' },
      message: `there is no final_result node; the answer is taken from ${how[finalReason ?? 'last-node']}`,
    });
  }
  if (finalCandidates.length > 1) {
    const ids = finalCandidates.map((i) => nodes[i]!.id);
    diagnostics.push({
      code: 'MULTIPLE_FINAL', severity: 'warning', nodeId: finalId, params: { candidates: ids.join(', ') },
      message: `several nodes could be the answer (${ids.join(', ')}); the last one is used`,
    });
  }
}

function describe(node: PreparedNode, problem: PreparedNode['problems'][number], severity: Severity): Diagnostic {
  const base = { severity, nodeId: node.id };
  switch (problem.code) {
    case 'UNKNOWN_OP':
      return { ...base, code: 'UNKNOWN_OP', params: { op: problem.op }, message: `unknown operation "${problem.op}"` };
    case 'ARITY': {
      const wanted = problem.max === Infinity ? `at least ${problem.min}`
        : problem.min === problem.max ? `exactly ${problem.min}` : `${problem.min} to ${problem.max}`;
      return {
        ...base, code: 'ARITY', params: { got: problem.got, min: problem.min, max: problem.max === Infinity ? -1 : problem.max },
        message: `${node.op} needs ${wanted} argument${problem.max === 1 && problem.min === 1 ? '' : 's'}, got ${problem.got}`,
      };
    }
    case 'MISSING_VAL':
      return problem.reason === 'absent'
        ? { ...base, code: 'MISSING_VAL', params: { reason: problem.reason }, message: 'const node has no "val"' }
        : { ...base, code: 'MISSING_VAL', params: { reason: problem.reason, val: problem.val ?? '' },
          message: `const node's val "${problem.val}" is not a number` };
    case 'UNKNOWN_REF':
      return {
        ...base, code: 'UNKNOWN_REF', params: { arg: problem.arg },
        message: `argument "${problem.arg}" is neither a node id nor a number`,
      };
  }
}
