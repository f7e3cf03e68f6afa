import { describe, expect, it } from 'vitest';
import { readNumberEntry } from './number-input.js';

describe('readNumberEntry', () => {
  it('reads Bangla, ASCII and mixed digits, signs, decimals and grouping like the main process', () => {
    expect(readNumberEntry('২৮')).toEqual({ kind: 'number', value: 28 });
    expect(readNumberEntry(' 28 ')).toEqual({ kind: 'number', value: 28 });
    expect(readNumberEntry('১২.৫')).toEqual({ kind: 'number', value: 12.5 });
    expect(readNumberEntry('-৩')).toEqual({ kind: 'number', value: -3 });
    expect(readNumberEntry('১,২৫,০০০')).toEqual({ kind: 'number', value: 125000 });
    expect(readNumberEntry('1২')).toEqual({ kind: 'number', value: 12 });
  });

  it('says empty for blank text', () => {
    expect(readNumberEntry('')).toEqual({ kind: 'empty' });
    expect(readNumberEntry('   ')).toEqual({ kind: 'empty' });
  });

  it('keeps unreadable text (trimmed) for the message instead of guessing', () => {
    expect(readNumberEntry('২৮টি')).toEqual({ kind: 'invalid', text: '২৮টি' });
    expect(readNumberEntry(' twelve ')).toEqual({ kind: 'invalid', text: 'twelve' });
    expect(readNumberEntry('1.2.3')).toEqual({ kind: 'invalid', text: '1.2.3' });
  });
});
