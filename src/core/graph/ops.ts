/**
 * The operations a DAGGER graph may use: names and aliases, how many arguments each takes, and
 * their arithmetic, which copies Python's (the paper's reference executor is Python 3.12+, see
 * ../shared/dagger/FORMAT.md). Pure functions; no graph knowledge here.
 */
import { OPERATIONS, type Operation } from './types.js';

export { OPERATIONS };
export type { Operation };

/** Every alias the reference executor accepts, mapped to its canonical operation. */
export const OPERATION_ALIASES: Readonly<Record<string, Operation>> = {
  const: 'const', constant: 'const', value: 'const',
  add: 'add', addition: 'add', plus: 'add',
  sum: 'sum',
  sub: 'sub', subtract: 'sub', minus: 'sub', subtraction: 'sub',
  mul: 'mul', multiply: 'mul', mult: 'mul', product: 'mul', times: 'mul',
  div: 'div', divide: 'div', division: 'div',
  mean: 'mean', average: 'mean', avg: 'mean',
  min: 'min', minimum: 'min',
  max: 'max', maximum: 'max',
  sqrt: 'sqrt', square_root: 'sqrt',
  pow: 'pow', power: 'pow', exponent: 'pow',
  round: 'round', rounding: 'round',
  floor: 'floor',
  ceil: 'ceil', ceiling: 'ceil',
  abs: 'abs', absolute: 'abs',
  mod: 'mod', modulo: 'mod', remainder: 'mod',
  gcd: 'gcd', lcm: 'lcm',
  identity: 'identity', id: 'identity', pass: 'identity',
};

/**
 * The canonical operation for a name as the model wrote it (case-insensitive, trimmed, aliases
 * resolved), or null when the reference would not know it (e.g. `ratio_split`).
 */
export function canonicalOp(name: string): Operation | null {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(OPERATION_ALIASES, key) ? OPERATION_ALIASES[key]! : null;
}

export interface Arity {
  min: number;
  /** Infinity for variadic operations. */
  max: number;
  /**
   * How many arguments the reference actually evaluates: `identity`, `sqrt`, `round`, `floor`
   * and `ceil` look at their first argument only and silently ignore the rest.
   */
  uses: 'all' | 'first';
}

export const ARITY: Readonly<Record<Operation, Arity>> = {
  const: { min: 0, max: Infinity, uses: 'all' }, // args are ignored; needs `val` instead
  identity: { min: 1, max: 1, uses: 'first' },
  add: { min: 2, max: Infinity, uses: 'all' },
  mul: { min: 2, max: Infinity, uses: 'all' },
  sub: { min: 2, max: 2, uses: 'all' },
  div: { min: 2, max: 2, uses: 'all' },
  pow: { min: 2, max: 2, uses: 'all' },
  mod: { min: 2, max: 2, uses: 'all' },
  sum: { min: 1, max: Infinity, uses: 'all' },
  mean: { min: 1, max: Infinity, uses: 'all' },
  min: { min: 1, max: Infinity, uses: 'all' },
  max: { min: 1, max: Infinity, uses: 'all' },
  sqrt: { min: 1, max: 1, uses: 'first' },
  round: { min: 1, max: 1, uses: 'first' },
  floor: { min: 1, max: 1, uses: 'first' },
  ceil: { min: 1, max: 1, uses: 'first' },
  abs: { min: 1, max: 2, uses: 'all' },
  gcd: { min: 2, max: Infinity, uses: 'all' },
  lcm: { min: 2, max: Infinity, uses: 'all' },
};

/**
 * A value as Python holds it: a float, or an int (round/floor/ceil/gcd/lcm return ints, and ints
 * stay ints through +, −, ×, min, max…). The distinction matters in two places only: Python's
 * `sum()` adds ints exactly and floats with compensation, and `int ** negative` turns into a float.
 * Ints beyond 2^53 lose precision here, where Python's are exact; answers never get that large.
 */
export interface PyNum {
  value: number;
  isInt: boolean;
}

export type OpFailure = 'DIV_BY_ZERO' | 'DOMAIN' | 'NON_FINITE';

