/** The lenient parser: every repair it makes, and what it refuses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModelOutput } from './parse.js';
import { analyse } from '../index.js';

const NODES = '[{"id": "a", "op": "const", "val": 2}, {"id": "final_result", "op": "identity", "args": ["a"]}]';
const OBJECT = `{"nodes": ${NODES}}`;

function kinds(text: string): string[] {
  return parseModelOutput(text).repairs.map((r) => r.kind);
}
function ids(text: string): string[] | undefined {
  return parseModelOutput(text).graph?.nodes.map((n) => n.id);
}

describe('parseModelOutput', () => {
  it('reads a well-formed fenced output with no repairs', () => {
    const result = parseModelOutput('```json\n' + OBJECT + '\n```');
    expect(result.repairs).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.graph).toEqual({ nodes: [
      { id: 'a', op: 'const', val: 2, args: [], distractor: false },
      { id: 'final_result', op: 'identity', args: ['a'], distractor: false },
    ] });
  });
  it('reads plain JSON with no repairs', () => {
    expect(kinds(OBJECT)).toEqual([]);
    expect(ids(OBJECT)).toEqual(['a', 'final_result']);
  });

  it.each([
    ['text after the fence', '```json\n' + OBJECT + '\n```\nThe answer is 2. }', ['TEXT_AFTER_FENCE']],
    ['prose before the fence', 'Here is the graph:\n```json\n' + OBJECT + '\n```', ['FENCE_EXTRACTED']],
    ['a fence without the json tag', '```\n' + OBJECT + '\n```', ['FENCE_EXTRACTED']],
    ['an unclosed fence (output cut off after the object)', '```json\n' + OBJECT + '\n', ['UNCLOSED_FENCE']],
    ['prose around the object', 'Sure! ' + OBJECT + ' Hope this helps.', ['PROSE_AROUND_OBJECT']],
    ['prose with a } after the object', 'Graph: ' + OBJECT + ' (see {note})', ['PROSE_AROUND_OBJECT']],
    ['trailing commas', '{"nodes": [{"id": "a", "op": "const", "val": 2,}, {"id": "final_result", "op": "identity", "args": ["a",],},],}', ['TRAILING_COMMA']],
    ['single quotes', OBJECT.replaceAll('"', "'"), ['SINGLE_QUOTES']],
    ['a bare nodes array', NODES, ['BARE_NODES_ARRAY']],
    ['a bare array in prose', 'nodes: ' + NODES + ' done', ['BARE_NODES_ARRAY']],
    ['missing commas between nodes', OBJECT.replace('}, {', '} {'), ['MISSING_COMMA']],
    ['letters glued to a number', OBJECT.replace('"val": 2', '"val": 2wo'), ['NUMBER_SUFFIX']],
    ['a damaged wrapper around a good nodes list', '{"meta": [oops, "nodes": ' + NODES + ', }}', ['TRAILING_COMMA', 'NODES_ARRAY_EXTRACTED']],
  ])('repairs %s', (_, text, expected) => {
    expect(kinds(text)).toEqual(expected);
    expect(ids(text)).toEqual(['a', 'final_result']);
  });

  it('salvages the readable nodes of a broken list', () => {
    const text = '{"nodes": [{"id": "a", "op": "const", "val": 2}, {"id": "b" "op": broken}, {"id": "final_result", "op": "identity", "args": ["a"]}';
    expect(kinds(text)).toEqual(['NODES_SALVAGED']);
    expect(ids(text)).toEqual(['a', 'final_result']);
  });

  it('keeps apostrophes in labels when there are double quotes', () => {
    const text = '{"nodes": [{"id": "a", "op": "const", "val": 2, "label": "Raju\'s pens"}]}';
    expect(parseModelOutput(text).graph?.nodes[0]?.label).toBe("Raju's pens");
  });
  it('does not touch commas inside strings', () => {
    const text = '{"nodes": [{"id": "a", "op": "const", "val": 2, "label": "x, }"},]}';
    expect(parseModelOutput(text).graph?.nodes[0]?.label).toBe('x, }');
  });

  it.each([
    ['empty output', ''],
    ['only spaces', '  \n '],
    ['prose without a graph', 'I cannot solve this problem.'],
    ['an object without nodes', '{"answer": 5}'],
    ['a list of numbers', '[1, 2, 3]'],
  ])('reports PARSE_ERROR for %s, without throwing', (_, text) => {
    const result = parseModelOutput(text);
    expect(result.graph).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['PARSE_ERROR', 'error']]);
  });
  it('reports PARSE_ERROR when "nodes" is not a list', () => {
    expect(parseModelOutput('{"nodes": 5}').diagnostics[0]).toMatchObject({ code: 'PARSE_ERROR', message: '"nodes" is not a list' });
  });
  it('does not throw on non-string input from untyped callers', () => {
    expect(parseModelOutput(undefined as unknown as string).diagnostics[0]?.code).toBe('PARSE_ERROR');
  });

  it('normalises node fields as the reference reads them', () => {
    const text = JSON.stringify({ nodes: [
      { id: ' n1 ', op: 'CONST', val: '১২টি', distractor: 'false', label: 5 },
      { id: 7, op: 'add', args: [' n1 ', 3, true], distractor: 1 },
      { id: 'x', op: 'const', val: true },
      { id: 'y', op: 'identity', args: 'n1' },
      { id: 'z', op: 'const', val: null },
    ] });
    const result = parseModelOutput(text);
    expect(result.graph?.nodes).toEqual([
      { id: 'n1', op: 'CONST', val: '১২টি', args: [], distractor: false, label: '5' },
      { id: '7', op: 'add', args: ['n1', 3, 1], distractor: true },
      { id: 'x', op: 'const', val: 1, args: [], distractor: false },
      { id: 'y', op: 'identity', args: ['n1'], distractor: false },
      { id: 'z', op: 'const', args: [], distractor: false },
    ]);
    expect(result.repairs.map((r) => r.kind)).toEqual(['ARGS_NOT_LIST']);
  });
  it('keeps overflowing literals JSON-safe without changing their value', () => {
    // 1e999 parses to Infinity, which JSON (IPC, SQLite, export files) would turn into null.
    const text = '{"nodes": [{"id": "a", "op": "const", "val": 1e999}, {"id": "b", "op": "add", "args": ["a", -1e999]},' +
      ' {"id": "final_result", "op": "identity", "args": ["b"]}]}';
    const graph = parseModelOutput(text).graph!;
    expect(graph.nodes[0]!.val).toBe('Infinity');
    expect(graph.nodes[1]!.args).toEqual(['a', '-Infinity']);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
    // inf + -inf is NaN in Python too: the answer is refused, as it was before the conversion.
    const analysis = analyse(text);
    expect(analysis.ok).toBe(false);
    expect(analysis.diagnostics.map((d) => d.code)).toContain('NON_FINITE');
  });
  it('skips entries that are not nodes, with an INVALID_NODE warning', () => {
    const text = JSON.stringify({ nodes: [5, { id: 'a' }, { op: 'add' }, { id: 'b', op: 'const', val: 1 }] });
    const result = parseModelOutput(text);
    expect(result.graph?.nodes.map((n) => n.id)).toEqual(['b']);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.nodeId])).toEqual([
      ['INVALID_NODE', 'warning', undefined], ['INVALID_NODE', 'warning', 'a'], ['INVALID_NODE', 'warning', undefined],
    ]);
  });
});

describe('parseModelOutput on hostile text (model output with the grammar off is untrusted)', () => {
  /** The fastest of three runs, in milliseconds. */
  function fastest(text: string): number {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const began = performance.now();
      parseModelOutput(text);
      best = Math.min(best, performance.now() - began);
    }
    return best;
  }
  const hostileUnits = fc.oneof(
    fc.constantFrom('{', '[', '{"a":', '{"id":1,"op":', '{"a":{"a":1}', '}{', ',}', '"', '```', '```json', "'", ': 1a ', '{"nodes": [',
      '{"id": "a", "op": "const", "val": 1}, ', '\\', '{"a":"\\x",', '[{'),
    fc.string({ unit: fc.constantFrom(...'{}[]":,\'` a1\\n'), minLength: 1, maxLength: 6 }),
  );

  it('takes time linear in the length: 4 times the text costs far less than 16 times the time', () => {
    const n = 5000;
    fc.assert(
      fc.property(hostileUnits, fc.string({ maxLength: 20 }), (unit, prefix) => {
        const text = (times: number) => prefix + unit.repeat(Math.ceil(times / unit.length));
        const small = fastest(text(n));
        const large = fastest(text(4 * n));
        // Linear: about 4×; quadratic (the old salvage scan): 16×. The constant absorbs timer noise.
        expect(large, JSON.stringify(unit)).toBeLessThan(8 * small + 25);
      }),
      { numRuns: 25 },
    );
  });

  it('reads 100 KB of "{" quickly and without throwing', () => {
    const result = parseModelOutput('{'.repeat(100_000));
    expect(result.graph).toBeNull();
    expect(result.diagnostics[0]?.code).toBe('PARSE_ERROR');
  });

  it('salvages the nodes of a long broken list, outermost first and in order', () => {
    const node = (i: number) => `{"id": "n${i}", "op": "const", "val": ${i}, "meta": {"id": "inner", "op": "x"}}`;
    const text = `{"nodes": [${Array.from({ length: 2000 }, (_, i) => node(i)).join(', ')}, {"id": broken`;
    const result = parseModelOutput(text);
    expect(result.repairs.map((r) => r.kind)).toEqual(['NODES_SALVAGED']);
    expect(result.graph?.nodes.map((n) => n.id)).toEqual(Array.from({ length: 2000 }, (_, i) => `n${i}`));
  });

  it('salvages a node inside a broken object and skips a broken one inside a good array', () => {
    const text = 'x {"junk": oops, "inner": {"id": "a", "op": "const", "val": 2}} [{"id": "b" "op": 1}, {"id": "final_result", "op": "identity", "args": ["a"]}';
    expect(ids(text)).toEqual(['a', 'final_result']);
  });
});
