import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCalendarDate, parseCalendarDate } from '../calendar-date';
import { ZFilmTaxWaiverCreateInputSchema } from './film-tax-waivers';

const MOVIE = '01a22062-9bf7-7114-ac04-db29a7d15e6f';

/** Texts that look like dates, real or not: any year, month 0-13, day 0-32. */
const dateLike = fc
  .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('a waiver to record', () => {
  it('is taken exactly when both dates are real and the first is not after the last', () => {
    fc.assert(
      fc.property(dateLike, dateLike, (fromDate, toDate) => {
        const parsed = ZFilmTaxWaiverCreateInputSchema.safeParse({ movieId: MOVIE, stateCode: '29', fromDate, toDate });
        const real = parseCalendarDate(fromDate) !== null && parseCalendarDate(toDate) !== null;
        expect(parsed.success).toBe(real && fromDate <= toDate);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => i.path[0]);
          if (!parseCalendarDate(fromDate)) expect(fields).toContain('fromDate');
          if (!parseCalendarDate(toDate)) expect(fields).toContain('toDate');
          if (real) expect(parsed.error.issues[0]?.message).toBe('the last day cannot be before the first day');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('orders real dates as the calendar does (text order is date order)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        (a, b) => {
          const [ta, tb] = [a, b].map((d) =>
            formatCalendarDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }),
          );
          const sameDayOrder = Math.sign(
            Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate()) -
              Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate()),
          );
          expect(ta! < tb! ? -1 : ta! > tb! ? 1 : 0).toBe(sameDayOrder);
        },
      ),
    );
  });

  it('refuses a state not in use and a movie id that is no id', () => {
    const base = { movieId: MOVIE, stateCode: '29', fromDate: '2026-12-01', toDate: '2026-12-31' };
    expect(ZFilmTaxWaiverCreateInputSchema.safeParse(base).success).toBe(true);
    for (const bad of [{ stateCode: '28' }, { stateCode: '00' }, { movieId: 'starfall' }])
      expect(ZFilmTaxWaiverCreateInputSchema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
  });
});
