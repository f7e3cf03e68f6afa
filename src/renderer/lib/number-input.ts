/**
 * What a number box holds, read the same way the main process reads it (core's parseUserNumber:
 * Bangla or ASCII digits, sign, decimal point, international or lakh grouping). The text itself
 * is never changed: an unreadable entry stays in the box with a message, so nothing typed is lost.
 */
import { parseUserNumber } from '../../core/numerals.js';

export type NumberEntry =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'invalid'; text: string };

export function readNumberEntry(text: string): NumberEntry {
  if (text.trim() === '') return { kind: 'empty' };
  const value = parseUserNumber(text);
  return value === null ? { kind: 'invalid', text: text.trim() } : { kind: 'number', value };
}
