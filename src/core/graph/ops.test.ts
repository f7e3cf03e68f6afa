/**
 * Every operation and alias, and the corners where Python's arithmetic differs from JavaScript's.
 * Expected values are Python's (3.12+, as the reference executor requires).
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../index.js';
import { applyOp, canonicalOp, OPERATION_ALIASES, pyFloat, pyMod, pyRound, pySum, readConstValue, type PyNum } from './ops.js';
import { OPERATIONS, type Graph, type GraphNode } from './types.js';

const f = (value: number): PyNum => ({ value, isInt: false });
const i = (value: number): PyNum => ({ value, isInt: true });

/** A graph computing `op` over constant inputs, with final_result pointing at it. */
function graphOf(op: string, inputs: Array<number | string>): Graph {
  const nodes: GraphNode[] = inputs.map((val, k) => ({ id: `c${k}`, op: 'const', val, args: [], distractor: false }));
  nodes.push({ id: 'x', op, args: inputs.map((_, k) => `c${k}`), distractor: false });
  nodes.push({ id: 'final_result', op: 'identity', args: ['x'], distractor: false });
  return { nodes };
}
const answerOf = (op: string, ...inputs: Array<number | string>) => analyse(graphOf(op, inputs)).answer;

describe('operation names', () => {
  it('maps every alias of the reference, case-insensitively and trimmed', () => {
    const expected: Record<string, string> = {
      constant: 'const', value: 'const', addition: 'add', plus: 'add', subtract: 'sub', minus: 'sub',
      subtraction: 'sub', multiply: 'mul', mult: 'mul', product: 'mul', times: 'mul', divide: 'div',
      division: 'div', average: 'mean', avg: 'mean', minimum: 'min', maximum: 'max', square_root: 'sqrt',
      power: 'pow', exponent: 'pow', rounding: 'round', ceiling: 'ceil', absolute: 'abs', modulo: 'mod',
      remainder: 'mod', id: 'identity', pass: 'identity',
    };
    for (const [alias, op] of Object.entries(expected)) {
      expect(canonicalOp(alias)).toBe(op);
      expect(canonicalOp(`  ${alias.toUpperCase()} `)).toBe(op);
    }
    for (const op of OPERATIONS) expect(canonicalOp(op)).toBe(op);
    expect(Object.keys(OPERATION_ALIASES)).toHaveLength(OPERATIONS.length + Object.keys(expected).length);
  });
  it('does not know ratio_split or anything else', () => {
    expect(canonicalOp('ratio_split')).toBeNull();
    expect(canonicalOp('divide_by')).toBeNull();
    expect(canonicalOp('toString')).toBeNull(); // not an inherited property of the table
  });
  it('computes the same through an alias as through the canonical name', () => {
    expect(answerOf('Multiply', 6, 7)).toBe(42);
    expect(answerOf('AVERAGE', 1, 2, 6)).toBe(3);
    expect(answerOf(' remainder ', 7, 3)).toBe(1);
    expect(answerOf('square_root', 81)).toBe(9);
    expect(answerOf('Ceiling', 2.1)).toBe(3);
    expect(answerOf('pass', 5)).toBe(5);
  });
});

describe('every operation', () => {
  it.each([
    ['identity', [7], 7], ['add', [1, 2, 3.5], 6.5], ['sub', [30, 2], 28], ['mul', [2, 3, 4], 24],
    ['div', [7, 2], 3.5], ['pow', [2, 10], 1024], ['mod', [17, 5], 2], ['sum', [4], 4], ['sum', [1, 2, 3], 6],
    ['mean', [2, 4, 9], 5], ['min', [5, -1, 3], -1], ['max', [5, -1, 3], 5], ['sqrt', [2.25], 1.5],
    ['round', [2.6], 3], ['floor', [-2.5], -3], ['ceil', [-2.5], -2], ['abs', [-4], 4], ['abs', [3, 10], 7],
    ['gcd', [12, 18, 8], 2], ['lcm', [4, 6, 10], 60],
  ] as Array<[string, number[], number]>)('%s%j = %d', (op, inputs, expected) => {
    expect(answerOf(op, ...inputs)).toBe(expected);
  });
  it('reads const values in Bangla digits and with trailing words', () => {
    expect(answerOf('add', '১২টি', '৪৫.৬ টাকা')).toBeCloseTo(57.6, 12);
    expect(readConstValue('১২টি')).toBe(12);
    expect(readConstValue('12.')).toBe(12);
    expect(readConstValue('-3')).toBe(-3); // no leading digit: Python float() of the whole string
    expect(readConstValue(' 7 ')).toBe(7);
    expect(readConstValue('1e3')).toBe(1); // the reference's leading-digits rule wins
    expect(readConstValue('twelve')).toBeNull();
  });
  it('accepts numeric-literal arguments, as numbers or strings', () => {
    const graph: Graph = { nodes: [
      { id: 'a', op: 'const', val: 10, args: [], distractor: false },
      { id: 'b', op: 'mul', args: ['a', 2, ' ৩ ', '1e1'], distractor: false },
      { id: 'final_result', op: 'identity', args: ['b'], distractor: false },
    ] };
    expect(analyse(graph).answer).toBe(600);
  });
});

