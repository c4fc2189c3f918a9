import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  daysInMonth,
  formatCalendarDate,
  formatDayMonthYear,
  parseCalendarDate,
} from './calendar-date';

/** What JavaScript's own calendar says of a day: whether it exists (no rolling over). */
function existsByDate(year: number, month: number, day: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('parseCalendarDate', () => {
  it('accepts exactly the days that exist, for any year, month and day in the format', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const parsed = parseCalendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
          const exists = month >= 1 && month <= 12 && day >= 1 && existsByDate(year, month, day);
          expect(parsed).toEqual(exists ? { year, month, day } : null);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('round-trips every valid date through formatCalendarDate', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const text = d.toISOString().slice(0, 10);
          const parsed = parseCalendarDate(text);
          expect(parsed).not.toBeNull();
          expect(formatCalendarDate(parsed!)).toBe(text);
        },
      ),
    );
  });

  it('refuses any text not of the form YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) expect(parseCalendarDate(s)).toBeNull();
      }),
    );
    for (const bad of [
      '2026-2-1',
      '2026-02-30',
      '2027-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '0000-01-01',
      ' 2026-01-01',
      '2026-01-01T00:00',
      '２０２６-01-01',
    ])
      expect(parseCalendarDate(bad), bad).toBeNull();
    expect(parseCalendarDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });
});

describe('addCalendarDays and formatDayMonthYear', () => {
  it('steps over month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('a step forward and back returns to the same date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -4000, max: 4000 }),
        (d, n) => {
          const text = d.toISOString().slice(0, 10);
          expect(addCalendarDays(addCalendarDays(text, n), -n)).toBe(text);
        },
      ),
    );
  });

  it('reads as the dashboard shows a date', () => {
    expect(formatDayMonthYear('2026-12-01')).toBe('1 Dec 2026');
    expect(formatDayMonthYear('2026-12-31')).toBe('31 Dec 2026');
  });
});
