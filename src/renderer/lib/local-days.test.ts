import { describe, expect, it } from 'vitest';
import { lastLocalDayBefore, localDayEnd, localDayOf, localDayStart, localUtcOffsetMinutes, parseDay } from './local-days.js';

const DHAKA = 360; // UTC+6
const NEW_YORK = -300; // UTC-5 (standard time)

describe('local calendar days for the date filters', () => {
  it('starts a Dhaka day at 18:00 UTC the evening before, and ends it 24 hours later', () => {
    expect(localDayStart('2025-06-01', DHAKA)).toBe('2025-05-31T18:00:00.000Z');
    expect(localDayEnd('2025-06-01', DHAKA)).toBe('2025-06-01T18:00:00.000Z');
    expect(localDayStart('2025-06-01', NEW_YORK)).toBe('2025-06-01T05:00:00.000Z');
    expect(localDayStart('2025-06-01', 0)).toBe('2025-06-01T00:00:00.000Z');
  });

  it('files an attempt under the same local day as the store\'s statistics do', () => {
    // 2025-05-31 20:30 UTC is already 1 June 02:30 in Dhaka: a UTC-day filter would miss it.
    const attempt = '2025-05-31T20:30:00.000Z';
    expect(localDayOf(attempt, DHAKA)).toBe('2025-06-01');
    expect(attempt >= localDayStart('2025-06-01', DHAKA) && attempt < localDayEnd('2025-06-01', DHAKA)).toBe(true);
    expect(attempt < localDayEnd('2025-05-31', DHAKA)).toBe(false);
    // The store compares ISO strings; one without milliseconds still sorts correctly at the edge.
    expect('2025-05-31T18:00:00Z' >= localDayStart('2025-06-01', DHAKA)).toBe(true);
    expect('2025-06-01T18:00:00Z' < localDayEnd('2025-06-01', DHAKA)).toBe(false);
  });

  it('turns the filter\'s instants back into the days shown in the boxes', () => {
    for (const offset of [DHAKA, NEW_YORK, 0, 345, -570]) {
      expect(localDayOf(localDayStart('2024-02-29', offset), offset)).toBe('2024-02-29');
      expect(lastLocalDayBefore(localDayEnd('2024-12-31', offset), offset)).toBe('2024-12-31');
    }
  });

  it('reads days typed in Bangla or ASCII digits and refuses days that do not exist', () => {
    expect(parseDay('২০২৫-০৬-০১')).toBe('2025-06-01');
    expect(parseDay(' 2025-6-1 ')).toBe('2025-06-01');
    expect(parseDay('২০২৪/০২/২৯')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-13-01')).toBeNull();
    expect(parseDay('01-06-2025')).toBeNull();
    expect(parseDay('kal')).toBeNull();
  });

  it('uses this computer\'s offset the way the store does by default', () => {
    const now = new Date();
    expect(localUtcOffsetMinutes(now)).toBe(-now.getTimezoneOffset());
  });
});
