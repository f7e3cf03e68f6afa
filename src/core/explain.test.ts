/** The step sentences a student reads, for every operation. */
import { describe, expect, it } from 'vitest';
import { analyse } from './index.js';
import type { GraphNode } from './graph/types.js';

function stepOf(op: string, inputs: number[], label?: string) {
  const nodes: GraphNode[] = inputs.map((val, k) => ({ id: `c${k}`, op: 'const', val, args: [], distractor: false }));
  nodes.push({ id: 'x', op, args: inputs.map((_, k) => `c${k}`), distractor: false, ...(label ? { label } : {}) });
  nodes.push({ id: 'final_result', op: 'identity', args: ['x'], distractor: false, label: 'চূড়ান্ত উত্তর' });
  const analysis = analyse({ nodes });
  expect(analysis.steps.map((s) => s.nodeId)).toEqual(['x', 'final_result']);
  return analysis.steps[0]!;
}
const bn = (op: string, ...inputs: number[]) => stepOf(op, inputs).explanation.bn;
const en = (op: string, ...inputs: number[]) => stepOf(op, inputs).explanation.en;

describe('explainSteps', () => {
  it('writes the issue\'s example sentence, with the label in parentheses', () => {
    const step = stepOf('sub', [30, 2], 'অবশিষ্ট ললিপপ');
    expect(step.explanation).toEqual({ bn: '৩০ − ২ = ২৮ (অবশিষ্ট ললিপপ)', en: '30 − 2 = 28 (অবশিষ্ট ললিপপ)' });
    expect(step).toMatchObject({ index: 0, nodeId: 'x', op: 'sub', value: 28, label: 'অবশিষ্ট ললিপপ',
      inputs: [{ nodeId: 'c0', value: 30 }, { nodeId: 'c1', value: 2 }] });
  });
  it('uses ×, ÷, +, − and brackets negative operands', () => {
    expect(bn('mul', 3, 4)).toBe('৩ × ৪ = ১২');
    expect(bn('div', 7, 2)).toBe('৭ ÷ ২ = ৩.৫');
    expect(en('add', 1, 2, 3)).toBe('1 + 2 + 3 = 6');
    expect(en('sum', 1, 2)).toBe('1 + 2 = 3');
    expect(en('sub', 5, -2)).toBe('5 − (−2) = 7');
  });
  it('words the other operations naturally', () => {
    expect(en('mean', 2, 4, 9)).toBe('mean of 2, 4 and 9 = (2 + 4 + 9) ÷ 3 = 5');
    expect(bn('mean', 2, 4)).toBe('২ ও ৪ এর গড় = (২ + ৪) ÷ ২ = ৩');
    expect(en('min', 5, 1)).toBe('smallest of 5 and 1 = 1');
    expect(bn('max', 5, 1)).toBe('৫ ও ১ এর মধ্যে সবচেয়ে বড় = ৫');
    expect(en('pow', 2, 3)).toBe('2 to the power 3 = 8');
    expect(bn('pow', 2, 3)).toBe('২ এর ৩ ঘাত = ৮');
    expect(en('mod', 17, 5)).toBe('remainder of 17 ÷ 5 = 2');
    expect(en('sqrt', 9)).toBe('√9 = 3');
    expect(en('round', 2.5)).toBe('2.5 rounded to the nearest whole number = 2');
    expect(en('floor', 2.7)).toBe('2.7 rounded down = 2');
    expect(en('ceil', 2.1)).toBe('2.1 rounded up = 3');
    expect(en('abs', -4)).toBe('|−4| = 4');
    expect(en('abs', 3, 10)).toBe('|3 − 10| = 7');
    expect(bn('gcd', 12, 18)).toBe('১২ ও ১৮ এর গসাগু = ৬');
    expect(en('lcm', 4, 6)).toBe('LCM of 4 and 6 = 12');
    expect(en('identity', 7)).toBe('7');
  });
  it('ends with the answer and rounds long decimals for display only', () => {
    const nodes: GraphNode[] = [
      { id: 'a', op: 'const', val: 1, args: [], distractor: false },
      { id: 'b', op: 'div', args: ['a', 3], distractor: false },
      { id: 'final_result', op: 'identity', args: ['b'], distractor: false, label: 'চূড়ান্ত উত্তর' },
    ];
    const steps = analyse({ nodes }).steps;
    expect(steps[0]!.explanation.bn).toBe('১ ÷ ৩ = ০.৩৩৩৩');
    expect(steps[0]!.inputs).toEqual([{ nodeId: 'a', value: 1 }, { value: 3 }]);
    expect(steps[0]!.value).toBe(1 / 3);
    expect(steps[1]!.explanation).toEqual({ bn: 'উত্তর = ০.৩৩৩৩ (চূড়ান্ত উত্তর)', en: 'answer = 0.3333 (চূড়ান্ত উত্তর)' });
  });
  it('stops at a failed step (nothing after it is explained)', () => {
    const nodes: GraphNode[] = [
      { id: 'a', op: 'const', val: 4, args: [], distractor: false },
      { id: 'b', op: 'add', args: ['a', 1], distractor: false },
      { id: 'c', op: 'div', args: ['b', 0], distractor: false },
      { id: 'final_result', op: 'identity', args: ['c'], distractor: false },
    ];
    expect(analyse({ nodes }).steps.map((s) => s.nodeId)).toEqual(['b']);
  });
});
