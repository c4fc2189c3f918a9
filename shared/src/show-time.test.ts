// The cinema's clock as a spreadsheet reads it: 24-hour, zero-padded, whatever the device's zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cinemaDate, cinemaDateTime } from './show-time';

describe('cinemaDateTime', () => {
  it('writes an instant on the named clock', () => {
    expect(cinemaDateTime(new Date('2026-11-28T04:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-28 10:00');
    expect(cinemaDateTime(new Date('2026-11-27T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-28 00:00');
    expect(cinemaDateTime(new Date('2026-11-28T04:30:00Z'), 'Asia/Kathmandu')).toBe('2026-11-28 10:15');
    expect(cinemaDateTime(new Date('2026-11-28T23:59:00Z'), 'UTC')).toBe('2026-11-28 23:59');
  });

  it("always starts with the cinema's date, and has a 24-hour time", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('Asia/Kolkata', 'Asia/Kathmandu', 'Europe/London', 'America/New_York'),
        (at, zone) => {
          const text = cinemaDateTime(at, zone);
          expect(text).toMatch(/^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/);
          expect(text.slice(0, 10)).toBe(cinemaDate(at, zone));
        },
      ),
    );
  });
});
