/** Canonical text of a graph, and the round trip random graphs must survive. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, executeGraph, parseModelOutput, serialiseGraph } from '../index.js';
import type { Graph, GraphNode } from './types.js';
import { loadDaggerExamples } from '../../../tests/support/dagger-fixtures.js';

interface Example { output: string }
const examples: Example[] = loadDaggerExamples();

describe('serialiseGraph', () => {
  it('writes the layout the model writes: a json fence, one node per line', () => {
    for (const example of examples) {
      const graph = parseModelOutput(example.output).graph!;
      expect(serialiseGraph(graph)).toBe(example.output.trim());
    }
  });
  it('can leave out the fence', () => {
    const graph: Graph = { nodes: [{ id: 'a', op: 'const', val: 1, args: [], distractor: false }] };
    expect(serialiseGraph(graph, { fence: false })).toBe('{\n  "nodes": [\n    {"id": "a", "op": "const", "val": 1, "distractor": false}\n  ]\n}');
  });
});

const OPS_BY_ARITY: Array<[string, number, number]> = [
  ['add', 2, 4], ['sub', 2, 2], ['mul', 2, 3], ['div', 2, 2], ['mod', 2, 2], ['pow', 2, 2], ['sum', 1, 4],
  ['mean', 1, 4], ['min', 1, 3], ['max', 1, 3], ['sqrt', 1, 1], ['round', 1, 1], ['floor', 1, 1],
  ['ceil', 1, 1], ['abs', 1, 2], ['gcd', 2, 3], ['lcm', 2, 3], ['identity', 1, 1],
  ['Multiply', 2, 3], ['AVERAGE', 1, 3], ['minus', 2, 2],
];

/** Random topologically ordered graphs: constants, operations over earlier nodes, a final_result. */
const graphArbitrary: fc.Arbitrary<Graph> = fc
  .record({
    consts: fc.array(
      fc.record({
        val: fc.oneof(
          fc.integer({ min: -1000, max: 1000 }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: 0, max: 99999 }).map((v) => `${v}টি`),
        ),
        distractor: fc.boolean(),
        label: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    ops: fc.array(
      fc.record({
        op: fc.constantFrom(...OPS_BY_ARITY),
        picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        literal: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        distractor: fc.boolean(),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ consts, ops }) => {
    const nodes: GraphNode[] = consts.map((k, i) => ({
      id: `n${i}`, op: 'const', val: k.val, args: [], distractor: k.distractor, ...(k.label !== undefined ? { label: k.label } : {}),
    }));
    ops.forEach(({ op: [op, min, max], picks, literal, distractor }, i) => {
      const count = min + (picks[0]! % (max - min + 1));
      const args: Array<string | number> = picks.slice(0, count).map((p) => nodes[p % nodes.length]!.id);
      if (literal !== undefined && count >= 2) args[count - 1] = literal;
      nodes.push({ id: `op_${i}`, op, args, distractor });
    });
    nodes.push({ id: 'final_result', op: 'identity', args: [nodes.at(-1)!.id], distractor: false });
    return { nodes };
  });

describe('round trip (property)', () => {
  it('random valid graphs give the same answer and values through serialise → parse', () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        const before = analyse(graph);
        const text = serialiseGraph(graph);
        const parsed = parseModelOutput(text);
        expect(parsed.repairs).toEqual([]);
        expect(parsed.graph).toEqual(graph);
        const after = analyse(text);
        expect(after.answer).toBe(before.answer);
        expect(after.ok).toBe(before.ok);
        expect(after.values).toEqual(before.values);
        expect(after.diagnostics).toEqual(before.diagnostics);
        // and a second round gives the identical text
        expect(serialiseGraph(parsed.graph!)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
  it('the generator really produces graphs that compute (the property is not vacuous)', () => {
    const samples = fc.sample(graphArbitrary, { numRuns: 200, seed: 42 });
    const computed = samples.filter((g) => executeGraph(g).answer !== null).length;
    expect(computed).toBeGreaterThan(100);
  });
});
