/**
 * The parser's last repair: the node objects that can still be read out of damaged JSON, in one
 * pass over the text.
 *
 * The reference tries JSON.parse on the balanced `{…}` starting at every `{` (outermost first,
 * skipping what a node it found contains). Done literally that is quadratic: 100 KB of `{` took
 * 98 s. Here one scan finds every balanced bracket span and checks, with a small JSON state
 * machine per open bracket, whether the span is valid JSON; then only the outermost valid spans
 * are parsed (they do not overlap, so every character is parsed at most once), and the nodes
 * inside a parsed value are taken from the value instead of parsing each inner span again.
 * Invalid spans are not parsed at all: their children are looked at instead.
 *
 * Outside any bracket the text is prose: quotes there do not start strings (the reference starts
 * each scan fresh at a `{`, so a quote in the prose before it does not count either).
 */

interface Span {
  start: number;
  /** Just past the closing bracket. */
  end: number;
  /** The span is one valid JSON value (per the state machine below). */
  valid: boolean;
  children: Span[];
}

/** What an open bracket expects next. */
type Expect = 'key-or-close' | 'key' | 'colon' | 'value-or-close' | 'value' | 'comma-or-close';

interface Frame {
  open: '{' | '[';
  start: number;
  expect: Expect;
  valid: boolean;
  children: Span[];
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The index just past the string starting at `open` (a `"`), and whether it is valid JSON. */
function scanString(text: string, open: number): { end: number; valid: boolean } {
  let valid = true;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1, valid };
    if (c < 0x20) valid = false;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) valid = false;
        i += 1;
      } else {
        if (next === undefined || !'"\\/bfnrt'.includes(next)) valid = false;
        i += 1;
      }
    }
  }
  return { end: text.length, valid: false };
}

/** Every balanced bracket span not inside a broken one, outermost first, in text order. */
function bracketSpans(text: string): Span[] {
  const roots: Span[] = [];
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  /** Brackets that can no longer close (a mismatched closer, the end of the text): their children stay candidates. */
  const abandonAll = () => {
    for (const frame of stack) roots.push(...frame.children);
    stack.length = 0;
  };
  /** A value (scalar or closed child) arrived in the current frame. */
  const takeValue = (valid: boolean) => {
    const frame = top();
    if (!frame) return;
    if (!valid || (frame.expect !== 'value' && frame.expect !== 'value-or-close')) frame.valid = false;
    frame.expect = 'comma-or-close';
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const frame = top();
    if (c === '{' || c === '[') {
      stack.push({ open: c, start: i, expect: c === '{' ? 'key-or-close' : 'value-or-close', valid: true, children: [] });
      continue;
    }
    if (!frame) continue; // prose
    if (c === '}' || c === ']') {
      if ((c === '}') !== (frame.open === '{')) {
        abandonAll();
        continue;
      }
      stack.pop();
      const closes = frame.expect === 'comma-or-close' || frame.expect === (frame.open === '{' ? 'key-or-close' : 'value-or-close');
      const span: Span = { start: frame.start, end: i + 1, valid: frame.valid && closes, children: frame.children };
      const parent = top();
      if (parent) {
        parent.children.push(span);
        // A child's value position is checked like a scalar's.
        takeValue(span.valid);
      } else {
        roots.push(span);
      }
      continue;
    }
    if (WHITESPACE.has(c)) continue;
    if (c === '"') {
      const string = scanString(text, i);
      i = string.end - 1;
      if (frame.expect === 'key-or-close' || frame.expect === 'key') {
        if (!string.valid) frame.valid = false;
        frame.expect = 'colon';
      } else {
        takeValue(string.valid);
      }
      continue;
    }
    if (c === ':') {
      if (frame.expect !== 'colon') frame.valid = false;
      frame.expect = 'value';
      continue;
    }
    if (c === ',') {
      if (frame.expect !== 'comma-or-close') frame.valid = false;
      frame.expect = frame.open === '{' ? 'key' : 'value';
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
    const length = number ? number[0].length : literal ? literal.length : 0;
    if (length > 0) {
      i += length - 1;
      takeValue(true);
    } else {
      frame.valid = false; // a stray character: the span is not JSON (its brackets still count)
    }
  }
  abandonAll();
  return roots;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is Record<string, unknown> {
  return isObject(value) && Object.hasOwn(value, 'id') && Object.hasOwn(value, 'op');
}

/** The nodes inside a parsed value, outermost first (a node's own contents are not searched). */
function nodesInValue(value: unknown, into: unknown[]): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (isNode(item)) {
      into.push(item);
    } else if (typeof item === 'object' && item !== null) {
      // Reversed onto the stack, so they come off in document order.
      const children = Object.values(item);
      for (let k = children.length - 1; k >= 0; k--) pending.push(children[k]);
    }
  }
}

/** The readable node objects (an "id" and an "op") in `text`, in text order. Linear in its length. */
export function salvageNodes(text: string): unknown[] {
  const nodes: unknown[] = [];
  const pending = bracketSpans(text).reverse();
  while (pending.length > 0) {
    const span = pending.pop()!;
    if (span.valid) {
      try {
        nodesInValue(JSON.parse(text.slice(span.start, span.end)) as unknown, nodes);
        continue;
      } catch {
        // The state machine let through something JSON.parse refuses: look inside instead.
      }
    }
    for (let k = span.children.length - 1; k >= 0; k--) pending.push(span.children[k]!);
  }
  return nodes;
}
