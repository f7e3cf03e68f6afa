/** Numbers in problem texts, sentences, and linking number nodes to them. */
import { describe, expect, it } from 'vitest';
import { linkNumbers, parseModelOutput } from '../index.js';
import type { Graph, GraphNode } from '../graph/types.js';
import { findNumbersInText } from './numbers-in-text.js';
import { splitSentences } from './sentences.js';
import { loadDaggerExamples } from '../../../tests/support/dagger-fixtures.js';

interface Example { question: string; output: string }
const examples: Example[] = loadDaggerExamples();

const written = (text: string, words = false) =>
  findNumbersInText(text, { words }).map((f) => [text.slice(f.span.start, f.span.end), f.value, f.kind]);

describe('findNumbersInText', () => {
  it('finds digits in Bangla and ASCII, decimals and grouped thousands, with exact spans', () => {
    expect(written('মিনার কাছে ১২২১৯৫ টা কলম। দাম ৪৫.৬ টাকা, মোট 12,500 আর ১,২৫,০০০ টাকা।')).toEqual([
      ['১২২১৯৫', 122195, 'digits'], ['৪৫.৬', 45.6, 'digits'], ['12,500', 12500, 'digits'], ['১,২৫,০০০', 125000, 'digits'],
    ]);
  });
  it('does not merge a list or eat a sentence-ending point', () => {
    expect(written('20,30 এবং 1,2345 আর 7. শেষ')).toEqual([
      ['20', 20, 'digits'], ['30', 30, 'digits'], ['1', 1, 'digits'], ['2345', 2345, 'digits'], ['7', 7, 'digits'],
    ]);
  });
  it('reads digits glued to Bangla suffixes', () => {
    expect(written('4গুণ বেশি, ২০টি বই')).toEqual([['4', 4, 'digits'], ['২০', 20, 'digits']]);
  });
  it('finds number words and implied numbers only when asked', () => {
    const text = 'টুলুজের কাছে দুইগুণ ভেড়া। একটি রত্ন, তিনজন ছেলে, নয়টি আম। এটি সঠিক নয়। অর্ধেকের থেকে ১ ডজন, two apples, twice.';
    expect(written(text)).toEqual([['১', 1, 'digits']]);
    expect(written(text, true)).toEqual([
      ['দুইগুণ', 2, 'word'], ['একটি', 1, 'word'], ['তিনজন', 3, 'word'], ['নয়টি', 9, 'word'],
      ['অর্ধেকের', 2, 'implied'], ['১', 1, 'digits'], ['ডজন', 12, 'implied'], ['two', 2, 'word'], ['twice', 2, 'implied'],
    ]);
    expect(findNumbersInText('অর্ধেক', { words: true })[0]?.alternatives).toEqual([0.5]);
  });
  it('does not see numbers inside other words (একই, বিশেষ)', () => {
    expect(written('একইরকম বাক্স, বিশেষ দিন', true)).toEqual([]);
  });
  it('accepts য় written precomposed or with a nukta', () => {
    expect(written('ছ\u09DFটি এবং ছ\u09AF\u09BCটি', true).map((w) => w[1])).toEqual([6, 6]);
  });
});

describe('splitSentences', () => {
  it('splits on ।, ?, !, ". " and newlines, keeping decimals and trimming spaces', () => {
    const text = 'দাম ৪৫.৬ টাকা। কত পাবে?। বাহ! It costs 2.5 dollars. Next line\nশেষ';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'দাম ৪৫.৬ টাকা।', 'কত পাবে?।', 'বাহ!', 'It costs 2.5 dollars.', 'Next line', 'শেষ',
    ]);
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it('returns nothing for empty text', () => {
    expect(splitSentences('  ')).toEqual([]);
  });
});

describe('linkNumbers', () => {
  const graphOf = (e: Example) => parseModelOutput(e.output).graph!;
  const linked = (e: Example) => linkNumbers(graphOf(e), e.question).map((l) => [
    l.nodeId, l.status, l.span ? e.question.slice(l.span.start, l.span.end) : null,
  ]);

  it('links every const node of the first example to its number and sentence', () => {
    const e = examples[0]!;
    const links = linkNumbers(graphOf(e), e.question);
    expect(links.map((l) => [l.nodeId, l.status, e.question.slice(l.span!.start, l.span!.end)])).toEqual([
      ['n1', 'linked', '১২২১৯৫'], ['n2', 'linked', '২৫০৮৪'], ['n3', 'linked', '১১২৬'], ['n4', 'linked', '১০০০'], ['n5', 'linked', '৪৫.৬'],
    ]);
    expect(e.question.slice(links[3]!.sentence!.start, links[3]!.sentence!.end)).toBe('রাজু ১০০০ টি কলম দিতে রাজি হল, কিন্তু পরে আর দিলেনা।');
  });
  it('pairs equal values by label: the distractor 2 goes to the sentence it came from', () => {
    expect(linked(examples[1]!)).toEqual([
      ['n1', 'linked', '20'], ['n2', 'linked', '4'], ['n4', 'linked', 'দুইগুণ'], ['n6', 'linked', '১০০'],
      ['n7', 'linked', '৪০'], ['n8', 'linked', 'দুইটি'],
    ]);
  });
  it('leaves a number the text only implies unlinked (অর্ধেক → ÷ 2)', () => {
    expect(linked(examples[3]!)).toEqual([
      ['n1', 'linked', '40'], ['n2', 'implied', null], ['n4', 'linked', '5'], ['n5', 'linked', '2'],
      ['n6', 'linked', '৩'], ['n7', 'linked', 'একটি'],
    ]);
  });
  it('uses each written number once and reports numbers not in the text as missing', () => {
    const c = (id: string, val: number, label?: string): GraphNode => ({ id, op: 'const', val, args: [], distractor: false, ...(label ? { label } : {}) });
    const graph: Graph = { nodes: [c('a', 5, 'আমের সংখ্যা'), c('b', 5, 'কলার সংখ্যা'), c('z', 77)] };
    const text = 'রাজুর ৫টি কলা আছে। মিনার ৫টি আম আছে।';
    expect(linkNumbers(graph, text).map((l) => [l.nodeId, l.status, l.span?.start])).toEqual([
      ['a', 'linked', text.indexOf('৫টি আম')], ['b', 'linked', text.indexOf('৫টি কলা')], ['z', 'missing', undefined],
    ]);
  });
});
