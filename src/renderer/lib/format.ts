/**
 * Display formatting that follows the user's settings: numbers in Bangla or ASCII digits, dates
 * in the chosen language, operation names as the symbols students know.
 */
import { formatNumber, toBanglaDigits } from '../../core/numerals.js';

export type DigitsStyle = 'bn' | 'latin';

export function fmtNumber(value: number | null | undefined, digits: DigitsStyle, fallback = '—'): string {
  if (value === null || value === undefined) return fallback;
  return formatNumber(value, { digits, maxFractionDigits: 4 });
}

/** A percentage (0–1 → "৮৩"), or the fallback when there is nothing to divide by. */
export function fmtPercent(ratio: number | null | undefined, digits: DigitsStyle, fallback = '—'): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return fallback;
  return formatNumber(Math.round(ratio * 100), { digits });
}

export function dateLocale(language: 'bn' | 'en', digits: DigitsStyle): string {
  const base = language === 'bn' ? 'bn-BD' : 'en-GB';
  return `${base}-u-nu-${digits === 'bn' ? 'beng' : 'latn'}`;
}

export function fmtDate(iso: string, language: 'bn' | 'en', digits: DigitsStyle, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(language, digits), {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

export function fmtBytes(bytes: number | null | undefined, digits: DigitsStyle): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, { digits, maxFractionDigits: value < 10 && unit > 0 ? 1 : 0 })} ${units[unit]}`;
}

/** Seconds as m:ss (or h:mm:ss) for download ETAs. */
export function fmtDuration(seconds: number | null | undefined, digits: DigitsStyle): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
  return digits === 'bn' ? toBanglaDigits(text) : text;
}

const SYMBOLS: Record<string, string> = {
  const: '#', identity: '=', add: '+', sub: '−', mul: '×', div: '÷', pow: '^', mod: 'mod',
  sum: 'Σ', mean: 'x̄', min: 'min', max: 'max', sqrt: '√', round: 'round', floor: '⌊ ⌋', ceil: '⌈ ⌉',
  abs: '| |', gcd: 'gcd', lcm: 'lcm',
};

/**
 * How an operation is shown on a node: its symbol when it is a known operation (after the engine
 * resolved aliases), else the model's own text, cut short (it is untrusted and may be long).
 */
export function opSymbol(op: string): string {
  const key = op.trim().toLowerCase();
  return SYMBOLS[key] ?? (key.length > 12 ? `${key.slice(0, 11)}…` : key);
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