/** An operation that cannot produce a value, with the reason in English. */
export class OpError extends Error {
  constructor(readonly code: OpFailure, message: string) {
    super(message);
  }
}

const float = (value: number): PyNum => ({ value, isInt: false });
const int = (value: number): PyNum => ({ value: value + 0, isInt: true }); // + 0 turns -0 into 0

/** Division and modulo fail below this magnitude, as in the reference. */
export const ZERO_DIVISOR = 1e-10;

/**
 * Python's `sum()` (3.12+): ints are added exactly while the sum is still an int; from the first
 * float on, floats are added with Neumaier compensation and ints plainly; the compensation is
 * added at the end when it is finite.
 */
export function pySum(items: PyNum[]): PyNum {
  let i = 0;
  let intSum = 0;
  for (; i < items.length && items[i]!.isInt; i++) intSum += items[i]!.value;
  if (i === items.length) return int(intSum);
  let total = intSum + items[i]!.value;
  let compensation = 0;
  for (i++; i < items.length; i++) {
    const x = items[i]!;
    if (x.isInt) {
      total += x.value;
      continue;
    }
    const t = total + x.value;
    compensation += Math.abs(total) >= Math.abs(x.value) ? total - t + x.value : x.value - t + total;
    total = t;
  }
  if (compensation !== 0 && Number.isFinite(compensation)) total += compensation;
  return float(total);
}

/** Python's `round(x)` on a float: to the nearest integer, halves to the even neighbour. */
export function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for every double
  if (diff < 0.5) return floor + 0;
  if (diff > 0.5) return floor + 1;
  return (floor % 2 === 0 ? floor : floor + 1) + 0;
}

/** Python's float `%`: the result takes the sign of the divisor (floored modulo). */
export function pyMod(x: number, y: number): number {
  const r = x % y;
  if (r !== 0) return (y < 0) !== (r < 0) ? r + y : r;
  return y < 0 ? -0 : 0;
}

/** Python's `int(x)` on a float: truncation toward zero, refusing inf and NaN. */
function pyInt(x: number, op: string): bigint {
  if (!Number.isFinite(x)) throw new OpError('NON_FINITE', `${op} cannot turn ${x} into an integer`);
  return BigInt(Math.trunc(x));
}

function bigGcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function requireFinite(x: number, op: string): void {
  if (!Number.isFinite(x)) throw new OpError('NON_FINITE', `${op} of ${x} has no integer value`);
}

/**
 * Applies a canonical operation to already-evaluated arguments, exactly as the reference does.
 * `args` are the arguments the operation uses (the first one only for identity/sqrt/round/…),
 * already checked against ARITY. `const` is not handled here (it has no arguments).
 * Throws OpError when Python would raise (or would leave the real numbers, e.g. a complex power).
 */
