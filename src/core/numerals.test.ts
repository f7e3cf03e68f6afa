import { describe, expect, it } from 'vitest';
import { formatNumber, parseUserNumber, toBanglaDigits, toLatinDigits } from './numerals.js';

describe('digits', () => {
  it('converts both ways and leaves other characters alone', () => {
    expect(toBanglaDigits('12.50 টাকা')).toBe('১২.৫০ টাকা');
    expect(toBanglaDigits(1234567890)).toBe('১২৩৪৫৬৭৮৯০');
    expect(toLatinDigits('১২,৫০০ টি')).toBe('12,500 টি');
    expect(toLatinDigits(toBanglaDigits('0123456789'))).toBe('0123456789');
  });
});

describe('formatNumber', () => {
  it('uses Bangla digits by default and drops trailing zeros', () => {
    expect(formatNumber(5572092)).toBe('৫৫৭২০৯২');
    expect(formatNumber(45.6)).toBe('৪৫.৬');
    expect(formatNumber(2.5, { digits: 'latin' })).toBe('2.5');
    expect(formatNumber(0.1 + 0.2, { digits: 'latin' })).toBe('0.3');
  });
  it('rounds to maxFractionDigits and never prints -0', () => {
    expect(formatNumber(1 / 3, { digits: 'latin', maxFractionDigits: 2 })).toBe('0.33');
    expect(formatNumber(2 / 3, { maxFractionDigits: 0 })).toBe('১');
    expect(formatNumber(-0.0001, { digits: 'latin', maxFractionDigits: 2 })).toBe('0');
    expect(formatNumber(-0, { digits: 'latin' })).toBe('0');
    expect(formatNumber(-3.5, { digits: 'latin' })).toBe('-3.5');
  });
  it('groups digits the international or the lakh/crore way', () => {
    expect(formatNumber(1234567.25, { digits: 'latin', grouping: 'international' })).toBe('1,234,567.25');
    expect(formatNumber(1234567.25, { digits: 'latin', grouping: 'indian' })).toBe('12,34,567.25');
    expect(formatNumber(123456789, { grouping: 'indian' })).toBe('১২,৩৪,৫৬,৭৮৯');
    expect(formatNumber(-12500, { digits: 'latin', grouping: 'indian' })).toBe('-12,500');
    expect(formatNumber(999, { digits: 'latin', grouping: 'international' })).toBe('999');
  });
  it('writes huge and non-finite numbers without crashing', () => {
    expect(formatNumber(1e21, { digits: 'latin' })).toBe('1e+21');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(NaN)).toBe('NaN');
  });
});

describe('parseUserNumber', () => {
  it.each([
    ['১২.৫', 12.5], ['12,500', 12500], ['১২,৫০০', 12500], ['-৩', -3], ['−৩', -3], ['+7', 7],
    ['1,25,000', 125000], ['১,২৫,০০০.৫', 125000.5], ['  42 ', 42], ['.5', 0.5], ['০', 0], ['1,234,567', 1234567],
    ['১2', 12],
  ])('reads %s as %d', (text, value) => {
    expect(parseUserNumber(text)).toBe(value);
  });
  it.each(['', '   ', 'abc', '১২টি', '1,2', '12,50', '1.2.3', '--3', '1e5', '12.', ',500', 'NaN', 'Infinity', '১ ২'])(
    'rejects %j', (text) => {
      expect(parseUserNumber(text)).toBeNull();
    });
  it('round-trips every formatted number', () => {
    for (const value of [0, 1, -1, 45.6, 5572092, 0.125, -98765.4321]) {
      for (const grouping of ['none', 'international', 'indian'] as const) {
        expect(parseUserNumber(formatNumber(value, { grouping }))).toBe(value);
      }
    }
  });
});
