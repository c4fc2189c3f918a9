import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEE_GST_RATES, gstGaps, gstTableAt } from './gst';
import { creditNoteLines, feeKeptPaise, seatRefund } from './seat-refund';
import { invoiceLines, taxTotals, type TTaxLine } from './tax-invoice';

const TODAY = new Date('2026-11-28T10:00:00+05:30');

const chargeablePrice = fc
  .integer({ min: 1, max: 5_000_00 })
  .filter((p) => !gstGaps(gstTableAt(TODAY)).some((g) => p >= g.fromPaise && p <= g.toPaise));

/** A booking (seats, fee, its invoice) and an order in which its seats are given back, a few at a time. */
const refundedBooking = fc
  .record({
    prices: fc.array(chargeablePrice, { minLength: 1, maxLength: 10 }),
    feePerSeat: fc.integer({ min: 0, max: 100_00 }),
    feeRate: fc.constantFrom(...FEE_GST_RATES),
    sgstWaived: fc.boolean(),
    order: fc.infiniteStream(fc.nat()),
    batches: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 10, maxLength: 10 }),
  })
  .map(({ prices, feePerSeat, feeRate, sgstWaived, order, batches }) => {
    const seats = prices.map((pricePaise, i) => ({ label: `A${i + 1}`, pricePaise }));
    const feePaise = feePerSeat * seats.length;
    const invoice = invoiceLines({
      seats,
      feePaise,
      feeGstRatePercent: feeRate,
      suppliedAt: TODAY,
      sgstWaived,
      admissionSac: '999692',
      bookingFeeSac: '998599',
    });
    // Shuffle the labels with the stream, then cut them into refunds of 1-4 seats.
    const labels = seats.map((s) => s.label);
    const it = order[Symbol.iterator]();
    for (let i = labels.length - 1; i > 0; i--) {
      const j = it.next().value! % (i + 1);
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    const refunds: string[][] = [];
    for (let at = 0, b = 0; at < labels.length; b++) {
      refunds.push(labels.slice(at, at + batches[b % batches.length]!));
      at += batches[b % batches.length]!;
    }
    return { seats, feePaise, invoice, refunds };
  });

describe('seat refunds', () => {
  it('gives back each seat at its price and the fee in proportion, the whole booking once all seats are back', () => {
    fc.assert(
      fc.property(refundedBooking, ({ seats, feePaise, invoice, refunds }) => {
        let standing = seats.map((s) => s.label);
        let refunded = 0;
        let feeRefunded = 0;
        const notes: TTaxLine[][] = [];
        for (const refunding of refunds) {
          const money = seatRefund({ seats, feePaise, standing, refunding });
          const note = creditNoteLines(invoice, { seats, feePaise, standing, refunding });
          // Each credit note is the refund, to the paisa, and each line adds up.
          expect(note.totals.totalPaise).toBe(money.amountPaise);
          for (const line of note.lines) {
            expect(line.taxablePaise + line.cgstPaise + line.sgstPaise).toBe(line.amountPaise);
            expect(Math.min(line.taxablePaise, line.cgstPaise, line.sgstPaise)).toBeGreaterThanOrEqual(0);
          }
          expect(money.seatsPaise).toBe(
            refunding.reduce((sum, l) => sum + seats.find((s) => s.label === l)!.pricePaise, 0),
          );
          refunded += money.amountPaise;
          feeRefunded += money.feePaise;
          standing = standing.filter((l) => !refunding.includes(l));
          // What still stands keeps its seats' prices and the fee in proportion, never less.
          expect(feeKeptPaise(feePaise, seats.length, standing.length)).toBe(feePaise - feeRefunded);
          notes.push(note.lines);
        }
        // All back: the booking's whole amount, and the credit notes reverse the invoice line for line.
        const invoiceTotals = taxTotals(invoice);
        expect(refunded).toBe(invoiceTotals.totalPaise);
        expect(feeRefunded).toBe(feePaise);
        expect(taxTotals(notes.flat())).toEqual(invoiceTotals);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses seats that are not standing, listed twice, or none at all', () => {
    const seats = [
      { label: 'A1', pricePaise: 200_00 },
      { label: 'A2', pricePaise: 200_00 },
    ];
    const base = { seats, feePaise: 40_00, standing: ['A1'] };
    expect(() => seatRefund({ ...base, refunding: ['A2'] })).toThrow(/A2 is not a standing seat/);
    expect(() => seatRefund({ ...base, refunding: ['A1', 'A1'] })).toThrow(/listed twice/);
    expect(() => seatRefund({ ...base, refunding: [] })).toThrow(/at least one seat/);
    expect(() => feeKeptPaise(-1, 2, 1)).toThrow(RangeError);
    expect(() => feeKeptPaise(10, 2, 3)).toThrow(RangeError);
  });

  it('shares a fee that does not divide evenly so the first refunds keep the odd paise back', () => {
    const seats = ['A1', 'A2', 'A3'].map((label) => ({ label, pricePaise: 100_00 }));
    const first = seatRefund({ seats, feePaise: 100, standing: ['A1', 'A2', 'A3'], refunding: ['A1'] });
    const second = seatRefund({ seats, feePaise: 100, standing: ['A2', 'A3'], refunding: ['A2'] });
    const last = seatRefund({ seats, feePaise: 100, standing: ['A3'], refunding: ['A3'] });
    expect([first.feePaise, second.feePaise, last.feePaise]).toEqual([34, 33, 33]);
  });
});
