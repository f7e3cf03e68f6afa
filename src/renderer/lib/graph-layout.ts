/**
 * Lays a DAGGER graph out as a top-to-bottom DAG with @dagrejs/dagre. Pure data in, pure data out:
 * the d3 view (components/GraphView.tsx) only draws what this returns, so the layout can be unit
 * tested in Node and benchmarked separately from drawing.
 */
import dagre from '@dagrejs/dagre';
import type { Graph } from '../../core/graph/types.js';

export type NodeKind = 'input' | 'operation' | 'final' | 'distractor';

export interface LaidOutNode {
  id: string;
  kind: NodeKind;
  /** The operation as the model wrote it (shown on the node). */
  op: string;
  /** The node's computed value, or null when execution did not reach it. */
  value: number | null;
  /** Model-written label: untrusted, drawn with d3 .text() only. */
  label: string;
  /** Centre of the node box. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Index of the step that computes this node (for step-by-step reveal); null for inputs. */
  stepIndex: number | null;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  /** Polyline from the source box to the target box. */
  points: Array<{ x: number; y: number }>;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 156;
export const NODE_HEIGHT = 58;
/** Above this many nodes the layout uses dagre's fast options (see layoutGraph). */
export const LARGE_GRAPH_NODES = 80;

export interface LayoutInput {
  graph: Graph;
  /** Node values from the executor (Analysis.values). */
  values?: Record<string, number>;
  /** Final node id from the executor, so the answer node is drawn as such. */
  finalNode?: string | null;
  /** nodeId → step index (Analysis.steps order). */
  stepOf?: ReadonlyMap<string, number>;
  /** Node ids that are off the answer path (flagged or structurally unused). */
  distractorIds?: ReadonlySet<string>;
}

export function nodeKind(
  node: Graph['nodes'][number],
  finalNode: string | null | undefined,
  distractorIds: ReadonlySet<string> | undefined,
): NodeKind {
  if (node.distractor || distractorIds?.has(node.id)) return 'distractor';
  if (finalNode != null ? node.id === finalNode : node.id === 'final_result') return 'final';
  return node.op.trim().toLowerCase() === 'const' ? 'input' : 'operation';
}

/**
 * Computes positions for every node and a route for every edge. Arguments that are not node ids
 * (inline numeric literals) have no edge; references to missing nodes are skipped too (the
 * validator reports them, the drawing must not crash on them). Duplicate ids keep the first node.
 */
export function layoutGraph(input: LayoutInput): GraphLayout {
  const { graph, values = {}, finalNode, stepOf, distractorIds } = input;
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));

  const seen = new Set<string>();
  const nodes = graph.nodes.filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });

  const edgeKeys: Array<[string, string]> = [];
  for (const n of nodes) {
    for (const arg of n.args) {
      const from = typeof arg === 'string' ? arg.trim() : null;
      // A self-reference or a missing id cannot be drawn as an edge; validation explains it.
      if (from === null || from === n.id || !seen.has(from) || g.hasEdge(from, n.id)) continue;
      g.setEdge(from, n.id);
      edgeKeys.push([from, n.id]);
    }
  }

  // dagre's crossing-minimisation sweeps dominate for big graphs (about 100 ms for 200 nodes);
  // model graphs are usually 5-30 nodes, so only large ones trade a little tidiness for speed.
  const large = nodes.length > LARGE_GRAPH_NODES;
  dagre.layout(g, large ? { ranker: 'tight-tree', disableOptimalOrderHeuristic: true } : undefined);

  const laidOut: LaidOutNode[] = nodes.map((n) => {
    const pos = g.node(n.id);
    const value = Object.prototype.hasOwnProperty.call(values, n.id) ? values[n.id]! : null;
    return {
      id: n.id,
      kind: nodeKind(n, finalNode, distractorIds),
      op: n.op,
      value,
      label: n.label ?? '',
      x: pos.x ?? 0,
      y: pos.y ?? 0,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      stepIndex: stepOf?.get(n.id) ?? null,
    };
  });
  const edges: LaidOutEdge[] = edgeKeys.map(([from, to]) => ({
    from,
    to,
    points: (g.edge(from, to).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })),
  }));
  const label = g.graph();
  return { nodes: laidOut, edges, width: label.width ?? 0, height: label.height ?? 0 };
}