describe('Python semantics', () => {
  it('rounds halves to even', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.675, 2.4999999999999996].map(pyRound)).toEqual([0, 2, 2, 4, 0, -2, -2, 3, 2]);
    expect(Object.is(pyRound(-0.4), 0)).toBe(true); // Python ints have no -0
    expect(answerOf('round', 2.5)).toBe(2);
  });
  it('takes modulo with the sign of the divisor', () => {
    expect(pyMod(-7, 3)).toBe(2);
    expect(pyMod(7, -3)).toBe(-2);
    expect(pyMod(-7.5, 2)).toBe(0.5);
    expect(pyMod(5, Infinity)).toBe(5);
    expect(pyMod(-5, Infinity)).toBe(Infinity);
    expect(answerOf('mod', -7, 3)).toBe(2);
  });
  it('fails division and modulo by |x| < 1e-10 but not by 1e-10 itself', () => {
    expect(() => applyOp('div', [f(1), f(5e-11)])).toThrow(/division/);
    expect(() => applyOp('mod', [f(1), f(-0)])).toThrow(/modulo/);
    expect(applyOp('div', [f(1), f(1e-10)]).value).toBeCloseTo(1e10);
  });
  it('truncates gcd/lcm inputs to integers', () => {
    expect(answerOf('gcd', 12.9, -18.2)).toBe(6);
    expect(answerOf('lcm', 4.7, -6.2)).toBe(12);
    expect(answerOf('gcd', 0, 0)).toBe(0);
    expect(answerOf('lcm', 0, 5)).toBe(0);
    expect(applyOp('gcd', [f(2 ** 60), f(2 ** 61)]).value).toBe(2 ** 60); // exact beyond 2^53
  });
  it('fails where Python raises or leaves the real numbers', () => {
    expect(() => applyOp('sqrt', [f(-1)])).toThrow(expect.objectContaining({ code: 'DOMAIN' }));
    expect(() => applyOp('pow', [f(-8), f(1 / 3)])).toThrow(expect.objectContaining({ code: 'DOMAIN' }));
    expect(() => applyOp('pow', [f(0), f(-1)])).toThrow(expect.objectContaining({ code: 'DIV_BY_ZERO' }));
    expect(() => applyOp('pow', [f(10), f(400)])).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => applyOp('lcm', [f(0), f(0)])).toThrow(expect.objectContaining({ code: 'DIV_BY_ZERO' }));
    expect(() => applyOp('floor', [f(Infinity)])).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => applyOp('round', [f(NaN)])).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => applyOp('gcd', [f(Infinity), f(2)])).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
  });
  it('keeps pow results Python gives', () => {
    expect(applyOp('pow', [f(-8), f(3)]).value).toBe(-512);
    expect(applyOp('pow', [f(1), f(NaN)]).value).toBe(1);
    expect(applyOp('pow', [f(-1), f(Infinity)]).value).toBe(1);
    expect(applyOp('pow', [i(2), i(-1)])).toEqual({ value: 0.5, isInt: false });
  });
  it('sums floats like Python 3.12 (Neumaier compensation) and ints exactly', () => {
    expect(pySum(Array.from({ length: 10 }, () => f(0.1))).value).toBe(1);
    expect(pySum([f(1e16), f(1), f(-1e16)]).value).toBe(1);
    expect(pySum([f(0.1), f(0.2), f(0.3)]).value).toBe(0.6);
    expect(pySum([i(2), i(3)])).toEqual({ value: 5, isInt: true });
    expect(answerOf('add', 0.1, 0.2)).toBe(0.30000000000000004); // two terms: one rounding, as in Python
    expect(answerOf('mean', 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)).toBe(0.1);
  });
  it('keeps the first of equal items in min and max', () => {
    expect(Object.is(applyOp('min', [f(0), f(-0)]).value, 0)).toBe(true);
    expect(Object.is(applyOp('max', [f(-0), f(0)]).value, -0)).toBe(true);
  });
  it("reads strings like Python's float()", () => {
    expect(pyFloat(' 1_000.5 ')).toBe(1000.5);
    expect(pyFloat('১২.৫')).toBe(12.5);
    expect(pyFloat('-inf')).toBe(-Infinity);
    expect(pyFloat('1e3')).toBe(1000);
    expect(pyFloat('.5')).toBe(0.5);
    expect(pyFloat('5.')).toBe(5);
    expect(pyFloat('1__0')).toBeNull();
    expect(pyFloat('n1')).toBeNull();
    expect(pyFloat('')).toBeNull();
  });
});
