/**
 * Reads raw model output into a Graph, as leniently as the paper's reference parser (FORMAT.md):
 * the content of a ```json fence (text after it ignored), the object inside surrounding prose,
 * trailing commas, single-quoted JSON, a bare nodes array, and a few more of the reference's
 * fixes. Every fix is reported as a Repair. Never throws: model output is untrusted.
 *
 * Unlike the reference, the fixes are only tried when plain JSON.parse fails, so a well-formed
 * output is never altered (the reference's regexes can also rewrite text inside labels).
 */
import { salvageNodes } from './salvage.js';
import type { Diagnostic, GraphNode, ParseResult, Repair } from './types.js';

export function parseModelOutput(text: string): ParseResult {
  const repairs: Repair[] = [];
  if (typeof text !== 'string' || text.trim() === '') {
    return { graph: null, repairs, diagnostics: [parseError('the output is empty')] };
  }
  const content = extractFenced(text, repairs);
  const data = parseLeniently(content, repairs);
  if (data === undefined) {
    return {
      graph: null,
      repairs,
      diagnostics: [parseError('no JSON graph (an object with a "nodes" list) could be read from the output')],
    };
  }
  return toGraph(data, repairs);
}

function parseError(message: string): Diagnostic {
  return { code: 'PARSE_ERROR', severity: 'error', message };
}

// ---------------------------------------------------------------------------------------------
// Step 1: the fence

function extractFenced(text: string, repairs: Repair[]): string {
  const tagged = text.indexOf('```json');
  if (tagged >= 0) {
    if (text.slice(0, tagged).trim() !== '') {
      repairs.push({ kind: 'FENCE_EXTRACTED', message: 'ignored the text before the ```json fence' });
    }
    const start = tagged + '```json'.length;
    const end = text.indexOf('```', start);
    if (end < 0) {
      repairs.push({ kind: 'UNCLOSED_FENCE', message: 'the ```json fence is never closed' });
      return text.slice(start).trim();
    }
    if (text.slice(end + 3).trim() !== '') {
      repairs.push({ kind: 'TEXT_AFTER_FENCE', message: 'ignored the text after the closing fence' });
    }
    return text.slice(start, end).trim();
  }
  const first = text.indexOf('```');
  const second = first >= 0 ? text.indexOf('```', first + 3) : -1;
  if (second >= 0) {
    repairs.push({ kind: 'FENCE_EXTRACTED', message: 'read the content of a ``` fence without the json tag' });
    let inner = text.slice(first + 3, second).trim();
    if (inner.toLowerCase().startsWith('json')) inner = inner.slice(4).trim();
    return inner;
  }
  return text.trim();
}

// ---------------------------------------------------------------------------------------------
// Step 2: JSON, with repairs tried in turn until one reading gives a graph

/** A parsed value that can become a graph: an object with `nodes`, or a bare array of nodes. */
function isGraphLike(value: unknown): boolean {
  return (Array.isArray(value) && looksLikeNodes(value)) || (isObject(value) && Object.hasOwn(value, 'nodes'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseLeniently(content: string, repairs: Repair[]): unknown {
  const direct = tryJson(content);
  if (isGraphLike(direct)) return direct;

  const cleaned = applyCleanups(content, repairs);
  if (cleaned !== content) {
    const value = tryJson(cleaned);
    if (isGraphLike(value)) return value;
  }

  for (const attempt of extractionAttempts) {
    const value = attempt.run(cleaned);
    if (value !== undefined) {
      repairs.push({ kind: attempt.kind, message: attempt.message });
      return value;
    }
  }
  return undefined;
}

/** Text-level fixes, each recorded only when it changed something. */
function applyCleanups(text: string, repairs: Repair[]): string {
  let out = text;
  const step = (kind: string, message: string, fix: (s: string) => string) => {
    const next = fix(out);
    if (next !== out) {
      repairs.push({ kind, message });
      out = next;
    }
  };
  // Only when there is no double quote at all, as in the reference: otherwise an apostrophe
  // inside a label would be turned into a quote.
  step('SINGLE_QUOTES', "read single-quoted JSON ('…' as \"…\")", (s) =>
    s.includes("'") && !s.includes('"') ? s.replaceAll("'", '"') : s);
  step('TRAILING_COMMA', 'removed trailing commas before } or ]', removeTrailingCommas);
  step('MISSING_COMMA', 'inserted missing commas between objects (}{ → },{)', insertMissingCommas);
  step('NUMBER_SUFFIX', 'dropped letters glued to a number (e.g. 2wo → 2)', (s) =>
    s.replace(/(:\s*-?\d+(?:\.\d*)?)[a-zA-Z]+(\s*[,}\]])/g, '$1$2'));
  return out;
}

/** Walks JSON-ish text and calls `visit` for every character outside string literals. */
function forEachOutsideStrings(text: string, visit: (index: number, char: string) => void): void {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else {
      visit(i, c);
    }
  }
}

