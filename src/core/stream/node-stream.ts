/**
 * Incremental reader for the model's output while it is being generated: feed text chunks as they
 * arrive, get each graph node the moment its closing `}` arrives, so the UI can draw the graph
 * while the model is still writing. The final, authoritative parse of the whole text is done by
 * the graph engine (parseModelOutput); this reader only needs to be fast and never throw.
 *
 * It follows the JSON structure character by character (strings, escapes, nesting) and treats as
 * nodes the objects directly inside the root object's "nodes" array, or inside a bare top-level
 * array (the reference parser accepts both). Quotes may be double or single (the reference parser
 * accepts single-quoted JSON).
 */
import type { GraphNode } from '../graph/types.js';

export interface StreamedNode {
  /** Position in the nodes array (0-based), counting nodes that could not be read too. */
  index: number;
  node: GraphNode;
}

export interface StreamProblem {
  index: number;
  message: string;
}

type Container = { kind: '{' | '['; isNodesArray: boolean; start: number };

export class NodeStreamParser {
  private text = '';
  private pos = 0;
  private readonly stack: Container[] = [];
  private quote: '"' | "'" | null = null;
  private escaped = false;
  private stringStart = -1;
  /** The last complete string read directly inside the root object (a candidate key). */
  private lastRootString: string | null = null;
  private nodeIndex = 0;
  private rootClosedAt = -1;
  readonly nodes: StreamedNode[] = [];
  readonly problems: StreamProblem[] = [];

  constructor(private readonly onNode?: (node: StreamedNode) => void) {}

  /** All text fed so far. */
  get fullText(): string {
    return this.text;
  }

  /** True once the JSON's root container has closed and a closing ``` fence followed it. */
  get closingFenceSeen(): boolean {
    return this.rootClosedAt >= 0 && this.text.indexOf('```', this.rootClosedAt) >= 0;
  }

  /** Adds a chunk; returns the nodes completed by it (also passed to `onNode`). */
  push(chunk: string): StreamedNode[] {
    this.text += chunk;
    const completed: StreamedNode[] = [];
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos]!;
      if (this.quote) {
        this.readStringChar(ch);
        continue;
      }
      if (this.rootClosedAt >= 0) continue; // after the JSON: only the closing fence matters
      if (ch === '"' || ch === "'") {
        if (this.stack.length > 0) { this.quote = ch; this.stringStart = this.pos; }
      } else if (ch === '{' || ch === '[') {
        this.open(ch);
      } else if (ch === '}' || ch === ']') {
        const done = this.close(ch);
        if (done) completed.push(done);
      }
    }
    return completed;
  }

  private readStringChar(ch: string): void {
    if (this.escaped) { this.escaped = false; return; }
    if (ch === '\\') { this.escaped = true; return; }
    if (ch !== this.quote) return;
    this.quote = null;
    const top = this.stack[this.stack.length - 1];
    if (this.stack.length === 1 && top?.kind === '{') {
      this.lastRootString = this.text.slice(this.stringStart + 1, this.pos);
    }
  }

  private open(kind: '{' | '['): void {
    const parent = this.stack[this.stack.length - 1];
    const isNodesArray = kind === '[' && (
      (parent === undefined) ||
      (this.stack.length === 1 && parent.kind === '{' && this.lastRootString?.trim() === 'nodes')
    );
    this.stack.push({ kind, isNodesArray, start: this.pos });
  }

  private close(ch: '}' | ']'): StreamedNode | null {
    const container = this.stack.pop();
    if (!container) return null; // stray bracket in prose before the JSON
    if (this.stack.length === 0) { this.rootClosedAt = this.pos + 1; return null; }
    const parent = this.stack[this.stack.length - 1]!;
    if (ch !== '}' || !parent.isNodesArray) return null;
    return this.emit(this.text.slice(container.start, this.pos + 1));
  }

  private emit(objectText: string): StreamedNode | null {
    const index = this.nodeIndex++;
    const node = readNode(objectText);
    if (typeof node === 'string') {
      this.problems.push({ index, message: node });
      return null;
    }
    const streamed = { index, node };
    this.nodes.push(streamed);
    this.onNode?.(streamed);
    return streamed;
  }
}

/** Parses one node object; returns a message instead when it cannot be read. */
export function readNode(objectText: string): GraphNode | string {
  const value = parseLenientObject(objectText);
  if (value === undefined) return `node ${shorten(objectText)} is not valid JSON`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'node is not an object';
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' && typeof raw.id !== 'number') return `node ${shorten(objectText)} has no id`;
  const node: GraphNode = {
    id: String(raw.id).trim(),
    op: typeof raw.op === 'string' ? raw.op : String(raw.op ?? ''),
    args: Array.isArray(raw.args)
      ? raw.args.filter((a): a is string | number => typeof a === 'string' || typeof a === 'number')
      : [],
    distractor: raw.distractor === true || raw.distractor === 'true',
  };
  if (typeof raw.val === 'number' || typeof raw.val === 'string') node.val = raw.val;
  if (typeof raw.label === 'string') node.label = raw.label;
  return node;
}

function parseLenientObject(text: string): unknown {
  const attempts = [text, text.replace(/,\s*([}\]])/g, '$1')];
  if (!text.includes('"')) attempts.push(attempts[1]!.replace(/'/g, '"'));
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt) as unknown;
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
