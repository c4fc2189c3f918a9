import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRupees, splitGst } from './money';

describe('formatRupees', () => {
  it('formats paise as rupees with Indian digit grouping', () => {
    expect(formatRupees(12345)).toBe('₹123.45');
    expect(formatRupees(12345600)).toBe('₹1,23,456.00');
    expect(formatRupees(0)).toBe('₹0.00');
  });

  it('refuses fractional paise', () => {
    expect(() => formatRupees(1.5)).toThrow(/integer/);
  });
});

describe('splitGst', () => {
  it('taxes a ticket up to ₹100 at 12%', () => {
    expect(splitGst(11200)).toMatchObject({ basePaise: 10000, gstPaise: 1200, ratePercent: 12 });
  });

  it('taxes a ticket above ₹100 at 18%', () => {
    expect(splitGst(23600)).toMatchObject({ basePaise: 20000, gstPaise: 3600, ratePercent: 18 });
  });

  it('taxes the gap between ₹112 and ₹118 at 18%', () => {
    expect(splitGst(11500).ratePercent).toBe(18);
  });

  it('always adds back up to the price, with halves for CGST and SGST', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_00 }), (price) => {
        const s = splitGst(price);
        expect(s.basePaise + s.gstPaise).toBe(price);
        expect(s.cgstPaise + s.sgstPaise).toBe(s.gstPaise);
        expect(s.cgstPaise - s.sgstPaise).toBeGreaterThanOrEqual(0);
        expect(s.cgstPaise - s.sgstPaise).toBeLessThanOrEqual(1);
        expect(s.gstPaise).toBeGreaterThanOrEqual(0);
        // the rate applied is within a paisa of the slab's rate on the base
        expect(Math.abs(s.basePaise * (s.ratePercent / 100) - s.gstPaise)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses negative or fractional prices', () => {
    expect(() => splitGst(-1)).toThrow(RangeError);
    expect(() => splitGst(10.5)).toThrow(RangeError);
  });
});
