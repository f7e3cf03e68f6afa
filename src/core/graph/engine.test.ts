/**
 * The whole engine through its entry point: the paper's examples, every diagnostic code with its
 * severity rule, the final-node fallbacks, distractor analysis and a very deep graph.
 */
import { describe, expect, it } from 'vitest';
import { analyse, executeGraph, validateGraph } from '../index.js';
import { DIAGNOSTIC_CODES, type Analysis, type GraphNode } from './types.js';
import { loadDaggerExamples } from '../../../tests/support/dagger-fixtures.js';

interface Example { question: string; output: string; answer: number }
const examples: Example[] = loadDaggerExamples();

const c = (id: string, val: number | string, extra: Partial<GraphNode> = {}): GraphNode =>
  ({ id, op: 'const', val, args: [], distractor: false, ...extra });
const n = (id: string, op: string, args: Array<string | number>, extra: Partial<GraphNode> = {}): GraphNode =>
  ({ id, op, args, distractor: false, ...extra });
const fin = (arg: string): GraphNode => n('final_result', 'identity', [arg]);
const run = (...nodes: GraphNode[]) => analyse({ nodes });
const codes = (a: Analysis) => a.diagnostics.map((d) => `${d.severity}:${d.code}${d.nodeId !== undefined ? `@${d.nodeId}` : ''}`);

describe('the four examples of the paper', () => {
  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i runs to the reference answer', (_, example) => {
    const analysis = analyse(example.output, example.question);
    expect(analysis.ok).toBe(true);
    expect(analysis.answer).toBe(example.answer);
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.repairs).toEqual([]);
    expect(analysis.finalNode).toBe('final_result');
    // The model flagged exactly the nodes the answer does not use.
    expect(analysis.distractors.flaggedButUsed).toEqual([]);
    expect(analysis.distractors.unusedNotFlagged).toEqual([]);
    expect(analysis.distractors.flagged).toEqual(analysis.distractors.unused);
    expect(analysis.steps.at(-1)?.nodeId).toBe('final_result');
  });
});

