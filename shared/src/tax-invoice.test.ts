import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gstGaps, gstTableAt } from './gst';
import {
  financialYearLabel,
  financialYearOf,
  indiaDate,
  indiaMonthStart,
  invoiceLines,
  TAX_DOCUMENT_NUMBER_FORMAT,
  taxDocumentNumber,
  taxTotals,
} from './tax-invoice';

const TODAY = new Date('2026-11-28T10:00:00+05:30');
const base = {
  feePaise: 0,
  feeGstRatePercent: 18,
  suppliedAt: TODAY,
  sgstWaived: false,
  admissionSac: '999692',
  bookingFeeSac: '998599',
};

/** An inclusive ticket price a slab can carry today (prices in a gap are refused when set). */
const chargeablePrice = fc
  .integer({ min: 1, max: 5_000_00 })
  .filter((p) => !gstGaps(gstTableAt(TODAY)).some((g) => p >= g.fromPaise && p <= g.toPaise));

describe('financial years and India dates', () => {
  it('turns the financial year at midnight of 31 March, India time', () => {
    expect(financialYearOf(new Date('2027-03-31T23:59:59.999+05:30'))).toBe(2026);
    expect(financialYearOf(new Date('2027-04-01T00:00:00+05:30'))).toBe(2027);
    // 18:29 UTC on 31 March is still March in India; 18:30 is April.
    expect(financialYearOf(new Date('2027-03-31T18:29:59Z'))).toBe(2026);
    expect(financialYearOf(new Date('2027-03-31T18:30:00Z'))).toBe(2027);
    expect(financialYearLabel(2026)).toBe('2026-27');
    expect(financialYearLabel(2099)).toBe('2099-00');
  });

  it('gives the India date and the instant an India month starts', () => {
    expect(indiaDate(new Date('2026-11-30T19:00:00Z'))).toBe('2026-12-01');
    expect(indiaMonthStart(2026, 12).toISOString()).toBe('2026-11-30T18:30:00.000Z');
    expect(indiaMonthStart(2027, 1).toISOString()).toBe('2026-12-31T18:30:00.000Z');
  });

  it('puts every instant in the financial year whose 1 April it follows', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (at) => {
        const fy = financialYearOf(at);
        const start = indiaMonthStart(fy, 4).getTime();
        const end = indiaMonthStart(fy + 1, 4).getTime();
        expect(at.getTime()).toBeGreaterThanOrEqual(start);
        expect(at.getTime()).toBeLessThan(end);
      }),
    );
  });
});

describe('document numbers', () => {
  it('reads prefix, financial year and serial, at most 16 characters GST allows', () => {
    expect(taxDocumentNumber({ prefix: 'MQD', kind: 'INVOICE', financialYear: 2026, serial: 123 })).toBe(
      'MQD/2627/0000123',
    );
    expect(taxDocumentNumber({ prefix: 'MQD', kind: 'CREDIT_NOTE', financialYear: 2026, serial: 45 })).toBe(
      'MQD/2627/C000045',
    );
    expect(taxDocumentNumber({ prefix: '', kind: 'INVOICE', financialYear: 2099, serial: 1 })).toBe('9900/0000001');
  });

  it('is valid, unique and in serial order for any prefix, year and serial', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{0,3}$/),
        fc.constantFrom('INVOICE', 'CREDIT_NOTE' as const),
        fc.integer({ min: 2017, max: 2199 }),
        fc.integer({ min: 1, max: 999_998 }),
        (prefix, kind, financialYear, serial) => {
          const a = taxDocumentNumber({ prefix, kind, financialYear, serial });
          const b = taxDocumentNumber({ prefix, kind, financialYear, serial: serial + 1 });
          expect(a).toMatch(TAX_DOCUMENT_NUMBER_FORMAT);
          expect(a.length).toBeLessThanOrEqual(16);
          expect(a < b).toBe(true);
        },
      ),
    );
  });

  it('refuses a prefix that is not 0-3 capitals or digits, a serial below 1, and a full series', () => {
    for (const prefix of ['mqd', 'ABCD', 'A/B', 'A-', ' A'])
      expect(() => taxDocumentNumber({ prefix, kind: 'INVOICE', financialYear: 2026, serial: 1 })).toThrow(/prefix/);
    expect(() => taxDocumentNumber({ prefix: 'A', kind: 'INVOICE', financialYear: 2026, serial: 0 })).toThrow(/serial/);
    expect(() => taxDocumentNumber({ prefix: 'A', kind: 'INVOICE', financialYear: 2026, serial: 1.5 })).toThrow(
      /serial/,
    );
    expect(() =>
      taxDocumentNumber({ prefix: 'A', kind: 'CREDIT_NOTE', financialYear: 2026, serial: 1_000_000 }),
    ).toThrow(/credit note series of 2026-27 is full/);
    expect(taxDocumentNumber({ prefix: 'A', kind: 'INVOICE', financialYear: 2026, serial: 9_999_999 })).toBe(
      'A/2627/9999999',
    );
  });
});

