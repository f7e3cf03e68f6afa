import { describe, expect, it } from 'vitest';
import { problemSchema, type Problem, type ProblemSet } from './schema.js';
import { sameNumber, validateProblem, validateProblemSets, type BankFailureCode } from './validate.js';

/** The example problem from the format's documentation, in exact DAGGER style. */
function lollipop(): Problem {
  const n1 = { id: 'n1', op: 'const', val: 30, distractor: false, label: 'রিনার ললিপপ' };
  const n2 = { id: 'n2', op: 'const', val: 2, distractor: false, label: 'বন্ধুদের দিল' };
  const remaining = { id: 'remaining', op: 'sub', args: ['n1', 'n2'], distractor: false, label: 'অবশিষ্ট ললিপপ' };
  const final = { id: 'final_result', op: 'identity', args: ['remaining'], distractor: false, label: 'চূড়ান্ত উত্তর' };
  return problemSchema.parse({
    id: 'lollipop-give', grade: '1-2', topics: ['subtraction'],
    clean: {
      text: 'রিনার কাছে ৩০টি ললিপপ ছিল। সে তার বন্ধুদের ২টি ললিপপ দিল। রিনার কাছে এখন কয়টি ললিপপ আছে?',
      answer: 28,
      graph: { nodes: [n1, n2, remaining, final] },
    },
    variants: [{
      id: 'lollipop-give-d1',
      text: 'রিনার কাছে ৩০টি ললিপপ ছিল। তার ভাই রাজুর কাছে ১৫টি ললিপপ আছে। সে তার বন্ধুদের ২টি ললিপপ দিল। প্রতিটি ললিপপের দাম ৫ টাকা। রিনার কাছে এখন কয়টি ললিপপ আছে?',
      answer: 28,
      distractors: [
        { text: 'তার ভাই রাজুর কাছে ১৫টি ললিপপ আছে।', type: 'RED' },
        { text: 'প্রতিটি ললিপপের দাম ৫ টাকা।', type: 'OAD' },
      ],
      graph: {
        nodes: [
          n1,
          { id: 'n2', op: 'const', val: 15, distractor: true, label: 'রাজুর ললিপপ' },
          { ...n2, id: 'n3' },
          { id: 'n4', op: 'const', val: 5, distractor: true, label: 'ললিপপের দাম' },
          { ...remaining, args: ['n1', 'n3'] },
          final,
        ],
      },
    }],
  });
}

function codes(problem: Problem): BankFailureCode[] {
  return [...new Set(validateProblem(problem).map((f) => f.code))].sort();
}

const variantNodes = (p: Problem) => p.variants[0]!.graph.nodes;
const node = (p: Problem, id: string) => variantNodes(p).find((n) => n.id === id)!;

