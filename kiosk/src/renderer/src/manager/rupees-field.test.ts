import { MAX_CASH_PAISE } from '@marquee/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typedRupees } from './rupees-field';

describe('typedRupees', () => {
  it('reads rupees and paise as typed at the counter', () => {
    expect(typedRupees('500')).toBe(50_000);
    expect(typedRupees(' 99.5 ')).toBe(9_950);
    expect(typedRupees('0.05')).toBe(5);
    expect(typedRupees('1000000')).toBe(MAX_CASH_PAISE);
  });

  it('refuses what is not an amount a drawer holds', () => {
    for (const bad of ['', '-5', '1e3', '12.345', '₹500', '5,00', '1000000.01', '.5', 'abc'])
      expect(typedRupees(bad)).toBeNull();
  });

  it('gives back any whole number of paise up to the most a drawer holds, written as rupees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CASH_PAISE }), (paise) => {
        expect(typedRupees((paise / 100).toFixed(2))).toBe(paise);
        if (paise % 100 === 0) expect(typedRupees(String(paise / 100))).toBe(paise);
      }),
    );
  });

  it('is never negative, fractional or over the limit, whatever is typed (property)', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const paise = typedRupees(typed);
        if (paise !== null) expect(Number.isSafeInteger(paise) && paise >= 0 && paise <= MAX_CASH_PAISE).toBe(true);
      }),
    );
  });
});