export function applyOp(op: Exclude<Operation, 'const'>, args: PyNum[]): PyNum {
  const a = args[0]!;
  const b = args[1]!;
  switch (op) {
    case 'identity':
      return a;
    case 'add':
    case 'sum':
      return pySum(args);
    case 'mean': {
      const total = pySum(args);
      return float(total.value / args.length);
    }
    case 'sub':
      return { value: a.value - b.value, isInt: a.isInt && b.isInt };
    case 'mul': {
      // Python starts from the int 1, so an all-int product stays an int.
      let product = 1;
      for (const x of args) product *= x.value;
      return { value: product, isInt: args.every((x) => x.isInt) };
    }
    case 'div':
      if (Math.abs(b.value) < ZERO_DIVISOR) throw new OpError('DIV_BY_ZERO', `division by ${b.value}`);
      return float(a.value / b.value);
    case 'mod':
      if (Math.abs(b.value) < ZERO_DIVISOR) throw new OpError('DIV_BY_ZERO', `modulo by ${b.value}`);
      return a.isInt && b.isInt ? int(pyMod(a.value, b.value)) : float(pyMod(a.value, b.value));
    case 'pow':
      return pyPow(a, b);
    case 'min':
    case 'max': {
      // Python keeps the first of equal items and replaces only on a strict comparison.
      let best = a;
      for (const x of args.slice(1)) if (op === 'min' ? x.value < best.value : x.value > best.value) best = x;
      return best;
    }
    case 'sqrt':
      if (a.value < 0) throw new OpError('DOMAIN', `square root of the negative number ${a.value}`);
      return float(Math.sqrt(a.value));
    case 'round':
      if (a.isInt) return a;
      requireFinite(a.value, 'round');
      return int(pyRound(a.value));
    case 'floor':
      requireFinite(a.value, 'floor');
      return int(Math.floor(a.value));
    case 'ceil':
      requireFinite(a.value, 'ceil');
      return int(Math.ceil(a.value));
    case 'abs':
      return args.length === 1
        ? { value: Math.abs(a.value), isInt: a.isInt }
        : { value: Math.abs(a.value - b.value), isInt: a.isInt && b.isInt };
    case 'gcd': {
      const values = args.map((x) => pyInt(x.value, 'gcd'));
      let result = values[0]!;
      for (const v of values.slice(1)) result = bigGcd(result, v);
      return int(Number(result));
    }
    case 'lcm': {
      const values = args.map((x) => pyInt(x.value, 'lcm'));
      let result = values[0]!;
      for (const v of values.slice(1)) {
        const divisor = bigGcd(result, v);
        // Python: abs(result * v) // gcd(result, v) raises ZeroDivisionError when both are 0.
        if (divisor === 0n) throw new OpError('DIV_BY_ZERO', 'lcm of 0 and 0 divides by zero');
        const product = result * v;
        result = (product < 0n ? -product : product) / divisor;
      }
      return int(Number(result));
    }
  }
}

/** Python's `**` on the two number kinds, with its three ways of failing. */
function pyPow(base: PyNum, exponent: PyNum): PyNum {
  const x = base.value;
  const y = exponent.value;
  if (x === 0 && y < 0) throw new OpError('DIV_BY_ZERO', `0 to the negative power ${y}`);
  if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y)) {
    // Python returns a complex number here, which the reference cannot use as an answer.
    throw new OpError('DOMAIN', `${x} to the fractional power ${y} is not a real number`);
  }
  const value = x ** y;
  const isInt = base.isInt && exponent.isInt && y >= 0;
  // Python floats raise OverflowError where the result leaves the doubles from finite inputs.
  if (!isInt && !Number.isFinite(value) && Number.isFinite(x) && Number.isFinite(y)) {
    throw new OpError('NON_FINITE', `${x} to the power ${y} is too large`);
  }
  // JavaScript's 1 ** NaN and (-1) ** ±Infinity are NaN; Python's are 1.
  if (Number.isNaN(value) && (x === 1 || (x === -1 && !Number.isNaN(y)))) return { value: 1, isInt };
  return { value, isInt };
}

const PY_DIGITS = String.raw`\d(?:_?\d)*`;
const PY_FLOAT = new RegExp(
  String.raw`^[+-]?(?:(?:${PY_DIGITS}(?:\.(?:${PY_DIGITS})?)?|\.${PY_DIGITS})(?:[eE][+-]?${PY_DIGITS})?)$`,
);

/**
 * Python's `float(text)` for a string: surrounding spaces, a sign, digits (ASCII or Bangla),
 * underscores between digits, a decimal point, an exponent, or inf/infinity/nan.
 * Returns null where Python would raise ValueError.
 */
export function pyFloat(text: string): number | null {
  const s = text.trim().replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
  if (PY_FLOAT.test(s)) return Number(s.replace(/_/g, ''));
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (!special) return null;
  if (special[2]!.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/**
 * A `const` node's `val` as the reference reads it: a number as is; a string by its leading
 * digits (`"১২টি"` → 12, `"45.6 টাকা"` → 45.6), else as Python's float() of the whole string
 * (`"-3"` → −3). Returns null when it is not a number at all.
 */
export function readConstValue(val: number | string): number | null {
  if (typeof val === 'number') return val;
  const leading = /^([0-9০-৯]+\.?[0-9০-৯]*)/.exec(val);
  if (leading) return pyFloat(leading[1]!);
  return pyFloat(val);
}
