/**
 * Bangla numerals: converting digits both ways, formatting numbers for display and reading the
 * numbers a student types. Everything a user sees or types goes through here, so "১২.৫" and
 * "12.5" are always the same number.
 */

const BANGLA_ZERO = 0x09e6; // '০'
const BANGLA_DIGITS = '০১২৩৪৫৬৭৮৯';

/** Replaces ASCII digits by Bangla digits; everything else is left as it is. */
export function toBanglaDigits(input: string | number): string {
  return String(input).replace(/[0-9]/g, (d) => BANGLA_DIGITS[d.charCodeAt(0) - 48]!);
}

/** Replaces Bangla digits by ASCII digits; everything else is left as it is. */
export function toLatinDigits(input: string): string {
  return input.replace(/[০-৯]/g, (d) => String.fromCharCode(48 + d.charCodeAt(0) - BANGLA_ZERO));
}

export type DigitStyle = 'bn' | 'latin';
/**
 * 'international': 1,234,567. 'indian': the lakh/crore grouping used in Bangladesh and India,
 * 12,34,567 (three digits, then twos).
 */
export type Grouping = 'none' | 'international' | 'indian';

export interface FormatOptions {
  /** Default 'bn' (the app is Bangla first). */
  digits?: DigitStyle;
  /** Digits after the decimal point at most; trailing zeros are dropped. Default 6. */
  maxFractionDigits?: number;
  /** Default 'none', which matches how problem texts write their numbers ("১২২১৯৫"). */
  grouping?: Grouping;
}

/**
 * Formats a number for people: rounded to `maxFractionDigits`, no trailing zeros, no "-0",
 * optionally grouped, in Bangla or ASCII digits.
 */
export function formatNumber(value: number, options: FormatOptions = {}): string {
  const { digits = 'bn', maxFractionDigits = 6, grouping = 'none' } = options;
  let text: string;
  if (!Number.isFinite(value)) {
    text = Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  } else if (Math.abs(value) >= 1e21) {
    // toFixed switches to exponent notation here anyway; keep JavaScript's shortest form.
    text = String(value);
  } else {
    const fractionDigits = Math.max(0, Math.min(100, Math.floor(maxFractionDigits)));
    text = value.toFixed(fractionDigits);
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    if (/^-0(\.0*)?$/.test(text) || text === '-0') text = '0';
    if (grouping !== 'none') text = groupDigits(text, grouping);
  }
  return digits === 'bn' ? toBanglaDigits(text) : text;
}

function groupDigits(text: string, grouping: Exclude<Grouping, 'none'>): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, integer, fraction = ''] = match;
  return sign + groupInteger(integer!, grouping) + fraction;
}

function groupInteger(integer: string, grouping: Exclude<Grouping, 'none'>): string {
  if (integer.length <= 3) return integer;
  const last3 = integer.slice(-3);
  const head = integer.slice(0, -3);
  const size = grouping === 'indian' ? 2 : 3;
  const groups: string[] = [];
  for (let end = head.length; end > 0; end -= size) groups.unshift(head.slice(Math.max(0, end - size), end));
  return [...groups, last3].join(',');
}

// Digit groups a person may type: plain digits, international 1,234,567 or Indian 12,34,567.
const PLAIN = String.raw`\d+`;
const INTERNATIONAL = String.raw`\d{1,3}(?:,\d{3})+`;
const INDIAN = String.raw`\d{1,2}(?:,\d{2})*,\d{3}`;
const USER_NUMBER = new RegExp(
  String.raw`^([+\-−]?)(?:(${PLAIN}|${INTERNATIONAL}|${INDIAN})(?:\.(\d+))?|\.(\d+))$`,
);

/**
 * Reads a number typed by a person: ASCII or Bangla digits (mixed too), an optional sign
 * (+, -, or the minus sign −), a decimal point, and thousands separators in either the
 * international or the lakh/crore layout ("12,500", "১,২৫,০০০"). Surrounding spaces are allowed.
 * Returns null for anything else (empty text, letters, "1,2", "1.2.3"), never NaN.
 */
export function parseUserNumber(text: string): number | null {
  const latin = toLatinDigits(text.trim());
  const match = USER_NUMBER.exec(latin);
  if (!match) return null;
  const [, sign, integer, fraction, bareFraction] = match;
  const body = integer !== undefined
    ? integer.replace(/,/g, '') + (fraction !== undefined ? `.${fraction}` : '')
    : `0.${bareFraction}`;
  const value = Number(body);
  if (!Number.isFinite(value)) return null;
  return sign === '-' || sign === '−' ? -value : value;
}