describe('diagnostics', () => {
  it('NO_NODES', () => {
    expect(codes(analyse('{"nodes": []}'))).toEqual(['error:NO_NODES']);
    expect(analyse('{"nodes": []}').ok).toBe(false);
  });
  it('PARSE_ERROR', () => {
    const a = analyse('no graph here');
    expect(codes(a)).toEqual(['error:PARSE_ERROR']);
    expect(a).toMatchObject({ ok: false, answer: null, graph: null, steps: [] });
  });
  it('DUPLICATE_ID: a warning, and the last definition wins, as in the reference', () => {
    const a = run(c('a', 1), c('a', 5), fin('a'));
    expect(codes(a)).toEqual(['warning:DUPLICATE_ID@a']);
    expect(a.answer).toBe(5);
  });
  it('UNKNOWN_REF: error on the answer path, warning off it', () => {
    expect(codes(run(c('a', 1), n('b', 'add', ['a', 'zz']), fin('b')))).toEqual(['error:UNKNOWN_REF@b']);
    const off = run(c('a', 1), n('b', 'add', ['a', 'zz'], { distractor: true }), fin('a'));
    expect(codes(off)).toEqual(['warning:UNKNOWN_REF@b']);
    expect(off.answer).toBe(1);
  });
  it('CYCLE: error when the answer depends on it, warning otherwise', () => {
    const a = run(n('a', 'add', ['b', 1]), n('b', 'add', ['a', 1]), fin('a'));
    expect(codes(a)).toEqual(['error:CYCLE@a']);
    expect(a.diagnostics[0]?.params?.path).toBe('a → b → a');
    const off = run(c('x', 3), n('a', 'add', ['b', 1]), n('b', 'add', ['a', 1]), fin('x'));
    expect(codes(off)).toEqual(['warning:CYCLE@a']);
    expect(off.answer).toBe(3);
    expect(codes(run(n('a', 'add', ['a', 1]), fin('a')))).toEqual(['error:CYCLE@a']);
  });
  it('NO_FINAL: a warning naming the node chosen by the fallback', () => {
    const a = run(c('a', 2), n('answer', 'mul', ['a', 3]), n('other', 'add', ['a', 1]));
    expect(codes(a)).toEqual(['warning:NO_FINAL@answer']);
    expect(a.answer).toBe(6);
  });
  it('MULTIPLE_FINAL: several final_result nodes, or several candidate answers', () => {
    const a = run(c('a', 2), n('final_result', 'identity', ['a']), c('b', 7), n('final_result', 'identity', ['b']));
    expect(codes(a)).toEqual(['warning:MULTIPLE_FINAL@final_result']);
    expect(a.answer).toBe(7);
    const b = run(c('a', 2), n('x', 'add', ['a', 1]), n('y', 'mul', ['a', 5]));
    expect(codes(b)).toEqual(['warning:NO_FINAL@y', 'warning:MULTIPLE_FINAL@y']);
    expect(b.answer).toBe(10);
  });
  it('UNKNOWN_OP (ratio_split included)', () => {
    expect(codes(run(c('a', 6), n('b', 'ratio_split', ['a', 2]), fin('b')))).toEqual(['error:UNKNOWN_OP@b']);
    expect(codes(run(c('a', 6), n('b', 'ratio_split', ['a', 2], { distractor: true }), fin('a')))).toEqual(['warning:UNKNOWN_OP@b']);
  });
  it('ARITY: too few or too many arguments are errors; extra args of first-arg ops are ignored with a warning', () => {
    expect(codes(run(c('a', 6), n('b', 'sub', ['a']), fin('b')))).toEqual(['error:ARITY@b']);
    expect(codes(run(c('a', 6), n('b', 'add', ['a']), fin('b')))).toEqual(['error:ARITY@b']);
    expect(codes(run(c('a', 6), n('b', 'div', ['a', 1, 2]), fin('b')))).toEqual(['error:ARITY@b']);
    expect(codes(run(c('a', 6), n('b', 'abs', ['a', 1, 2]), fin('b')))).toEqual(['error:ARITY@b']);
    expect(codes(run(n('b', 'sum', []), fin('b')))).toEqual(['error:ARITY@b']);
    // identity/sqrt/round/floor/ceil read only their first argument; the reference never looks at the rest.
    const a = run(c('a', 6.5), n('b', 'round', ['a', 'nowhere']), n('final_result', 'identity', ['b', 'a']));
    expect(codes(a)).toEqual(['warning:ARITY@b', 'warning:ARITY@final_result']);
    expect(a.answer).toBe(6);
  });
  it('MISSING_VAL: absent or not a number', () => {
    expect(codes(run(n('a', 'const', []), fin('a')))).toEqual(['error:MISSING_VAL@a']);
    const a = run(c('a', 'অনেক'), fin('a'));
    expect(codes(a)).toEqual(['error:MISSING_VAL@a']);
    expect(a.diagnostics[0]?.params).toEqual({ reason: 'not-a-number', val: 'অনেক' });
  });
  it('DIV_BY_ZERO', () => {
    const a = run(c('a', 6), c('z', 0), n('b', 'div', ['a', 'z']), fin('b'));
    expect(codes(a)).toEqual(['error:DIV_BY_ZERO@b']);
    expect(a.values).toEqual({ a: 6, z: 0 });
    expect(codes(run(c('a', 6), n('b', 'mod', ['a', 0]), n('x', 'div', ['a', 0], { distractor: true }), fin('b'))))
      .toEqual(['error:DIV_BY_ZERO@b', 'warning:DIV_BY_ZERO@x']);
  });
  it('DOMAIN', () => {
    expect(codes(run(c('a', -4), n('b', 'sqrt', ['a']), fin('b')))).toEqual(['error:DOMAIN@b']);
  });
  it('NON_FINITE: an error for the answer, a warning for an intermediate value that Python carries on', () => {
    expect(codes(run(c('a', 1e308), n('b', 'mul', ['a', 10]), fin('b'))))
      .toEqual(['warning:NON_FINITE@b', 'error:NON_FINITE@final_result']);
    const a = run(c('a', 1e308), n('b', 'mul', ['a', 10]), n('m', 'min', ['b', 3]), fin('m'));
    expect(codes(a)).toEqual(['warning:NON_FINITE@b']);
    expect(a.answer).toBe(3);
    expect(codes(run(c('a', 'inf'), fin('a')))).toEqual(['warning:NON_FINITE@a', 'error:NON_FINITE@final_result']);
    expect(codes(run(c('a', 'inf'), n('f', 'floor', ['a']), fin('f')))).toEqual(['error:NON_FINITE@f', 'warning:NON_FINITE@a']);
  });
  it('INVALID_NODE', () => {
    expect(codes(analyse('{"nodes": [{"id": "a", "op": "const", "val": 2}, {"id": "b"}, {"id": "final_result", "op": "identity", "args": ["a"]}]}')))
      .toEqual(['warning:INVALID_NODE@b']);
  });
  it('covers every declared code in the tests above', () => {
    // Keeps this file honest when a code is added to types.ts.
    expect(DIAGNOSTIC_CODES).toEqual([
      'PARSE_ERROR', 'NO_NODES', 'DUPLICATE_ID', 'UNKNOWN_REF', 'CYCLE', 'NO_FINAL', 'MULTIPLE_FINAL',
      'UNKNOWN_OP', 'ARITY', 'MISSING_VAL', 'DIV_BY_ZERO', 'DOMAIN', 'NON_FINITE', 'INVALID_NODE',
    ]);
  });
  it('reports only the root cause, not every node downstream of it', () => {
    const a = run(c('z', 0), n('b', 'div', [1, 'z']), n('c', 'add', ['b', 1]), n('d', 'mul', ['c', 2]), fin('d'));
    expect(codes(a)).toEqual(['error:DIV_BY_ZERO@b']);
    expect(a.ok).toBe(false);
  });
});

