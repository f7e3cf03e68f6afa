/**
 * Writes a Graph as the model writes it (see examples.json): a ```json fence around
 * {"nodes": [...]}, one node per line, keys in the order id, op, val, args, distractor, label.
 * Parsing the text again gives the same graph, so a graph a teacher edits can be stored and
 * re-run like model output.
 */
import type { Graph, GraphNode } from './types.js';

export interface SerialiseOptions {
  /** Default true: wrap in the ```json fence the model emits. */
  fence?: boolean;
}

export function serialiseNode(node: GraphNode): string {
  const fields: string[] = [`"id": ${JSON.stringify(node.id)}`, `"op": ${JSON.stringify(node.op)}`];
  if (node.val !== undefined) fields.push(`"val": ${jsonValue(node.val)}`);
  // Like the model: const nodes without arguments carry no "args" key.
  if (node.args.length > 0 || node.val === undefined) fields.push(`"args": [${node.args.map(jsonValue).join(', ')}]`);
  fields.push(`"distractor": ${node.distractor ? 'true' : 'false'}`);
  if (node.label !== undefined) fields.push(`"label": ${JSON.stringify(node.label)}`);
  return `{${fields.join(', ')}}`;
}

/**
 * JSON has no inf or NaN: write them as strings, which read back as the same number. -0 is
 * written "-0" (JSON.stringify drops the sign), so values survive the round trip exactly.
 */
function jsonValue(value: string | number): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
  if (Object.is(value, -0)) return '-0';
  return JSON.stringify(value);
}

export function serialiseGraph(graph: Graph, options: SerialiseOptions = {}): string {
  const lines = graph.nodes.map((node, i) => `    ${serialiseNode(node)}${i < graph.nodes.length - 1 ? ',' : ''}`);
  const body = ['{', '  "nodes": [', ...lines, '  ]', '}'].join('\n');
  return options.fence === false ? body : `\`\`\`json\n${body}\n\`\`\``;
}
