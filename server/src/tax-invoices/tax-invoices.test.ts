// A customer's invoice end to end: paid at the sandbox, read back by bookings.get as the stored
// document; a refund's credit note; the particulars frozen as they were when each was issued.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundBooking } from '../bookings';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { holdAndPay } from '../test/pay';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

async function paidBooking(seats: number) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const paid = await holdAndPay(customer, sandbox.url, { showtimeId: showtime.id, seatIds: seatIds.slice(0, seats) });
  return { customer, ...paid };
}

describe('tax invoices', () => {
  it('gives a paid booking its invoice: seller, place of supply, a line per seat and the fee, totals to the paisa', async () => {
    const { customer, bookingId, amountPaise } = await paidBooking(2);
    const booking = await customer.bookings.get.query({ bookingId });
    const invoice = booking.invoice!;
    expect(invoice).toMatchObject({
      kind: 'INVOICE',
      sellerLegalName: 'Marquee Demo Cinemas Private Limited',
      sellerAddress: '12 MG Road, Ashok Nagar\nBengaluru 560001',
      sellerGstin: '29AAACM0000M1ZT',
      placeOfSupply: { code: '29', name: 'Karnataka' },
      creditNotes: [],
    });
    expect(invoice.number).toMatch(/^MQD\/\d{4}\/\d{7}$/);
    expect(invoice.issuedAt).toBe(booking.confirmedAt);
    const seatLines = invoice.lines.filter((l) => l.kind === 'ADMISSION');
    expect(seatLines.map((l) => l.seatLabel).sort()).toEqual(booking.seats.map((s) => s.label).sort());
    // Audi 2's ₹200 standard seats sit above ₹100 before tax: 18 %, halved between CGST and SGST.
    for (const line of seatLines) {
      expect(line).toMatchObject({ sac: '999692', ratePercent: 18, cgstRatePercent: 9, sgstRatePercent: 9 });
      expect(line.taxablePaise + line.cgstPaise + line.sgstPaise).toBe(line.amountPaise);
    }
    // The web's booking fee (₹20 a ticket) is its own line, at the cinema's fee rate.
    expect(invoice.lines.filter((l) => l.kind === 'FEE')).toEqual([
      expect.objectContaining({ sac: '998599', ratePercent: 18, amountPaise: booking.feePaise }),
    ]);
    expect(invoice.totals.totalPaise).toBe(amountPaise);
    expect(invoice.totals.taxablePaise + invoice.totals.cgstPaise + invoice.totals.sgstPaise).toBe(amountPaise);
  });

  it('keeps an issued invoice as it was when the tax settings change later', async () => {
    const { customer, bookingId } = await paidBooking(1);
    const before = (await customer.bookings.get.query({ bookingId })).invoice!;
    await ctx.prisma.cinema.updateMany({ data: { legalName: 'Renamed Cinemas LLP', feeGstRatePercent: 5 } });
    try {
      expect((await customer.bookings.get.query({ bookingId })).invoice).toEqual(before);
    } finally {
      await ctx.prisma.cinema.updateMany({
        data: { legalName: 'Marquee Demo Cinemas Private Limited', feeGstRatePercent: 18 },
      });
    }
  });

  it('issues a credit note for a refund, from its own series, naming the invoice', async () => {
    const { customer, bookingId } = await paidBooking(2);
    const { invoice } = await customer.bookings.get.query({ bookingId });
    const creditsBefore = await ctx.prisma.taxDocument.count({ where: { kind: 'CREDIT_NOTE' } });
    await refundBooking(ctx, { bookingId, requestedBy: 'CUSTOMER_SERVICE', reason: 'customer asked' });
    // Asked again: the booking is already refunded, and no second credit note is issued.
    await refundBooking(ctx, { bookingId, requestedBy: 'CUSTOMER_SERVICE', reason: 'customer asked' });
    const refunded = await customer.bookings.get.query({ bookingId });
    expect(refunded.status).toBe('REFUNDED');
    expect(refunded.invoice!.number).toBe(invoice!.number);
    expect(refunded.invoice!.creditNotes).toHaveLength(1);
    const note = refunded.invoice!.creditNotes[0]!;
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      invoiceNumber: invoice!.number,
      sellerGstin: invoice!.sellerGstin,
      lines: invoice!.lines,
      totals: invoice!.totals,
    });
    expect(note.number).toBe(`MQD/${note.number.split('/')[1]}/C${String(creditsBefore + 1).padStart(6, '0')}`);
    expect(await ctx.prisma.taxDocument.count({ where: { kind: 'CREDIT_NOTE' } })).toBe(creditsBefore + 1);
  });

  it('issues no invoice for a hold that was never paid', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
    expect((await customer.bookings.get.query({ bookingId: hold.bookingId })).invoice).toBeNull();
    expect(await ctx.prisma.taxDocument.count({ where: { bookingId: hold.bookingId } })).toBe(0);
  });
});