describe('final node', () => {
  it('prefers final_result, then final/result/answer/output/final_answer in that order', () => {
    expect(run(c('answer', 1), c('result', 2), c('final', 3)).answer).toBe(3);
    expect(run(c('output', 1), c('answer', 2)).answer).toBe(2);
    expect(run(c('final_answer', 1), c('output', 2)).answer).toBe(2);
    expect(run(c('final_answer', 1), c('x', 2, { distractor: true })).answer).toBe(1);
  });
  it('falls back to the last non-distractor node nothing refers to', () => {
    const a = run(c('a', 2), n('b', 'mul', ['a', 3]), c('d', 100, { distractor: true }));
    expect(a.finalNode).toBe('b');
    expect(a.answer).toBe(6);
  });
  it('then to the last non-distractor node, then to the last node', () => {
    // Every non-distractor node is referenced (a cycle), so the last non-distractor is chosen.
    expect(run(n('a', 'identity', ['b']), n('b', 'identity', ['a']), c('d', 1, { distractor: true })).finalNode).toBe('b');
    expect(run(c('a', 1, { distractor: true }), c('b', 2, { distractor: true })).answer).toBe(2);
  });
  it('evaluates only what the final node needs (a broken distractor does not block the answer)', () => {
    const a = run(c('a', 4), n('broken', 'div', ['a', 0], { distractor: true }), n('bad', 'teleport', ['a']), fin('a'));
    expect(a.ok).toBe(true);
    expect(a.answer).toBe(4);
    expect(a.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('distractor analysis', () => {
  it('separates flagged, unused and the two disagreements', () => {
    const a = run(
      c('a', 10), c('b', 3, { distractor: true }), c('c', 99), c('d', 7, { distractor: true }),
      n('s', 'sub', ['a', 'b']), fin('s'),
    );
    expect(a.distractors).toEqual({
      flagged: ['b', 'd'], unused: ['c', 'd'], flaggedButUsed: ['b'], unusedNotFlagged: ['c'],
    });
  });
  it('gives unused nodes values too, for the UI', () => {
    const a = run(c('a', 10), c('b', 3, { distractor: true }), n('x', 'mul', ['a', 'b'], { distractor: true }), fin('a'));
    expect(a.values).toEqual({ a: 10, b: 3, x: 30, final_result: 10 });
    expect(a.steps.map((s) => s.nodeId)).toEqual(['final_result']); // steps follow the answer path only
  });
});

describe('deep graphs', () => {
  it('executes a 10,000-deep chain without overflowing the stack', () => {
    const nodes: GraphNode[] = [c('n0', 0)];
    for (let k = 1; k < 10_000; k++) nodes.push(n(`n${k}`, 'add', [`n${k - 1}`, 1]));
    nodes.push(fin('n9999'));
    const graph = { nodes };
    expect(validateGraph(graph).ok).toBe(true);
    expect(executeGraph(graph).answer).toBe(9999);
    const a = analyse(graph);
    expect(a.answer).toBe(9999);
    expect(a.steps).toHaveLength(10_000);
  });
  it('finds a 10,000-node cycle without overflowing the stack', () => {
    const nodes: GraphNode[] = [];
    for (let k = 0; k < 10_000; k++) nodes.push(n(`n${k}`, 'add', [`n${(k + 1) % 10_000}`, 1]));
    nodes.push(fin('n0'));
    expect(codes(analyse({ nodes }))).toEqual(['error:CYCLE@n0']);
  });
});
