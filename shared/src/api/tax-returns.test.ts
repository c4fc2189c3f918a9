import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indiaDate } from '../tax-invoice';
import { parseReturnMonth, returnMonthBounds, ZTaxReturnsInputSchema } from './tax-returns';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('the return month', () => {
  it('takes every month from July 2017 written YYYY-MM, and covers it in India time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2017, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        fc.pre(year > 2017 || month >= 7);
        const text = `${pad(year, 4)}-${pad(month, 2)}`;
        expect(parseReturnMonth(text)).toEqual({ ok: true, year, month });
        expect(ZTaxReturnsInputSchema.safeParse({ month: text }).success).toBe(true);
        const { from, to } = returnMonthBounds(text);
        // The first instant is the 1st in India, the last one before `to` the month's last day.
        expect(indiaDate(from)).toBe(`${text}-01`);
        expect(indiaDate(new Date(from.getTime() - 1)).slice(0, 7)).not.toBe(text);
        expect(indiaDate(new Date(to.getTime() - 1)).slice(0, 7)).toBe(text);
        expect(indiaDate(to).slice(8)).toBe('01');
      }),
    );
  });

  it('refuses any text that is not a month, with a message saying how to write one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        fc.pre(!/^\d{4}-(0[1-9]|1[0-2])$/.test(text));
        const p = parseReturnMonth(text);
        expect(p.ok).toBe(false);
        const parsed = ZTaxReturnsInputSchema.safeParse({ month: text });
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues[0]!.message).toMatch(/^must /);
      }),
    );
  });

  it('refuses month 00 and 13 to 99, and months before GST', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2017, max: 9999 }),
        fc.constantFrom(0, ...Array.from({ length: 87 }, (_, i) => i + 13)),
        (year, month) => {
          const p = parseReturnMonth(`${year}-${pad(month, 2)}`);
          expect(p).toMatchObject({ ok: false, problem: 'month' });
        },
      ),
    );
    expect(parseReturnMonth('2017-06')).toMatchObject({ ok: false, problem: 'before-gst' });
    expect(parseReturnMonth('1999-12')).toMatchObject({ ok: false, problem: 'before-gst' });
    expect(parseReturnMonth('2026-1')).toMatchObject({ ok: false, problem: 'format' });
    expect(parseReturnMonth(' 2026-11')).toMatchObject({ ok: false, problem: 'format' });
    expect(ZTaxReturnsInputSchema.safeParse({ month: '2026-11', extra: 1 }).success).toBe(false);
  });

  it('runs December into January of the next year', () => {
    expect(returnMonthBounds('2026-12')).toEqual({
      from: new Date('2026-11-30T18:30:00.000Z'),
      to: new Date('2026-12-31T18:30:00.000Z'),
    });
    expect(returnMonthBounds('2027-03').to.toISOString()).toBe('2027-03-31T18:30:00.000Z');
  });
});