function removeTrailingCommas(text: string): string {
  const drop = new Set<number>();
  forEachOutsideStrings(text, (i, c) => {
    if (c !== ',') return;
    let j = i + 1;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] === '}' || text[j] === ']') drop.add(i);
  });
  if (drop.size === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) if (!drop.has(i)) out += text[i];
  return out;
}

function insertMissingCommas(text: string): string {
  const after = new Set<number>();
  forEachOutsideStrings(text, (i, c) => {
    if (c !== '}') return;
    let j = i + 1;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] === '{') after.add(i);
  });
  if (after.size === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += after.has(i) ? `${text[i]},` : text[i];
  return out;
}

/** The index just past the bracket that closes the one at `open`, or -1. String-aware. */
function matchingClose(text: string, open: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The JSON value that starts at the first `open` bracket, if `accept` takes it: first the
 * reference's reading (first opener to last closer), then, for text after the value that itself
 * contains a closer, the balanced value starting at that opener.
 */
function bracketedValue(text: string, open: '{' | '[', accept: (value: unknown) => boolean): unknown {
  const start = text.indexOf(open);
  if (start < 0) return undefined;
  const outer = tryJson(text.slice(start, text.lastIndexOf(open === '{' ? '}' : ']') + 1));
  if (accept(outer)) return outer;
  const end = matchingClose(text, start);
  const balanced = end > 0 ? tryJson(text.slice(start, end)) : undefined;
  return accept(balanced) ? balanced : undefined;
}

interface Attempt {
  kind: string;
  message: string;
  run(text: string): unknown;
}

const extractionAttempts: Attempt[] = [
  {
    kind: 'PROSE_AROUND_OBJECT',
    message: 'read the JSON object out of the surrounding text',
    run(text) {
      return bracketedValue(text, '{', (value) => isObject(value) && Object.hasOwn(value, 'nodes'));
    },
  },
  {
    kind: 'BARE_NODES_ARRAY',
    message: 'read a bare list of nodes without the {"nodes": …} wrapper',
    run(text) {
      return bracketedValue(text, '[', (value) => Array.isArray(value) && looksLikeNodes(value));
    },
  },
  {
    kind: 'NODES_ARRAY_EXTRACTED',
    message: 'read the "nodes" list out of a damaged object',
    run(text) {
      const match = /["']nodes["']\s*:\s*\[/.exec(text);
      if (!match) return undefined;
      const start = match.index + match[0].length - 1;
      const end = matchingClose(text, start);
      const value = end > 0 ? tryJson(text.slice(start, end)) : undefined;
      return Array.isArray(value) ? { nodes: value } : undefined;
    },
  },
  {
    kind: 'NODES_SALVAGED',
    message: 'salvaged the individual node objects that could still be read',
    run(text) {
      const nodes = salvageNodes(text);
      return nodes.length > 0 ? { nodes } : undefined;
    },
  },
];

/** The reference only wraps a bare array when the text mentions "id" and "op". */
function looksLikeNodes(items: unknown[]): boolean {
  return items.some((item) => isObject(item) && Object.hasOwn(item, 'id') && Object.hasOwn(item, 'op'));
}

// ---------------------------------------------------------------------------------------------
// Step 3: from parsed JSON to typed nodes

function toGraph(data: unknown, repairs: Repair[]): ParseResult {
  let rawNodes: unknown;
  if (Array.isArray(data)) {
    if (!repairs.some((r) => r.kind === 'BARE_NODES_ARRAY')) {
      repairs.push({ kind: 'BARE_NODES_ARRAY', message: 'read a bare list of nodes without the {"nodes": …} wrapper' });
    }
    rawNodes = data;
  } else {
    rawNodes = (data as Record<string, unknown>).nodes;
  }
  if (!Array.isArray(rawNodes)) {
    return { graph: null, repairs, diagnostics: [parseError('"nodes" is not a list')] };
  }
  const diagnostics: Diagnostic[] = [];
  const nodes: GraphNode[] = [];
  rawNodes.forEach((raw, index) => {
    const node = toNode(raw, index, repairs, diagnostics);
    if (node) nodes.push(node);
  });
  return { graph: { nodes }, repairs, diagnostics };
}

/** Text of a JSON scalar the way the reference's str() would give it, roughly. */
function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function toNode(raw: unknown, index: number, repairs: Repair[], diagnostics: Diagnostic[]): GraphNode | null {
  if (!isObject(raw) || !Object.hasOwn(raw, 'id') || !Object.hasOwn(raw, 'op')) {
    // The reference skips such entries silently; we say so.
    const id = isObject(raw) && Object.hasOwn(raw, 'id') ? scalarText(raw.id).trim() : undefined;
    diagnostics.push({
      code: 'INVALID_NODE',
      severity: 'warning',
      message: `entry ${index + 1} of "nodes" is not a node (it needs an "id" and an "op"); skipped`,
      ...(id !== undefined ? { nodeId: id } : {}),
      params: { index },
    });
    return null;
  }
  const node: GraphNode = {
    id: scalarText(raw.id).trim(),
    op: scalarText(raw.op),
    args: toArgs(raw, repairs),
    distractor: toDistractor(raw.distractor),
  };
  const val = toVal(raw.val);
  if (val !== undefined) node.val = val;
  if (typeof raw.label === 'string') node.label = raw.label;
  else if (typeof raw.label === 'number') node.label = String(raw.label);
  return node;
}

/**
 * A literal such as 1e999 parses to Infinity, which JSON cannot carry: the graph travels over IPC,
 * into SQLite and into export files. Keep it as the string Python's float() reads back to the same
 * value ("Infinity", "-Infinity", "NaN"), so execution is unchanged and the graph stays storable.
 */
function jsonSafeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** Booleans become 1 and 0, as Python's float(True) does; null and objects are not values. */
function toVal(val: unknown): number | string | undefined {
  if (typeof val === 'number') return jsonSafeNumber(val);
  if (typeof val === 'string') return val;
  if (typeof val === 'boolean') return val ? 1 : 0;
  return undefined;
}

function toArgs(raw: Record<string, unknown>, repairs: Repair[]): Array<string | number> {
  if (!Object.hasOwn(raw, 'args') || raw.args === null || raw.args === undefined) return [];
  let list: unknown[];
  if (Array.isArray(raw.args)) {
    list = raw.args;
  } else {
    // The reference would iterate a string character by character; one argument is what the
    // model meant.
    repairs.push({ kind: 'ARGS_NOT_LIST', message: `"args" of node ${scalarText(raw.id)} is not a list; read it as one argument` });
    list = [raw.args];
  }
  return list.map((arg) => {
    if (typeof arg === 'number') return jsonSafeNumber(arg);
    if (typeof arg === 'boolean') return arg ? 1 : 0;
    return scalarText(arg).trim();
  });
}

/**
 * The model writes JSON booleans. A string "false" is read as false (Python would call any
 * non-empty string true; no student should see a node flagged because of a quoting slip).
 */
function toDistractor(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return false;
}
