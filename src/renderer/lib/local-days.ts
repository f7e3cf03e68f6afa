/**
 * Date filters by the learner's local calendar day. The store keeps instants in UTC
 * (`created_at`, ISO with Z) and files an attempt under the day of `created_at` shifted by the
 * learner's UTC offset (stats: `utcOffsetMinutes`, by default `-now.getTimezoneOffset()`). A filter
 * "from day D to day E" therefore means the instants from D's local midnight up to (not including)
 * the local midnight after E, given here as UTC ISO instants for the contract's `from`/`to`.
 *
 * Typed dates may use Bangla or ASCII digits ("২০২৫-০৬-০১", "2025-6-1"); anything else is null.
 */
import { toLatinDigits } from '../../core/numerals.js';

const DAY_MS = 86_400_000;

/** The offset the store's statistics use by default: this computer's, as minutes east of UTC. */
export function localUtcOffsetMinutes(now: Date = new Date()): number {
  return -now.getTimezoneOffset();
}

/** "YYYY-MM-DD" (Bangla or ASCII digits, one- or two-digit month/day) → "YYYY-MM-DD", or null if no such day. */
export function parseDay(text: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(toLatinDigits(text.trim()));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-02-30 over to March: such a day does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The UTC instant at which local day `day` (YYYY-MM-DD) begins. */
export function localDayStart(day: string, offsetMinutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000).toISOString();
}

/** The UTC instant at which the local day after `day` begins: the exclusive end of "up to `day`". */
export function localDayEnd(day: string, offsetMinutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - offsetMinutes * 60_000).toISOString();
}

/** The local day (YYYY-MM-DD) an instant falls on: the store's own rule (rollups.ts). */
export function localDayOf(instant: string, offsetMinutes: number): string {
  return new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Inverse of localDayEnd: the last local day included by an exclusive end instant. */
export function lastLocalDayBefore(end: string, offsetMinutes: number): string {
  return localDayOf(new Date(Date.parse(end) - 1).toISOString(), offsetMinutes);
}
