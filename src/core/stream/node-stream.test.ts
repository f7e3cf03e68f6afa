import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDaggerExamples } from '../../../tests/support/dagger-fixtures.js';
import { NodeStreamParser, readNode } from './node-stream.js';

const SAMPLE = '```json\n{\n  "nodes": [\n    {"id": "n1", "op": "const", "val": 20, "distractor": false, "label": "সিয়াটলের ভেড়া {x}"},\n    {"id": "n2", "op": "const", "val": "৪টি", "distractor": true},\n    {"id": "final_result", "op": "identity", "args": ["n1"], "distractor": false, "label": "চূড়ান্ত \\"উত্তর\\""}\n  ]\n}\n```';

describe('NodeStreamParser', () => {
  it('emits each node exactly when its closing brace arrives', () => {
    const seen: string[] = [];
    const parser = new NodeStreamParser((n) => seen.push(n.node.id));
    const firstNodeEnd = SAMPLE.indexOf('"},', SAMPLE.indexOf('"n1"')) + 2; // after the label's own "{x}"
    parser.push(SAMPLE.slice(0, firstNodeEnd - 1));
    expect(seen).toEqual([]);
    parser.push(SAMPLE.slice(firstNodeEnd - 1, firstNodeEnd));
    expect(seen).toEqual(['n1']);
    parser.push(SAMPLE.slice(firstNodeEnd));
    expect(seen).toEqual(['n1', 'n2', 'final_result']);
    expect(parser.nodes[1]!.node).toEqual({ id: 'n2', op: 'const', val: '৪টি', args: [], distractor: true });
    expect(parser.nodes[2]!.node.label).toBe('চূড়ান্ত "উত্তর"');
    expect(parser.closingFenceSeen).toBe(true);
  });

  it('gives the same nodes however the text is split into chunks', () => {
    const whole = new NodeStreamParser();
    whole.push(SAMPLE);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: SAMPLE.length }), { maxLength: 12 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const parser = new NodeStreamParser();
      let last = 0;
      for (const p of [...points, SAMPLE.length]) { parser.push(SAMPLE.slice(last, p)); last = p; }
      expect(parser.nodes).toEqual(whole.nodes);
      expect(parser.closingFenceSeen).toBe(true);
    }));
  });

  it('reads every node of the real model outputs', () => {
    const examples = loadDaggerExamples();
    for (const example of examples) {
      const parser = new NodeStreamParser();
      for (const ch of example.output) parser.push(ch); // one character at a time, like a byte-level stream
      const expected = (JSON.parse(/```json\n([\s\S]*)\n```/.exec(example.output)![1]!) as { nodes: unknown[] }).nodes;
      expect(parser.nodes.map((n) => n.node.id)).toEqual(expected.map((n) => (n as { id: string }).id));
      expect(parser.problems).toEqual([]);
    }
  });

  it('accepts a bare nodes array, trailing commas and single quotes; ignores nested objects and other keys', () => {
    const parser = new NodeStreamParser();
    parser.push("Here it is: [{'id': 'a', 'op': 'const', 'val': 1,}, {'id': 'b', 'op': 'add', 'args': ['a', 2], 'extra': {'id': 'no'}}]");
    expect(parser.nodes.map((n) => n.node.id)).toEqual(['a', 'b']);
    expect(parser.nodes[1]!.node.args).toEqual(['a', 2]);
    const other = new NodeStreamParser();
    other.push('{"meta": [{"id": "x"}], "nodes": [{"id": "y", "op": "const", "val": 3}]}');
    expect(other.nodes.map((n) => n.node.id)).toEqual(['y']);
  });

  it('reports unreadable nodes without throwing and keeps going', () => {
    const parser = new NodeStreamParser();
    parser.push('{"nodes": [{"op": "const"}, {"id": "n1", "op": "const", "val": 1 oops}, {"id": "n2", "op": "const", "val": 2}]}');
    expect(parser.nodes.map((n) => [n.index, n.node.id])).toEqual([[2, 'n2']]);
    expect(parser.problems.map((p) => p.index)).toEqual([0, 1]);
    expect(parser.closingFenceSeen).toBe(false);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const parser = new NodeStreamParser();
      parser.push(text);
    }));
    expect(readNode('[1]')).toBe('node is not an object');
  });
});