describe('validateProblem', () => {
  it('accepts a correct problem', () => {
    expect(validateProblem(lollipop())).toEqual([]);
  });

  it('catches a stated answer the graph does not compute', () => {
    const p = lollipop();
    p.clean.answer = 29;
    expect(codes(p)).toEqual(['VARIANT_ANSWER', 'WRONG_ANSWER']);
    expect(validateProblem(p).find((f) => f.code === 'WRONG_ANSWER')!.message).toContain('computes 28');
  });

  it('catches a variant whose answer differs from the clean one', () => {
    const p = lollipop();
    p.variants[0]!.answer = 13;
    const failures = validateProblem(p);
    expect(failures.map((f) => f.code).sort()).toEqual(['VARIANT_ANSWER', 'WRONG_ANSWER']);
    expect(failures.every((f) => f.variantId === 'lollipop-give-d1')).toBe(true);
  });

  it('reports a graph that does not run, naming the diagnostic', () => {
    const p = lollipop();
    p.clean.graph.nodes[2]!.args = ['n1', 'n9'];
    const failure = validateProblem(p).find((f) => f.code === 'GRAPH_ERROR');
    expect(failure?.message).toContain('UNKNOWN_REF');
  });

  it('refuses distractor flags in the clean graph', () => {
    const p = lollipop();
    p.clean.graph.nodes.splice(2, 0, { id: 'n3', op: 'const', val: 2, distractor: true });
    expect(codes(p)).toEqual(['CLEAN_HAS_DISTRACTOR']);
  });

  it('requires flagged nodes to be exactly the numbers of the added sentences', () => {
    const p = lollipop();
    node(p, 'n2').val = 16; // 15 is written, 16 flagged
    expect(codes(p)).toEqual(['DISTRACTOR_MISMATCH', 'UNLINKED_NUMBER']);
    const q = lollipop();
    node(q, 'n4').distractor = false; // ৫ is in an added sentence but not flagged (and unused)
    expect(codes(q)).toEqual(['DISTRACTOR_MISMATCH', 'UNUSED_NOT_FLAGGED']);
  });

  it('counts repeated values: a distractor may repeat a number of the clean text', () => {
    const p = lollipop();
    const v = p.variants[0]!;
    v.text = v.text.replace('১৫টি', '৩০টি');
    v.distractors[0]!.text = 'তার ভাই রাজুর কাছে ৩০টি ললিপপ আছে।';
    node(p, 'n2').val = 30;
    expect(validateProblem(p)).toEqual([]);
    node(p, 'n2').distractor = false; // now only one 30 is flagged… none, in fact: mismatch
    expect(codes(p)).toContain('DISTRACTOR_MISMATCH');
  });

  it('refuses a flagged node the answer depends on', () => {
    const p = lollipop();
    node(p, 'remaining').args = ['n1', 'n2'];
    expect(codes(p)).toEqual(['DISTRACTOR_USED', 'UNUSED_NOT_FLAGGED', 'WRONG_ANSWER']);
  });

  it('requires added sentences to be exact parts of the variant text', () => {
    const p = lollipop();
    p.variants[0]!.distractors[1]!.text = 'প্রতিটি ললিপপের দাম ৬ টাকা।';
    expect(codes(p)).toEqual(['SENTENCE_NOT_FOUND']);
  });

  it('requires the variant minus its added sentences to be the clean text', () => {
    const p = lollipop();
    const v = p.variants[0]!;
    v.text = v.text.replace('সে তার বন্ধুদের', 'সে তার বোনকে');
    expect(codes(p)).toEqual(['TEXT_MISMATCH']);
    const q = lollipop(); // whitespace between sentences may differ
    q.variants[0]!.text = `${q.variants[0]!.text.replaceAll('। ', '।\n  ')}\n`;
    expect(validateProblem(q)).toEqual([]);
  });

  it('requires every written number to be a const node or listed as ignored', () => {
    const p = lollipop();
    p.clean.text = `২০২৪ সালের কথা। ${p.clean.text}`;
    p.variants[0]!.text = `২০২৪ সালের কথা। ${p.variants[0]!.text}`;
    expect(codes(p)).toEqual(['UNLINKED_NUMBER']);
    for (const version of [p.clean, p.variants[0]!]) version.ignoredNumbers = [{ text: '২০২৪', reason: 'year' }];
    expect(validateProblem(p)).toEqual([]);
    p.clean.ignoredNumbers.push({ text: '১৯৭১', reason: 'year' });
    expect(codes(p)).toEqual(['IGNORED_NOT_IN_TEXT']);
  });

  it('requires each written occurrence to be linked to its own node, as the app highlights them', () => {
    const p = lollipop();
    p.clean.text = p.clean.text.replace('২টি ললিপপ দিল।', '২টি ললিপপ দিল, আর ছোট বোনকেও ২টি দেখাল।');
    const failures = validateProblem(p).filter((f) => !f.variantId);
    expect(failures.map((f) => f.code)).toEqual(['UNLINKED_NUMBER']);
    expect(failures[0]!.message).toContain('not linked to any node by the app');
  });

  it('requires DAGGER style: final_result last, topological order, const distractors, numeric values', () => {
    const outOfOrder = lollipop();
    const nodes = outOfOrder.clean.graph.nodes;
    nodes.unshift(nodes.splice(2, 1)[0]!); // "remaining" before its inputs
    expect(codes(outOfOrder)).toEqual(['GRAPH_STYLE']);

    const finalFirst = lollipop();
    finalFirst.clean.graph.nodes.unshift(finalFirst.clean.graph.nodes.pop()!);
    expect(codes(finalFirst)).toContain('GRAPH_STYLE');

    const stringVal = lollipop();
    stringVal.clean.graph.nodes[0]!.val = '৩০টি';
    expect(codes(stringVal)).toEqual(['GRAPH_STYLE']);
  });
});

describe('validateProblemSets', () => {
  const set = (id: string, problems: Problem[]): ProblemSet => ({
    format: 'dagger-tutor.problem-set', version: 1, id, title: { bn: 'ক', en: 'a' }, problems,
  });

  it('counts problems and added sentences by type', () => {
    const report = validateProblemSets([{ set: set('a', [lollipop()]), source: 'a.json' }]);
    expect(report).toEqual({ problems: 1, withDistractorVariant: 1, byType: { RED: 1, OAD: 1, NEED: 0 }, failures: [] });
  });

  it('finds ids used twice across sets, and names the file', () => {
    const report = validateProblemSets([
      { set: set('a', [lollipop()]), source: 'a.json' },
      { set: set('b', [lollipop()]), source: 'b.json' },
    ]);
    expect(report.failures.map((f) => [f.code, f.problemId, f.variantId])).toEqual([
      ['DUPLICATE_ID', 'lollipop-give', undefined],
      ['DUPLICATE_ID', 'lollipop-give', 'lollipop-give-d1'],
    ]);
    expect(report.failures[0]!.message).toContain('a.json');
  });

  it('puts load errors into the same report', () => {
    const report = validateProblemSets([], [{ source: 'x.json', field: 'problems[0].grade', problemId: 'p', message: 'bad grade' }]);
    expect(report.failures).toEqual([expect.objectContaining({ code: 'LOAD_ERROR', problemId: 'p', source: 'x.json' })]);
  });
});

describe('sameNumber', () => {
  it('uses relative tolerance 1e-6', () => {
    expect(sameNumber(1 / 3, 0.3333333)).toBe(true);
    expect(sameNumber(1 / 3, 0.33)).toBe(false);
    expect(sameNumber(0, 0)).toBe(true);
    expect(sameNumber(0, 1e-12)).toBe(false);
  });
});
