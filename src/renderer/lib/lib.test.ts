import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import type { Graph, NumberLink, Step } from '../../core/graph/types.js';
import type { SolveEvent, SolveResult } from '../../shared/api.js';
import { bn } from '../i18n/bn.js';
import { en } from '../i18n/en.js';
import { layoutGraph, LARGE_GRAPH_NODES, NODE_WIDTH } from './graph-layout.js';
import { benchGraph } from '../bench/graph-fixture.js';
import { rangesFromGraph, rangesFromSentences, segmentText } from './text-segments.js';
import { judgeMarks, toggleMark } from './spot.js';
import { applySolveEvents, startSolve } from './solve-stream.js';
import { describeDiagnostic, sortDiagnostics } from './diagnostics.js';
import { visibleNodeIds } from './reveal.js';
import { fmtBytes, fmtDuration, fmtNumber, fmtPercent, opSymbol, truncate } from './format.js';

// Rina's lollipops with a RED and an OAD distractor sentence (the example from the bank docs).
const text = 'রিনার কাছে ৩০টি ললিপপ ছিল। তার ভাই রাজুর কাছে ১৫টি ললিপপ আছে। সে তার বন্ধুদের ২টি ললিপপ দিল। প্রতিটি ললিপপের দাম ৫ টাকা। রিনার কাছে এখন কয়টি ললিপপ আছে?';
const graph: Graph = {
  nodes: [
    { id: 'n1', op: 'const', val: 30, args: [], distractor: false, label: 'রিনার ললিপপ' },
    { id: 'n2', op: 'const', val: 2, args: [], distractor: false, label: 'বন্ধুদের দিল' },
    { id: 'n3', op: 'const', val: 15, args: [], distractor: true, label: 'রাজুর ললিপপ' },
    { id: 'n4', op: 'const', val: 5, args: [], distractor: true, label: 'ললিপপের দাম' },
    { id: 'remaining', op: 'sub', args: ['n1', 'n2'], distractor: false, label: 'অবশিষ্ট ললিপপ' },
    { id: 'final_result', op: 'identity', args: ['remaining'], distractor: false, label: 'চূড়ান্ত উত্তর' },
  ],
};
const spanOf = (needle: string) => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};
const sentenceOf = (needle: string) => {
  const at = text.indexOf(needle);
  const start = text.lastIndexOf('।', at) + 1;
  const end = text.indexOf('।', at) + 1;
  return { start: start === 0 ? 0 : start + 1, end };
};
const links: NumberLink[] = [
  { nodeId: 'n1', value: 30, span: spanOf('৩০'), sentence: sentenceOf('৩০') },
  { nodeId: 'n3', value: 15, span: spanOf('১৫'), sentence: sentenceOf('১৫') },
  { nodeId: 'n2', value: 2, span: spanOf('২টি'), sentence: sentenceOf('২টি') },
  { nodeId: 'n4', value: 5, span: spanOf('৫ টাকা'), sentence: sentenceOf('৫ টাকা') },
];
links[2]!.span!.end -= 2; // "২"
links[3]!.span!.end = links[3]!.span!.start + 1; // "৫"

describe('segmentText', () => {
  const added = [
    { text: 'তার ভাই রাজুর কাছে ১৫টি ললিপপ আছে।', type: 'RED' as const },
    { text: 'প্রতিটি ললিপপের দাম ৫ টাকা।', type: 'OAD' as const },
  ];

  it('keeps every character of the text exactly once, in order', () => {
    const runs = segmentText(text, links, rangesFromSentences(text, added));
    expect(runs.flatMap((r) => r.pieces.map((p) => p.text)).join('')).toBe(text);
    expect(runs.map((r) => text.slice(r.start, r.end)).join('')).toBe(text);
  });

  it('marks distractor sentences with their type and links each number to its node', () => {
    const runs = segmentText(text, links, rangesFromSentences(text, added));
    const typed = runs.filter((r) => r.distractor);
    expect(typed.map((r) => [r.distractor, text.slice(r.start, r.end)])).toEqual([
      ['RED', added[0]!.text],
      ['OAD', added[1]!.text],
    ]);
    const linked = runs.flatMap((r) => r.pieces).filter((p) => p.link);
    expect(linked.map((p) => [p.text, p.link!.nodeId])).toEqual([['৩০', 'n1'], ['১৫', 'n3'], ['২', 'n2'], ['৫', 'n4']]);
    expect(typed[0]!.pieces.some((p) => p.link?.nodeId === 'n3')).toBe(true);
  });

  it('derives unknown-type distractor sentences from the graph when the bank has none', () => {
    const ranges = rangesFromGraph(links, new Set(['n3', 'n4']));
    expect(ranges.map((r) => [r.type, text.slice(r.start, r.end).trim()])).toEqual([
      ['unknown', added[0]!.text],
      ['unknown', added[1]!.text],
    ]);
  });

  it('survives untrusted spans: out of range, overlapping, missing sentences', () => {
    const bad: NumberLink[] = [
      { nodeId: 'a', value: 1, span: { start: -5, end: 2 }, sentence: null },
      { nodeId: 'b', value: 1, span: { start: 1, end: 3 }, sentence: null },
      { nodeId: 'c', value: 1, span: { start: 9000, end: 9005 }, sentence: null },
      { nodeId: 'd', value: 1, span: null, sentence: null },
    ];
    const runs = segmentText('abc', bad, rangesFromSentences('abc', [{ text: 'not there', type: 'NEED' }]));
    expect(runs.flatMap((r) => r.pieces.map((p) => p.text)).join('')).toBe('abc');
    expect(runs.flatMap((r) => r.pieces).filter((p) => p.link).map((p) => p.link!.nodeId)).toEqual(['a']);
  });
});

