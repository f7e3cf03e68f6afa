/**
 * Lays a DAGGER graph out as a top-to-bottom DAG with @dagrejs/dagre. Pure data in, pure data out:
 * the d3 view (components/GraphView.tsx) only draws what this returns, so the layout can be unit
 * tested in Node and benchmarked separately from drawing.
 */
import dagre, { type Graph as DagreGraph } from '@dagrejs/dagre';
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
/** Above this many nodes the linear-time layered layout replaces dagre (see layoutGraph). */
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
  /** Use the linear-time layout whatever the size (while a graph streams in, every frame counts). */
  fast?: boolean;
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
  const { graph, values = {}, finalNode, stepOf, distractorIds, fast = false } = input;
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

  // dagre gives the tidiest drawing, and model graphs are usually 5-30 nodes. For big graphs its
  // graph bookkeeping costs about 100 ms at 200 nodes (measured: bench/ui.bench.ts), so those use
  // the linear-time layered layout below, which keeps the same look (ranks top to bottom).
  const positions = fast || nodes.length > LARGE_GRAPH_NODES ? layeredPositions(nodes.map((n) => n.id), edgeKeys) : dagrePositions(g);
  const pos = (id: string) => positions.nodes.get(id) ?? { x: 0, y: 0 };

  const laidOut: LaidOutNode[] = nodes.map((n) => {
    const { x, y } = pos(n.id);
    const value = Object.prototype.hasOwnProperty.call(values, n.id) ? values[n.id]! : null;
    return {
      id: n.id,
      kind: nodeKind(n, finalNode, distractorIds),
      op: n.op,
      value,
      label: n.label ?? '',
      x,
      y,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      stepIndex: stepOf?.get(n.id) ?? null,
    };
  });
  const edges: LaidOutEdge[] = edgeKeys.map(([from, to]) => ({ from, to, points: positions.edges(from, to) }));
  return { nodes: laidOut, edges, width: positions.width, height: positions.height };
}

interface Positions {
  nodes: Map<string, { x: number; y: number }>;
  edges(from: string, to: string): Array<{ x: number; y: number }>;
  width: number;
  height: number;
}

function dagrePositions(g: DagreGraph): Positions {
  dagre.layout(g);
  const nodes = new Map<string, { x: number; y: number }>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    nodes.set(id, { x: n.x ?? 0, y: n.y ?? 0 });
  }
  const label = g.graph();
  return {
    nodes,
    edges: (from, to) => (g.edge(from, to).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })),
    width: label.width ?? 0,
    height: label.height ?? 0,
  };
}

const NODE_SEP = 24;
const RANK_SEP = 44;
const MARGIN = 12;

/**
 * A linear-time layered (Sugiyama-style) layout for big graphs: rank = longest path from the
 * inputs, inputs pulled down next to their first use, one barycentre sweep to order each rank,
 * then each node placed under the mean of its inputs without overlapping its neighbours.
 * Cycles (invalid graphs) cannot stop it: nodes left after the topological pass go below.
 */
export function layeredPositions(ids: readonly string[], edges: ReadonlyArray<[string, string]>): Positions {
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, to] of edges) {
    preds.get(to)!.push(from);
    succs.get(from)!.push(to);
  }
  // Ranks by Kahn's algorithm (longest path from the sources).
  const rank = new Map<string, number>();
  const indegree = new Map(ids.map((id) => [id, preds.get(id)!.length]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (const id of queue) rank.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of succs.get(id)!) {
      rank.set(next, Math.max(rank.get(next) ?? 0, rank.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  let maxRank = Math.max(0, ...rank.values());
  for (const id of ids) if (!rank.has(id)) rank.set(id, ++maxRank);
  // Inputs sit just above their first consumer, as a student would draw them.
  for (const id of ids) {
    if (preds.get(id)!.length > 0 || succs.get(id)!.length === 0) continue;
    rank.set(id, Math.max(0, Math.min(...succs.get(id)!.map((s) => rank.get(s)!)) - 1));
  }
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id)!] ??= []).push(id);
  // Order: top to bottom, each rank sorted by the mean order of its inputs.
  const order = new Map<string, number>();
  for (const layer of layers) {
    if (!layer) continue;
    const key = (id: string) => {
      const ps = preds.get(id)!.filter((p) => order.has(p));
      return ps.length ? ps.reduce((sum, p) => sum + order.get(p)!, 0) / ps.length : (order.size > 0 ? Infinity : 0);
    };
    const keyed = layer.map((id, i) => ({ id, k: key(id), i }));
    keyed.sort((a, b) => (a.k === b.k ? a.i - b.i : a.k - b.k));
    keyed.forEach(({ id }, i) => order.set(id, i));
    layer.splice(0, layer.length, ...keyed.map((k) => k.id));
  }
  // x: under the inputs' mean, pushed right to avoid overlaps; y: by rank.
  const step = NODE_WIDTH + NODE_SEP;
  const nodes = new Map<string, { x: number; y: number }>();
  let minX = Infinity;
  let maxX = -Infinity;
  layers.forEach((layer, r) => {
    if (!layer) return;
    let cursor = -Infinity;
    layer.forEach((id, i) => {
      const ps = preds.get(id)!.filter((p) => nodes.has(p));
      const wanted = ps.length ? ps.reduce((sum, p) => sum + nodes.get(p)!.x, 0) / ps.length : i * step;
      const x = Math.max(wanted, cursor + step);
      cursor = x;
      nodes.set(id, { x, y: MARGIN + NODE_HEIGHT / 2 + r * (NODE_HEIGHT + RANK_SEP) });
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    });
  });
  const shift = MARGIN + NODE_WIDTH / 2 - (Number.isFinite(minX) ? minX : 0);
  for (const p of nodes.values()) p.x += shift;
  return {
    nodes,
    edges(from, to) {
      const a = nodes.get(from)!;
      const b = nodes.get(to)!;
      const start = { x: a.x, y: a.y + NODE_HEIGHT / 2 };
      const end = { x: b.x, y: b.y - NODE_HEIGHT / 2 };
      return [start, { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }, end];
    },
    width: Number.isFinite(maxX) ? maxX - minX + NODE_WIDTH + 2 * MARGIN : 0,
    height: layers.length * (NODE_HEIGHT + RANK_SEP) - RANK_SEP + 2 * MARGIN,
  };
}
