// A refund is made at Razorpay once, against the payment sandbox over HTTP: every refund carries its
// Refund row's id, and a send after one whose answer was lost adopts the refund Razorpay made instead
// of making another, however many reconciler runs retry it at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFUND_SEND_LEASE_MS } from '../bookings/send-refund';
import { expireOverdueBookings } from '../holds/expire-bookings';
import { RazorpayApiError, RazorpayGateway } from '../razorpay/razorpay-gateway';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY, type TTestSandbox } from '../test/payment-sandbox';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { reconcilePayments } from './reconcile-payments';

let sandbox: TTestSandbox;
let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(null); // every webhook is lost: only reconciliation finds the payments
});
beforeEach(async () => {
  await sandbox.control('/_sandbox/settings/refunds', { loseAnswers: 0 });
});
afterAll(async () => {
  await server.close();
  await sandbox.app.close();
  await ctx.close();
});

/**
 * A UPI payment made after its hold ended, which nobody heard of: the next reconciliation finds it
 * and refunds it in full.
 */
async function paidTooLate() {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
  const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method: 'upi_qr' });
  const payment = await sandbox.control(`/_sandbox/qr_codes/${order.qr!.id}/pay`, {});
  await ctx.prisma.booking.update({
    where: { id: hold.bookingId },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });
  expect(await expireOverdueBookings(ctx, { bookingIds: [hold.bookingId] }, { by: 'sweep' })).toEqual([hold.bookingId]);
  return { bookingId: hold.bookingId, paymentId: payment.id!, amountPaise: order.amountPaise };
}

const refundsAtRazorpay = (paymentId: string) =>
  [...sandbox.store.refunds.values()].filter((r) => r.payment_id === paymentId);

const refundRow = (bookingId: string) => ctx.prisma.refund.findFirstOrThrow({ where: { bookingId } });

/** After the lease of a send whose answer was lost: when the reconciler sends it again. */
const afterLease = () => new Date(Date.now() + REFUND_SEND_LEASE_MS + 1000);

describe('a refund sent to Razorpay', () => {
  it('is made once, with our Refund row’s id as its receipt and in its notes', async () => {
    const { bookingId, paymentId, amountPaise } = await paidTooLate();
    await reconcilePayments(ctx);

    const row = await refundRow(bookingId);
    const made = refundsAtRazorpay(paymentId);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amount: amountPaise, receipt: row.id, notes: { refundId: row.id, bookingId } });
    expect(row).toMatchObject({
      status: 'PROCESSED',
      razorpayRefundId: made[0]!.id,
      sendAttempts: 1,
      sendLeaseUntil: null,
    });
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe('REFUNDED');

    await reconcilePayments(ctx, afterLease());
    expect(refundsAtRazorpay(paymentId)).toHaveLength(1);
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(1);
  });

  it('whose answer was lost is made once, found by two reconciler runs at once, and ends PROCESSED', async () => {
    const { bookingId, paymentId } = await paidTooLate();
    await sandbox.control('/_sandbox/settings/refunds', { loseAnswers: 1 });
    // The run records the refund and sends it; Razorpay makes it and the answer is lost. The same
    // run's retry of unsent refunds leaves it alone while its lease lasts.
    await reconcilePayments(ctx);
    const made = refundsAtRazorpay(paymentId);
    expect(made).toHaveLength(1);
    const lost = await refundRow(bookingId);
    expect(lost).toMatchObject({ status: 'PENDING', razorpayRefundId: null, sendAttempts: 1 });
    expect(made[0]!.receipt).toBe(lost.id);
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe('EXPIRED');

    const later = afterLease();
    await Promise.all([reconcilePayments(ctx, later), reconcilePayments(ctx, later)]);
    expect(refundsAtRazorpay(paymentId)).toHaveLength(1);
    expect(await refundRow(bookingId)).toMatchObject({
      status: 'PROCESSED',
      razorpayRefundId: made[0]!.id,
      sendAttempts: 2, // one of the two runs claimed it; the other left it alone
      sendLeaseUntil: null,
    });
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe('REFUNDED');

    await reconcilePayments(ctx, new Date(later.getTime() + REFUND_SEND_LEASE_MS));
    expect(refundsAtRazorpay(paymentId)).toHaveLength(1);
  });

  it('that never reached Razorpay is made by the reconciler’s next send, once', async () => {
    const { bookingId, paymentId } = await paidTooLate();
    const real = new RazorpayGateway(ctx.env);
    const unreachable = Object.assign(Object.create(real) as RazorpayGateway, {
      refund: async () => {
        throw new RazorpayApiError(null, 'NETWORK_ERROR', 'refund: connect ECONNREFUSED');
      },
    });
    await reconcilePayments({ ...ctx, razorpay: unreachable });
    expect(refundsAtRazorpay(paymentId)).toEqual([]);
    expect(await refundRow(bookingId)).toMatchObject({ status: 'PENDING', razorpayRefundId: null, sendAttempts: 1 });

    const later = afterLease();
    await Promise.all([reconcilePayments(ctx, later), reconcilePayments(ctx, later)]);
    const made = refundsAtRazorpay(paymentId);
    expect(made).toHaveLength(1);
    const row = await refundRow(bookingId);
    expect(made[0]!.receipt).toBe(row.id);
    expect(row).toMatchObject({ status: 'PROCESSED', razorpayRefundId: made[0]!.id, sendAttempts: 2 });
  });
});
