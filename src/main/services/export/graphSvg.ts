/**
 * Draws a DAGGER graph as a self-contained SVG string for printable reports: a small layered
 * layout (no DOM, no layout library), inputs at the top, the answer at the bottom.
 *
 * Layers: a node sits one layer below its deepest argument (longest path from the numbers read
 * from the text). Order within a layer: first appearance, then two sweeps that move each node
 * towards the average position of its arguments (the barycentre heuristic), which removes most
 * crossings in graphs of this size. Labels are model output: always escaped, never markup.
 */
import type { StoredGraph } from '../../../shared/practice/records.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const NODE_W = 150;
const NODE_H = 46;
const GAP_X = 22;
const GAP_Y = 52;
const MARGIN = 12;
/** Larger graphs are not drawn (they would not fit a printed page anyway). */
export const MAX_DRAWN_NODES = 80;

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface GraphSvgOptions {
  /** Prefix for ids inside the SVG (several graphs share one page). */
  idPrefix?: string;
  /** Node ids to outline as the answer node. */
  finalNodeId?: string | null;
  title?: string;
}

export function renderGraphSvg(graph: StoredGraph, options: GraphSvgOptions = {}): string {
  const prefix = (options.idPrefix ?? 'g').replace(/[^A-Za-z0-9_-]/g, '');
  const nodes = graph.nodes.slice(0, MAX_DRAWN_NODES);
  const byId = new Map(nodes.map((n, i) => [n.id.trim(), i]));
  const parents = nodes.map((n) => n.args
    .filter((a): a is string => typeof a === 'string')
    .map((a) => byId.get(a.trim()))
    .filter((i): i is number => i !== undefined));

  // Longest-path layering; a node met again while being placed (a cycle) counts as layer 0.
  const layer = new Array<number>(nodes.length).fill(-1);
  const visiting = new Set<number>();
  const place = (i: number): number => {
    if (layer[i]! >= 0) return layer[i]!;
    if (visiting.has(i)) return 0;
    visiting.add(i);
    const depth = parents[i]!.length ? 1 + Math.max(...parents[i]!.map(place)) : 0;
    visiting.delete(i);
    layer[i] = depth;
    return depth;
  };
  nodes.forEach((_, i) => place(i));

  const layers: number[][] = [];
  nodes.forEach((_, i) => (layers[layer[i]!] ??= []).push(i));
  const position = new Map<number, number>();
  const setPositions = () => layers.forEach((row) => row.forEach((i, k) => position.set(i, k - (row.length - 1) / 2)));
  setPositions();
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const row of layers.slice(1)) {
      const centre = (i: number) => (parents[i]!.length
        ? parents[i]!.reduce((s, p) => s + position.get(p)!, 0) / parents[i]!.length
        : position.get(i)!);
      row.sort((a, b) => centre(a) - centre(b));
    }
    setPositions();
  }

  const widest = Math.max(1, ...layers.map((row) => row.length));
  const width = MARGIN * 2 + widest * NODE_W + (widest - 1) * GAP_X;
  const height = MARGIN * 2 + layers.length * NODE_H + Math.max(0, layers.length - 1) * GAP_Y;
  const x = (i: number) => width / 2 + position.get(i)! * (NODE_W + GAP_X) - NODE_W / 2;
  const y = (i: number) => MARGIN + layer[i]! * (NODE_H + GAP_Y);

  const edges = nodes.flatMap((_, i) => parents[i]!.map((p) => {
    const x1 = x(p) + NODE_W / 2;
    const y1 = y(p) + NODE_H;
    const x2 = x(i) + NODE_W / 2;
    const y2 = y(i);
    const bend = (y2 - y1) / 2;
    return `<path class="edge" d="M${x1.toFixed(1)},${y1.toFixed(1)} C${x1.toFixed(1)},${(y1 + bend).toFixed(1)} ${x2.toFixed(1)},${(y2 - bend).toFixed(1)} ${x2.toFixed(1)},${(y2 - 2).toFixed(1)}" marker-end="url(#${prefix}-arrow)"/>`;
  }));

  const finalId = options.finalNodeId ?? (byId.has('final_result') ? 'final_result' : null);
  const boxes = nodes.map((n, i) => {
    const op = n.op.trim().toLowerCase();
    const head = op === 'const' || op === 'constant' ? `${n.id}: ${String(n.val ?? '?')}` : `${n.id}: ${n.op}`;
    const literals = n.args.filter((a) => typeof a === 'number' || !byId.has(String(a).trim()));
    const second = n.label ?? (literals.length ? `(${literals.join(', ')})` : '');
    const classes = ['node', n.distractor ? 'distractor' : '', n.id.trim() === finalId ? 'final' : ''].filter(Boolean).join(' ');
    return `<g class="${classes}"><rect x="${x(i).toFixed(1)}" y="${y(i).toFixed(1)}" width="${NODE_W}" height="${NODE_H}" rx="6"/>` +
      `<text x="${(x(i) + NODE_W / 2).toFixed(1)}" y="${(y(i) + 18).toFixed(1)}" class="head">${escapeXml(truncate(head, 22))}</text>` +
      `<text x="${(x(i) + NODE_W / 2).toFixed(1)}" y="${(y(i) + 36).toFixed(1)}" class="label">${escapeXml(truncate(second, 22))}</text></g>`;
  });
  const note = graph.nodes.length > nodes.length
    ? `<text x="${MARGIN}" y="${height - 2}" class="label">+${graph.nodes.length - nodes.length} …</text>` : '';
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';

  return `<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${title}` +
    `<defs><marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker></defs>${edges.join('')}${boxes.join('')}${note}</svg>`;
}
