import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookingGst,
  CINEMA_ADMISSION_GST,
  gstGaps,
  gstPriceProblem,
  gstTableAt,
  gstTablesBetween,
  gstTablesFrom,
  splitGst,
  splitGstAtRate,
  summarizeGst,
} from './gst';

/** 22 September 2025 00:00 in India. */
const GST_2_0 = new Date('2025-09-21T18:30:00.000Z');
const current = gstTableAt(GST_2_0);
const before = gstTableAt(new Date(GST_2_0.getTime() - 1));

/** The rule written out a second way: the lower slab's rate if the value before tax fits it, else 18 %. */
function expectedRate(pricePaise: number, at: Date): number {
  const lower = at.getTime() >= GST_2_0.getTime() ? 5 : 12;
  return Math.round((pricePaise * 100) / (100 + lower)) <= 100_00 ? lower : 18;
}

const anyDate = fc.date({
  min: new Date('2019-01-01T00:00:00+05:30'),
  max: new Date('2035-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const anyPrice = fc.integer({ min: 0, max: 10_000_00 });

describe('splitGst', () => {
  it('taxes a ₹99 ticket bought today at 5 %: ₹94.29 + ₹4.71', () => {
    expect(splitGst(99_00, new Date('2026-11-27T10:00:00Z'))).toEqual({
      basePaise: 94_29,
      gstPaise: 4_71,
      ratePercent: 5,
      cgstPaise: 2_36,
      sgstPaise: 2_35,
    });
  });

  it('changes the rate at 22 September 2025 00:00 India time, not a millisecond earlier', () => {
    expect(splitGst(99_00, new Date(GST_2_0.getTime() - 1))).toMatchObject({ ratePercent: 12, gstPaise: 10_61 });
    expect(splitGst(99_00, GST_2_0)).toMatchObject({ ratePercent: 5, gstPaise: 4_71 });
    expect(splitGst(99_00, new Date('2025-09-21T23:59:59+05:30')).ratePercent).toBe(12);
  });

  it('taxes a ticket above ₹100 before tax at 18 % on both sides of the change', () => {
    expect(splitGst(236_00, GST_2_0)).toMatchObject({ basePaise: 200_00, gstPaise: 36_00, ratePercent: 18 });
    expect(splitGst(236_00, new Date('2024-01-01'))).toMatchObject({ basePaise: 200_00, ratePercent: 18 });
  });

  it('keeps the slab edges: ₹105.00 is ₹100 + 5 %, ₹118.01 is the first price at 18 %', () => {
    expect(splitGst(105_00, GST_2_0)).toMatchObject({ basePaise: 100_00, ratePercent: 5 });
    expect(splitGst(118_01, GST_2_0)).toMatchObject({ basePaise: 100_01, ratePercent: 18 });
    expect(splitGst(112_00, new Date('2025-01-01'))).toMatchObject({ basePaise: 100_00, ratePercent: 12 });
  });

  it('for any price and date, base + CGST + SGST is the price to the paisa, at the rate the table gives', () => {
    fc.assert(
      fc.property(anyPrice, anyDate, (price, at) => {
        const s = splitGst(price, at);
        expect(s.basePaise + s.cgstPaise + s.sgstPaise).toBe(price);
        expect(s.cgstPaise + s.sgstPaise).toBe(s.gstPaise);
        expect(s.cgstPaise - s.sgstPaise).toBeGreaterThanOrEqual(0);
        expect(s.cgstPaise - s.sgstPaise).toBeLessThanOrEqual(1);
        expect(s.ratePercent).toBe(expectedRate(price, at));
        expect(s.ratePercent).toBe(
          gstTableAt(at).slabs.find((slab) => slab.ratePercent === s.ratePercent)?.ratePercent,
        );
        // the tax is the rate on the base, within the base's rounding (half a paisa, times 1 + rate)
        expect(Math.abs(s.basePaise * s.ratePercent - 100 * s.gstPaise)).toBeLessThanOrEqual(50 + s.ratePercent / 2);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a price or not a date of supply with a clear error', () => {
    expect(() => splitGst(-1, GST_2_0)).toThrow(/non-negative integer of paise/);
    expect(() => splitGst(10.5, GST_2_0)).toThrow(RangeError);
    expect(() => splitGst(100, new Date('nonsense'))).toThrow(/not a valid date/);
    expect(() => splitGst(100, new Date('2018-12-31T18:29:59Z'))).toThrow(
      /no GST rates are kept for supplies before 2019/,
    );
  });
});

describe('the rate table', () => {
  it('starts each table after the one before, with rates rising slab by slab', () => {
    const starts = CINEMA_ADMISSION_GST.map((t) => Date.parse(t.from));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const table of CINEMA_ADMISSION_GST) {
      expect(table.slabs.at(-1)!.maxBasePaise).toBeNull();
      expect(table.slabs.map((s) => s.ratePercent)).toEqual(
        [...table.slabs.map((s) => s.ratePercent)].sort((a, b) => a - b),
      );
    }
  });

  it('gives the tables in force over a period, and from a moment on', () => {
    expect(gstTablesBetween(new Date('2025-09-01'), new Date('2025-10-01'))).toEqual([before, current]);
    expect(gstTablesBetween(new Date('2025-10-01'), new Date('2025-12-01'))).toEqual([current]);
    expect(gstTablesFrom(new Date('2026-11-27'))).toEqual([current]);
    expect(gstTablesFrom(new Date('2025-09-01'))).toEqual([before, current]);
  });
});

describe('prices no slab can carry', () => {
  it('are ₹105.01 to ₹118.00 since 22 September 2025, and were ₹112.01 to ₹118.00 before', () => {
    expect(gstGaps(current)).toEqual([
      { fromPaise: 105_01, toPaise: 118_00, lowerRatePercent: 5, upperRatePercent: 18, boundaryPaise: 100_00 },
    ]);
    expect(gstGaps(before)).toEqual([
      { fromPaise: 112_01, toPaise: 118_00, lowerRatePercent: 12, upperRatePercent: 18, boundaryPaise: 100_00 },
    ]);
  });

  it('are refused with a message naming the nearest prices that can be charged', () => {
    expect(gstPriceProblem(110_00, [current])).toBe(
      '₹110.00 fits no GST slab: a ticket up to ₹100.00 before tax carries 5 %, one above it 18 %, so prices from ₹105.01 to ₹118.00 cannot be charged. The nearest prices that can are ₹105.00 and ₹118.01.',
    );
    expect(gstPriceProblem(105_00, [current])).toBeNull();
    expect(gstPriceProblem(118_01, [current])).toBeNull();
    expect(gstPriceProblem(108_00, [before])).toBeNull();
    expect(gstPriceProblem(108_00, [before, current])).toMatch(/₹105.00 and ₹118.01/);
  });

  it('are exactly the prices whose value before tax fits no slab at its own rate', () => {
    fc.assert(
      fc.property(anyPrice, anyDate, (price, at) => {
        const table = gstTableAt(at);
        const fits = table.slabs.some((slab, i) => {
          const base = splitGstAtRate(price, slab.ratePercent).basePaise;
          const floor = i === 0 ? -1 : table.slabs[i - 1]!.maxBasePaise!;
          return base > floor && (slab.maxBasePaise === null || base <= slab.maxBasePaise);
        });
        expect(gstPriceProblem(price, [table]) === null).toBe(fits);
      }),
      { numRuns: 2000 },
    );
  });

  it('are taxed at the higher rate when one was sold before such prices were refused', () => {
    expect(splitGst(110_00, GST_2_0)).toMatchObject({ ratePercent: 18, basePaise: 93_22, gstPaise: 16_78 });
  });
});

describe('splitGstAtRate and summarizeGst', () => {
  it('splits a ₹20 booking fee at 18 %: ₹16.95 + ₹3.05', () => {
    expect(splitGstAtRate(20_00, 18)).toEqual({
      basePaise: 16_95,
      gstPaise: 3_05,
      ratePercent: 18,
      cgstPaise: 1_53,
      sgstPaise: 1_52,
    });
    expect(() => splitGstAtRate(20_00, 2.5)).toThrow(/whole percent/);
  });

  it('gives a booking its tickets’ GST by rate and its fee’s at the cinema’s rate, and refuses a rate GST does not have', () => {
    const gst = bookingGst({
      ticketPrices: [99_00, 150_00],
      feePaise: 40_00,
      feeGstRatePercent: 18,
      suppliedAt: GST_2_0,
    });
    expect(gst.tickets.map((l) => [l.ratePercent, l.gstPaise])).toEqual([
      [5, 4_71],
      [18, 22_88],
    ]);
    expect(gst.fee).toMatchObject({ basePaise: 33_90, gstPaise: 6_10 });
    expect(gst.totalGstPaise).toBe(4_71 + 22_88 + 6_10);
    expect(
      bookingGst({ ticketPrices: [99_00], feePaise: 0, feeGstRatePercent: 18, suppliedAt: GST_2_0 }).fee,
    ).toBeNull();
    expect(() =>
      bookingGst({ ticketPrices: [99_00], feePaise: 20_00, feeGstRatePercent: 12, suppliedAt: GST_2_0 }),
    ).toThrow('a booking fee carries GST at 0, 5, 18, 40 %, not 12 %');
  });

  it('adds tickets up by rate, halves taken of each sum', () => {
    const at = GST_2_0;
    const lines = summarizeGst([splitGst(99_00, at), splitGst(99_00, at), splitGst(150_00, at)]);
    expect(lines).toEqual([
      { ratePercent: 5, basePaise: 188_58, gstPaise: 9_42, cgstPaise: 4_71, sgstPaise: 4_71, amountPaise: 198_00 },
      { ratePercent: 18, basePaise: 127_12, gstPaise: 22_88, cgstPaise: 11_44, sgstPaise: 11_44, amountPaise: 150_00 },
    ]);
  });

  it('for any tickets, the lines add up to what was paid and each half is within a paisa of the other', () => {
    fc.assert(
      fc.property(fc.array(anyPrice, { maxLength: 12 }), anyDate, (prices, at) => {
        const lines = summarizeGst(prices.map((p) => splitGst(p, at)));
        expect(lines.reduce((sum, l) => sum + l.amountPaise, 0)).toBe(prices.reduce((a, b) => a + b, 0));
        for (const l of lines) expect([0, 1]).toContain(l.cgstPaise - l.sgstPaise);
      }),
    );
  });
});