describe('spot the distractors', () => {
  it('judges each tapped number against the graph', () => {
    let marked = new Set<string>();
    marked = toggleMark(marked, 'n3');
    marked = toggleMark(marked, 'n1');
    marked = toggleMark(marked, 'n2');
    marked = toggleMark(marked, 'n2'); // tapped twice: unmarked
    const result = judgeMarks(graph, links, marked);
    expect(result).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(Object.fromEntries(result.verdicts)).toEqual({
      n1: 'false-positive', n2: 'true-negative', n3: 'true-positive', n4: 'false-negative',
    });
  });
});

describe('graph layout', () => {
  it('places every node once and routes an edge for every node reference', () => {
    const layout = layoutGraph({ graph, values: { n1: 30, n2: 2, remaining: 28, final_result: 28 }, finalNode: 'final_result' });
    expect(layout.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    expect(layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['n1>remaining', 'n2>remaining', 'remaining>final_result']);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    // Top to bottom: inputs above the operation, the operation above the answer.
    expect(byId.get('n1')!.y).toBeLessThan(byId.get('remaining')!.y);
    expect(byId.get('remaining')!.y).toBeLessThan(byId.get('final_result')!.y);
    expect(byId.get('n3')!.kind).toBe('distractor');
    expect(byId.get('final_result')!.kind).toBe('final');
    expect(byId.get('remaining')!.value).toBe(28);
    expect(byId.get('n3')!.value).toBeNull();
  });

  it('does not crash on cycles, missing references, duplicate ids and literal arguments', () => {
    const layout = layoutGraph({
      graph: {
        nodes: [
          { id: 'a', op: 'add', args: ['b', 3], distractor: false },
          { id: 'b', op: 'add', args: ['a', 'ghost'], distractor: false },
          { id: 'a', op: 'const', val: 1, args: [], distractor: false },
        ],
      },
    });
    expect(layout.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(layout.edges).toHaveLength(2);
  });

  it('lays out a large graph with the linear-time layered layout: no overlaps, edges point down', () => {
    const big = benchGraph(200, 'b');
    expect(big.nodes.length).toBeGreaterThan(LARGE_GRAPH_NODES);
    const layout = layoutGraph({ graph: big, finalNode: 'final_result' });
    expect(layout.nodes).toHaveLength(200);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    // Boxes on the same row never overlap.
    const rows = new Map<number, number[]>();
    for (const n of layout.nodes) rows.set(n.y, [...(rows.get(n.y) ?? []), n.x]);
    for (const xs of rows.values()) {
      xs.sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(NODE_WIDTH);
    }
    // Every input is above what uses it, and everything fits in the drawing.
    for (const e of layout.edges) expect(byId.get(e.from)!.y).toBeLessThan(byId.get(e.to)!.y);
    expect(layout.edges.length).toBe(big.nodes.reduce((sum, n) => sum + n.args.length, 0));
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width / 2).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
  });

  it('the layered layout survives a cycle', () => {
    const nodes: Graph['nodes'] = [];
    for (let i = 0; i < 90; i++) nodes.push({ id: `x${i}`, op: 'add', args: [`x${(i + 1) % 90}`], distractor: false });
    const layout = layoutGraph({ graph: { nodes } });
    expect(new Set(layout.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(90);
  });
});

describe('solve stream reducer', () => {
  const result = (requestId: string, cancelled = false): SolveResult => ({
    requestId, ok: !cancelled, cancelled, answer: cancelled ? null : 28,
    analysis: { ok: true, answer: 28, finalNode: 'final_result', graph, values: {}, steps: [], distractors: { flagged: [], unused: [], flaggedButUsed: [], unusedNotFlagged: [] }, links: [], repairs: [], diagnostics: [] },
    rawOutput: '', stats: { promptTokens: 10, generatedTokens: 42, timeToFirstTokenMs: 1, timeToFirstNodeMs: 2, tokensPerSecond: 99, totalMs: 400 },
    backend: 'cpu', model: 'test.gguf', solutionId: cancelled ? null : 'sol-1',
  });

  it('collects streamed nodes and progress, then takes the final graph', () => {
    let s = startSolve('r1');
    const events: SolveEvent[] = [
      { requestId: 'r1', type: 'progress', phase: 'reading-problem' },
      { requestId: 'r1', type: 'token', text: '{', generatedTokens: 1, tokensPerSecond: 50 },
      { requestId: 'r1', type: 'node', index: 0, node: graph.nodes[0]! },
      { requestId: 'other', type: 'node', index: 1, node: graph.nodes[3]! },
      { requestId: 'r1', type: 'node', index: 1, node: graph.nodes[1]! },
    ];
    s = applySolveEvents(s, events);
    expect(s).toMatchObject({ status: 'running', phase: 'writing-graph', generatedTokens: 1, tokensPerSecond: 50 });
    expect(s.nodes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(s.streamedNodes).toBe(2);
    s = applySolveEvents(s, [{ requestId: 'r1', type: 'done', result: result('r1') }]);
    expect(s.status).toBe('done');
    expect(s.nodes).toHaveLength(graph.nodes.length);
    // Nothing after done changes it.
    expect(applySolveEvents(s, [{ requestId: 'r1', type: 'error', error: { code: 'INTERNAL', message: 'x' } }])).toBe(s);
  });

  it('keeps what had streamed when cancelled, and records failures', () => {
    let s = applySolveEvents(startSolve('r2'), [{ requestId: 'r2', type: 'node', index: 0, node: graph.nodes[0]! }]);
    const r = result('r2', true);
    r.analysis = { ...r.analysis, graph: null };
    s = applySolveEvents(s, [{ requestId: 'r2', type: 'done', result: r }]);
    expect(s.status).toBe('cancelled');
    expect(s.nodes.map((n) => n.id)).toEqual(['n1']);
    const f = applySolveEvents(startSolve('r3'), [{ requestId: 'r3', type: 'error', error: { code: 'NO_MODEL', message: 'none' } }]);
    expect(f).toMatchObject({ status: 'failed', error: { code: 'NO_MODEL' } });
  });
});

describe('diagnostics in plain words', () => {
  it('translates known codes in both languages and never leaves an unknown code blank', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { bn: { translation: bn }, en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
    const t = i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;
    expect(describeDiagnostic({ code: 'DIV_BY_ZERO', severity: 'error', message: 'x', nodeId: 'q' }, t)).toBe('Node q: cannot divide by zero.');
    expect(describeDiagnostic({ code: 'WEIRD', severity: 'warning', message: 'odd thing' }, t)).toBe('Problem in the graph: odd thing');
    await i18n.changeLanguage('bn');
    expect(describeDiagnostic({ code: 'CYCLE', severity: 'error', message: 'x', nodeId: 'a' }, t)).toContain('চক্র');
    expect(sortDiagnostics([{ code: 'A', severity: 'warning', message: '' }, { code: 'B', severity: 'error', message: '' }])[0]!.code).toBe('B');
  });
});

describe('step reveal and formatting', () => {
  it('shows inputs always and each operation only once its step is revealed', () => {
    const steps = [
      { index: 0, nodeId: 'remaining', op: 'sub', inputs: [], value: 28, explanation: { bn: '', en: '' } },
      { index: 1, nodeId: 'final_result', op: 'identity', inputs: [], value: 28, explanation: { bn: '', en: '' } },
    ] satisfies Step[];
    expect([...visibleNodeIds(graph, steps, 0)].sort()).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(visibleNodeIds(graph, steps, 1).has('remaining')).toBe(true);
    expect(visibleNodeIds(graph, steps, 1).has('final_result')).toBe(false);
    expect(visibleNodeIds(graph, steps, 2).size).toBe(6);
  });

  it('formats numbers, percentages, sizes and durations in the chosen digits', () => {
    expect(fmtNumber(5572092, 'bn')).toBe('৫৫৭২০৯২');
    expect(fmtNumber(2.5, 'latin')).toBe('2.5');
    expect(fmtNumber(null, 'bn')).toBe('—');
    expect(fmtPercent(0.834, 'bn')).toBe('৮৩');
    expect(fmtPercent(null, 'bn')).toBe('—');
    expect(fmtBytes(7.3 * 1024 ** 3, 'latin')).toBe('7.3 GB');
    expect(fmtDuration(125, 'bn')).toBe('২:০৫');
    expect(opSymbol(' MUL ')).toBe('×');
    expect(opSymbol('ratio_split_into_many_parts')).toBe('ratio_split…');
    expect(truncate('অবশিষ্ট ললিপপ', 5)).toBe('অবশি…');
  });
});
