// Reconciliation against the payment sandbox over HTTP: a payment whose webhook was lost is settled
// however late it is found, and bookings are asked about less often as they age, not for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireOverdueBookings } from '../holds/expire-bookings';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY, type TTestSandbox } from '../test/payment-sandbox';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { RECONCILE_HORIZON_MS, reconcilePayments } from './reconcile-payments';

let sandbox: TTestSandbox;
let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(null); // every webhook of this file is lost
});
afterAll(async () => {
  await server.close();
  await sandbox.app.close();
  await ctx.close();
});

async function holdWithOrder(method: 'checkout' | 'upi_qr') {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
  const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method });
  return { customer, bookingId: hold.bookingId, order };
}

/** The hold ended `agoMs` ago and the sweep closed it, as a worker would have. */
async function endHold(bookingId: string, agoMs: number) {
  await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - agoMs) } });
  expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep' })).toEqual([bookingId]);
}

const HOUR = 3600_000;

describe('reconciliation without a look-back window', () => {
  it('refunds a UPI payment first found two hours after its hold ended, once', async () => {
    const { customer, bookingId, order } = await holdWithOrder('upi_qr');
    await sandbox.control(`/_sandbox/qr_codes/${order.qr!.id}/pay`, {});
    await endHold(bookingId, 2 * HOUR); // nobody heard of the payment: the hold expired as unpaid
    expect((await customer.bookings.get.query({ bookingId })).status).toBe('EXPIRED');

    expect(await reconcilePayments(ctx)).toMatchObject({ settled: 1 });
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking).toMatchObject({ status: 'REFUNDED', statusReason: 'paid after the hold ended; refunded' });
    const payments = [...sandbox.store.payments.values()].filter((p) => p.amount === order.amountPaise);
    expect(payments.some((p) => p.status === 'refunded')).toBe(true);
    expect(await ctx.prisma.refund.findMany({ where: { bookingId } })).toEqual([
      expect.objectContaining({ status: 'PROCESSED', requestedBy: 'SYSTEM', amountPaise: order.amountPaise }),
    ]);
    // REFUNDED: never asked about again, and nothing is refunded twice.
    expect(await reconcilePayments(ctx, new Date(Date.now() + HOUR))).toMatchObject({ settled: 0 });
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(1);
  });

  it('confirms a Checkout payment found two hours late on a hold no worker expired', async () => {
    const { customer, bookingId, order } = await holdWithOrder('checkout');
    await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 2 * HOUR) } });

    expect(await reconcilePayments(ctx)).toMatchObject({ settled: 1 });
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.tickets).toHaveLength(1);
  });

  it('asks about an unpaid ended hold less often as it ages: after a tenth of its age, at most hourly', async () => {
    const { bookingId } = await holdWithOrder('upi_qr');
    await endHold(bookingId, 2 * HOUR);
    const now = new Date();
    await reconcilePayments(ctx, now);
    const after = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(after.reconcileAttempts).toBe(1);
    expect(after.reconciledAt).toBeNull();
    // 2 h past its end: the next check 12 minutes later.
    expect(after.reconcileAfter!.getTime() - now.getTime()).toBeCloseTo(12 * 60_000, -4);

    const asked = async (at: Date) => {
      await reconcilePayments(ctx, at);
      return (await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).reconcileAttempts;
    };
    expect(await asked(new Date(now.getTime() + 11 * 60_000))).toBe(1);
    expect(await asked(new Date(now.getTime() + 13 * 60_000))).toBe(2);
    // Ten hours later the gap is capped at one hour.
    const later = new Date(now.getTime() + 10 * HOUR);
    await asked(later);
    const capped = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(capped.reconcileAfter!.getTime() - later.getTime()).toBe(HOUR);
  });

  it('stops asking about an unpaid hold once it has been closed past the horizon', async () => {
    const { bookingId } = await holdWithOrder('upi_qr');
    await endHold(bookingId, RECONCILE_HORIZON_MS + HOUR);
    const now = new Date();
    await reconcilePayments(ctx, now);
    const booking = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking).toMatchObject({ reconcileAttempts: 1, reconciledAt: now });
    await reconcilePayments(ctx, new Date(now.getTime() + 2 * HOUR));
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).reconcileAttempts).toBe(1);
  });
});