describe('invoice lines', () => {
  it('taxes a ₹99 ticket at 5 % today and the fee at 18 %, each line adding up to what was paid', () => {
    const lines = invoiceLines({ ...base, seats: [{ label: 'F12', pricePaise: 99_00 }], feePaise: 20_00 });
    expect(lines).toEqual([
      {
        kind: 'ADMISSION',
        description: 'Admission, seat F12',
        seatLabel: 'F12',
        sac: '999692',
        ratePercent: 5,
        cgstRatePercent: 2.5,
        sgstRatePercent: 2.5,
        taxablePaise: 94_29,
        cgstPaise: 2_36,
        sgstPaise: 2_35,
        amountPaise: 99_00,
      },
      {
        kind: 'FEE',
        description: 'Booking fee',
        seatLabel: null,
        sac: '998599',
        ratePercent: 18,
        cgstRatePercent: 9,
        sgstRatePercent: 9,
        taxablePaise: 16_95,
        cgstPaise: 1_53,
        sgstPaise: 1_52,
        amountPaise: 20_00,
      },
    ]);
    expect(taxTotals(lines)).toEqual({ taxablePaise: 111_24, cgstPaise: 3_89, sgstPaise: 3_87, totalPaise: 119_00 });
  });

  it('carries CGST only, at half the rate, where the state waived SGST on the film, and never on the fee', () => {
    const lines = invoiceLines({
      ...base,
      sgstWaived: true,
      seats: [{ label: 'A1', pricePaise: 99_00 }],
      feePaise: 20_00,
    });
    expect(lines[0]).toMatchObject({
      ratePercent: 2.5,
      cgstRatePercent: 2.5,
      sgstRatePercent: 0,
      taxablePaise: 96_59, // 99.00 ÷ 1.025 = 96.585…
      cgstPaise: 2_41,
      sgstPaise: 0,
    });
    expect(lines[1]).toMatchObject({ ratePercent: 18, cgstPaise: 1_53, sgstPaise: 1_52 });
  });

  it('adds up to the paisa for any seats, fee, fee rate and waiver, with the halves a paisa apart at most', () => {
    fc.assert(
      fc.property(
        fc.array(chargeablePrice, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 500_00 }),
        fc.constantFrom(0, 5, 18, 40),
        fc.boolean(),
        (prices, feePaise, feeGstRatePercent, sgstWaived) => {
          const seats = prices.map((pricePaise, i) => ({ label: `A${i + 1}`, pricePaise }));
          const lines = invoiceLines({ ...base, seats, feePaise, feeGstRatePercent, sgstWaived });
          expect(lines).toHaveLength(seats.length + (feePaise > 0 ? 1 : 0));
          for (const l of lines) {
            expect(l.taxablePaise + l.cgstPaise + l.sgstPaise).toBe(l.amountPaise);
            expect(Math.min(l.taxablePaise, l.cgstPaise, l.sgstPaise)).toBeGreaterThanOrEqual(0);
            if (l.kind === 'ADMISSION' && sgstWaived) expect(l.sgstPaise).toBe(0);
            else expect(l.cgstPaise - l.sgstPaise).toBeOneOf([0, 1]);
          }
          const total = prices.reduce((a, b) => a + b, 0) + feePaise;
          expect(taxTotals(lines).totalPaise).toBe(total);
        },
      ),
    );
  });
});
