import { describe, expect, it } from 'vitest';
import { problemSchema, type Problem, type ProblemSet } from './schema.js';
import { backReference, reviewProblem, type BankWarningCode } from './review.js';
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
      text: 'রিনার কাছে ৩০টি ললিপপ ছিল। সে তার বন্ধুদের ২টি ললিপপ দিল। রিনার ভাই রাজুর কাছে ১৫টি ললিপপ আছে। প্রতিটি ললিপপের দাম ৫ টাকা। রিনার কাছে এখন কয়টি ললিপপ আছে?',
      answer: 28,
      distractors: [
        { text: 'রিনার ভাই রাজুর কাছে ১৫টি ললিপপ আছে।', type: 'RED' },
        { text: 'প্রতিটি ললিপপের দাম ৫ টাকা।', type: 'OAD' },
      ],
      graph: {
        nodes: [
          n1,
          n2,
          { id: 'n3', op: 'const', val: 15, distractor: true, label: 'রাজুর ললিপপ' },
          { id: 'n4', op: 'const', val: 5, distractor: true, label: 'ললিপপের দাম' },
          remaining,
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
    node(p, 'n3').val = 16; // 15 is written, 16 flagged
    expect(codes(p)).toEqual(['DISTRACTOR_MISMATCH', 'UNLINKED_NUMBER']);
    const q = lollipop();
    node(q, 'n4').distractor = false; // ৫ is in an added sentence but not flagged (and unused)
    expect(codes(q)).toEqual(['DISTRACTOR_MISMATCH', 'UNUSED_NOT_FLAGGED']);
  });

  it('counts repeated values: a distractor may repeat a number of the clean text', () => {
    const p = lollipop();
    const v = p.variants[0]!;
    v.text = v.text.replace('১৫টি', '৩০টি');
    v.distractors[0]!.text = 'রিনার ভাই রাজুর কাছে ৩০টি ললিপপ আছে।';
    node(p, 'n3').val = 30;
    expect(validateProblem(p)).toEqual([]);
    node(p, 'n3').distractor = false; // now only one 30 is flagged… none, in fact: mismatch
    expect(codes(p)).toContain('DISTRACTOR_MISMATCH');
  });

  it('refuses a flagged node the answer depends on', () => {
    const p = lollipop();
    node(p, 'remaining').args = ['n1', 'n3'];
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

function warningCodes(problem: Problem): BankWarningCode[] {
  return reviewProblem(problem).map((w) => w.code).sort();
}

/** Puts the variant's added sentences where `text` says and renumbers its number nodes to match. */
function rewriteVariant(p: Problem, text: string, order: number[]): void {
  const v = p.variants[0]!;
  v.text = text;
  const consts = v.graph.nodes.slice(0, 4);
  const renamed = order.map((i, k) => ({ ...consts[i]!, id: `n${k + 1}` }));
  const idOf = new Map(order.map((i, k) => [consts[i]!.id, `n${k + 1}`]));
  v.graph.nodes = [...renamed, { ...node(p, 'remaining'), args: ['n1', 'n2'].map((id) => idOf.get(id)!) }, node(p, 'final_result')];
}

describe('reviewProblem (reading warnings)', () => {
  it('has nothing to say about a well-written problem', () => {
    expect(reviewProblem(lollipop())).toEqual([]);
  });

  it('warns when an added sentence stands right before a clean sentence opening with a pronoun', () => {
    const p = lollipop();
    // "সে" in the next sentence could now be Raju, the brother just mentioned.
    rewriteVariant(p, 'রিনার কাছে ৩০টি ললিপপ ছিল। রিনার ভাই রাজুর কাছে ১৫টি ললিপপ আছে। সে তার বন্ধুদের ২টি ললিপপ দিল। প্রতিটি ললিপপের দাম ৫ টাকা। রিনার কাছে এখন কয়টি ললিপপ আছে?', [0, 2, 1, 3]);
    expect(validateProblem(p)).toEqual([]); // the graph is right; only the reading is not
    const warnings = reviewProblem(p);
    expect(warnings).toEqual([expect.objectContaining({
      problemId: 'lollipop-give', variantId: 'lollipop-give-d1', code: 'AMBIGUOUS_REFERENCE',
      sentence: 'রিনার ভাই রাজুর কাছে ১৫টি ললিপপ আছে।',
    })]);
    expect(warnings[0]!.message).toContain('"সে"');
  });

  it('recognises back-references at the start, and personal pronouns after an opening adverbial', () => {
    expect(backReference('এখন পুকুরে মোট কতটি পোনা আছে?')).toBe('এখন');
    expect(backReference('সেখান থেকে ৬টি গ্লাস ভরা হলো।')).toBe('সেখান');
    expect(backReference('প্রতি ম্যাচে তার গড় রান কত?')).toBe('তার');
    expect(backReference('১২ সপ্তাহ পর তার ব্যাংকে কত টাকা জমবে?')).toBe('তার');
    expect(backReference('রিনার কাছে এখন কয়টি ললিপপ আছে?')).toBeNull();
    expect(backReference('রিনা ও রাজু মোট কয়টি ললিপপ পেল?')).toBeNull();
    expect(backReference('রহিম তার হাঁসের এক-চতুর্থাংশ বিক্রি করল।')).toBeNull(); // reflexive, not a back-reference
  });

  it('warns about an added sentence after the question', () => {
    const p = lollipop();
    rewriteVariant(p, 'রিনার কাছে ৩০টি ললিপপ ছিল। সে তার বন্ধুদের ২টি ললিপপ দিল। রিনার ভাই রাজুর কাছে ১৫টি ললিপপ আছে। রিনার কাছে এখন কয়টি ললিপপ আছে? প্রতিটি ললিপপের দাম ৫ টাকা।', [0, 1, 2, 3]);
    expect(validateProblem(p)).toEqual([]);
    expect(reviewProblem(p)).toEqual([expect.objectContaining({ code: 'ADDED_AFTER_QUESTION', sentence: 'প্রতিটি ললিপপের দাম ৫ টাকা।' })]);
  });

  it('warns when number nodes are not numbered in text order', () => {
    const p = lollipop();
    const [n1, n2, n3, n4] = p.variants[0]!.graph.nodes;
    p.variants[0]!.graph.nodes.splice(0, 4, n1!, { ...n3!, id: 'n2' }, { ...n2!, id: 'n3' }, n4!);
    node(p, 'remaining').args = ['n1', 'n3'];
    expect(validateProblem(p)).toEqual([]);
    const warnings = reviewProblem(p);
    expect(warnings.map((w) => [w.code, w.variantId])).toEqual([['NODE_ORDER', 'lollipop-give-d1']]);
    expect(warnings[0]!.message).toContain('"n2" (১৫)');
  });

  it('warns when the question asks for a unit but the problem has none', () => {
    const p = lollipop();
    p.clean.text = p.clean.text.replace('রিনার কাছে এখন কয়টি ললিপপ আছে?', 'রিনার কাছে এখন কত টাকার ললিপপ আছে?');
    expect(warningCodes(p)).toEqual(['MISSING_UNIT']);
    expect(reviewProblem(p)[0]!.message).toContain('"টাকা"');
    p.unit = { bn: 'টাকা', en: 'taka' };
    expect(warningCodes(p)).toEqual([]);
  });
});

describe('validateProblemSets', () => {
  const set = (id: string, problems: Problem[]): ProblemSet => ({
    format: 'dagger-tutor.problem-set', version: 1, id, title: { bn: 'ক', en: 'a' }, problems,
  });

  it('counts problems and added sentences by type', () => {
    const report = validateProblemSets([{ set: set('a', [lollipop()]), source: 'a.json' }]);
    expect(report).toMatchObject({ problems: 1, withDistractorVariant: 1, byType: { RED: 1, OAD: 1, NEED: 0 }, failures: [], warnings: [] });
    expect(report.byGrade).toEqual({ '1-2': 1, '3-4': 0, '5-6': 0, '7-8': 0 });
    expect(report.byTopic.subtraction).toBe(1);
    expect(Object.values(report.byTopic).reduce((a, b) => a + b)).toBe(1);
  });

  it('warns about near-duplicate problems: the same numbers in nearly the same words', () => {
    const copy = lollipop();
    copy.id = 'lollipop-again';
    copy.variants[0]!.id = 'lollipop-again-d1';
    for (const version of [copy.clean, copy.variants[0]!]) version.text = version.text.replaceAll('রিনা', 'মিনা');
    for (const added of copy.variants[0]!.distractors) added.text = added.text.replaceAll('রিনা', 'মিনা');
    const report = validateProblemSets([{ set: set('a', [lollipop(), copy]), source: 'a.json' }]);
    expect(report.failures).toEqual([]);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'NEAR_DUPLICATE', problemId: 'lollipop-again', source: 'a.json' })]);
    expect(report.warnings[0]!.message).toContain('"lollipop-give"');

    const otherNumbers = lollipop();
    otherNumbers.id = 'lollipop-other';
    otherNumbers.variants[0]!.id = 'lollipop-other-d1';
    otherNumbers.clean.text = otherNumbers.clean.text.replace('৩০টি', '৪০টি');
    const distinct = validateProblemSets([{ set: set('a', [lollipop()]), source: 'a.json' }, { set: set('b', [otherNumbers]), source: 'b.json' }]);
    expect(distinct.warnings.filter((w) => w.code === 'NEAR_DUPLICATE')).toEqual([]);
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
