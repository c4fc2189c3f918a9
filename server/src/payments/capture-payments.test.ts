// Capture on Marquee's terms, against the payment sandbox in manual-capture mode over HTTP: an
// authorized payment is captured once while its hold stands and confirms the booking, whichever
// paths race or crash; one that comes after the hold ended is never captured and lapses.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getBookingDetail } from '../bookings/get-booking-detail';
import { expireOverdueBookings } from '../holds/expire-bookings';
import { RazorpayApiError, RazorpayGateway } from '../razorpay/razorpay-gateway';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY, type TTestSandbox } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { CAPTURE_LEASE_MS, captureAuthorizedPayment } from './capture-authorized-payment';
import { reconcilePayments } from './reconcile-payments';

let sandbox: TTestSandbox;
let ctx: TTestContext;
let server: TTestServer;
let webhookUrl: string;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  webhookUrl = `${server.url}/webhooks/razorpay`;
});
beforeEach(async () => {
  sandbox.setWebhookUrl(webhookUrl);
  await sandbox.control('/_sandbox/settings/capture', { mode: 'manual', authorizationLapseMs: 5 * 24 * 3600_000 });
});
afterAll(async () => {
  await server.close();
  await sandbox.app.close();
  await ctx.close();
});

async function holdWithOrder(seats = 2) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, seats) });
  const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method: 'checkout' });
  return { customer, bookingId: hold.bookingId, order, amountPaise: hold.amountPaise };
}

/** Checkout succeeds: the sandbox leaves the payment authorized and answers the signed handler response. */
async function authorize(orderId: string) {
  const paid = await sandbox.control(`/_sandbox/orders/${orderId}/pay`, { outcome: 'captured' });
  expect(sandbox.store.payments.get(paid.razorpay_payment_id!)).toMatchObject({ status: 'authorized' });
  return {
    razorpay_order_id: paid.razorpay_order_id!,
    razorpay_payment_id: paid.razorpay_payment_id!,
    razorpay_signature: paid.razorpay_signature!,
  };
}

/** Delivers a signed payment.authorized event as Razorpay would (payload overrides for forged cases). */
async function deliverAuthorized(paymentId: string, eventId: string, override: object = {}) {
  const payment = { ...structuredClone(sandbox.store.payments.get(paymentId)!), ...override };
  const raw = JSON.stringify({
    entity: 'event',
    account_id: 'acc_MarqueeSandbox1',
    event: 'payment.authorized',
    contains: ['payment'],
    payload: { payment: { entity: payment } },
    created_at: Math.floor(Date.now() / 1000),
  });
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-razorpay-signature': createHmac('sha256', TEST_RAZORPAY.RAZORPAY_WEBHOOK_SECRET).update(raw).digest('hex'),
      'x-razorpay-event-id': eventId,
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const successfulCaptures = (paymentId: string) =>
  sandbox.store.captures.filter((c) => c.paymentId === paymentId && c.ok).length;
const captureCalls = (paymentId: string) => sandbox.store.captures.filter((c) => c.paymentId === paymentId).length;

async function timeline(bookingId: string) {
  const { showtime } = await ctx.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { showtime: { select: { screen: { select: { cinemaId: true } } } } },
  });
  return (await getBookingDetail(ctx, { cinemaId: showtime.screen.cinemaId, bookingId })).timeline.map((e) => e.text);
}

/** A gateway whose capture reaches Razorpay (or not) and then loses the answer, as a crash or a timeout would. */
function losingCaptures(reachesRazorpay: boolean) {
  const real = new RazorpayGateway(ctx.env);
  return Object.assign(Object.create(real) as RazorpayGateway, {
    capturePayment: async (paymentId: string, amountPaise: number) => {
      if (reachesRazorpay) await real.capturePayment(paymentId, amountPaise);
      throw new RazorpayApiError(null, 'NETWORK_ERROR', 'capture payment: timeout of 10000ms exceeded');
    },
  });
}

describe('an authorized payment within the hold', () => {
  it('is captured once and confirms the booking once when its webhook and verify race', async () => {
    sandbox.setWebhookUrl(null); // the race is run by hand below, several times over
    const bookings = await Promise.all([holdWithOrder(2), holdWithOrder(2), holdWithOrder(2)]);
    await Promise.all(
      bookings.map(async ({ customer, bookingId, order }, i) => {
        const response = await authorize(order.orderId);
        const [webhook, verified] = await Promise.all([
          deliverAuthorized(response.razorpay_payment_id, `evt_CaptureRace${i}`),
          customer.payments.verify.mutate({ bookingId, ...response }),
        ]);
        expect(webhook).toMatchObject({ status: 200, body: { status: 'applied' } });
        expect(verified).toEqual({ bookingId, status: 'CONFIRMED' });
        // Razorpay's retry of the same event changes nothing.
        expect((await deliverAuthorized(response.razorpay_payment_id, `evt_CaptureRace${i}`)).body).toEqual({
          status: 'duplicate',
        });
      }),
    );
    for (const { customer, bookingId, order } of bookings) {
      const payment = [...sandbox.store.payments.values()].find((p) => p.order_id === order.orderId)!;
      expect(payment).toMatchObject({ status: 'captured', captured: true });
      expect(successfulCaptures(payment.id)).toBe(1);
      const booking = await customer.bookings.get.query({ bookingId });
      expect(booking.status).toBe('CONFIRMED');
      expect(booking.tickets).toHaveLength(2);
      expect(await ctx.prisma.ticket.count({ where: { bookingId } })).toBe(2);
      expect(await ctx.prisma.paymentAttempt.findMany({ where: { bookingId }, select: { status: true } })).toEqual([
        { status: 'CAPTURED' },
      ]);
      expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
        razorpayPaymentId: payment.id,
        captureLeaseUntil: null,
      });
    }
  });

  it('is captured by the webhook alone, and the payment.captured and order.paid that follow change nothing', async () => {
    const { customer, bookingId, order } = await holdWithOrder(1);
    const from = sandbox.store.webhooks.length;
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    await eventually(
      () => customer.bookings.get.query({ bookingId }),
      (b) => b.status === 'CONFIRMED',
    );
    const delivered = () =>
      sandbox.store.webhooks
        .slice(from)
        .filter((d) => d.delivered)
        .map((d) => d.event);
    await eventually(delivered, (events) => events.includes('payment.captured') && events.includes('order.paid'));
    expect(successfulCaptures(paymentId)).toBe(1);
    expect(await ctx.prisma.ticket.count({ where: { bookingId } })).toBe(1);
  });

  it('after a capture whose answer was lost, holds off expiry and is settled once by the webhook retry', async () => {
    sandbox.setWebhookUrl(null);
    const { customer, bookingId, order, amountPaise } = await holdWithOrder(2);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    const crashed = await captureAuthorizedPayment(
      { ...ctx, razorpay: losingCaptures(true) },
      { bookingId, paymentId, orderId: order.orderId, amountPaise },
    ).catch((err: unknown) => err);
    expect(crashed).toMatchObject({ code: 'PAY_PROVIDER_UNAVAILABLE' });
    expect(sandbox.store.payments.get(paymentId)).toMatchObject({ status: 'captured' });
    expect(await ctx.prisma.paymentAttempt.findMany({ where: { bookingId }, select: { status: true } })).toEqual([
      { status: 'CAPTURING' },
    ]);

    // The hold's time runs out meanwhile: expiry waits for the capture's lease.
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep' })).toEqual([]);
    expect(await expireOverdueBookings(ctx, { all: true }, { by: 'sweep' })).not.toContain(bookingId);

    // Razorpay sends the event again, as it was first sent (the payment authorized).
    const retry = await deliverAuthorized(paymentId, 'evt_AfterCrash01', { status: 'authorized', captured: false });
    expect(retry.status).toBe(200);
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.tickets).toHaveLength(2);
    expect(successfulCaptures(paymentId)).toBe(1);
    expect(captureCalls(paymentId)).toBe(2); // ours before the crash, and the retry's, refused as already captured
    await reconcilePayments(ctx);
    expect(await ctx.prisma.ticket.count({ where: { bookingId } })).toBe(2);
    expect(successfulCaptures(paymentId)).toBe(1);
  });

  it('after a capture whose answer was lost and whose webhooks were lost, is settled once by reconciliation', async () => {
    sandbox.setWebhookUrl(null);
    const { customer, bookingId, order, amountPaise } = await holdWithOrder(1);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    await captureAuthorizedPayment(
      { ...ctx, razorpay: losingCaptures(true) },
      { bookingId, paymentId, orderId: order.orderId, amountPaise },
    ).catch((err: unknown) => expect(err).toMatchObject({ code: 'PAY_PROVIDER_UNAVAILABLE' }));
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep' })).toEqual([]);

    // Other tests' bookings are asked about too: this one's outcome is what counts.
    await reconcilePayments(ctx);
    await reconcilePayments(ctx, new Date(Date.now() + 3600_000));
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.tickets).toHaveLength(1);
    expect(successfulCaptures(paymentId)).toBe(1);
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(0);
  });

  it('holds off expiry only for the capture’s lease: a claim whose capture never arrived lets the hold end, and lapses', async () => {
    sandbox.setWebhookUrl(null);
    const { bookingId, order, amountPaise } = await holdWithOrder(1);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    await captureAuthorizedPayment(
      { ...ctx, razorpay: losingCaptures(false) },
      { bookingId, paymentId, orderId: order.orderId, amountPaise },
    ).catch((err: unknown) => expect(err).toMatchObject({ code: 'PAY_PROVIDER_UNAVAILABLE' }));
    const { captureLeaseUntil } = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(captureLeaseUntil!.getTime()).toBeGreaterThan(Date.now() + CAPTURE_LEASE_MS - 5_000);
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep' })).toEqual([]);

    const afterLease = new Date(captureLeaseUntil!.getTime() + 1000);
    expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep', now: afterLease })).toEqual([
      bookingId,
    ]);
    // Reconciliation asks Razorpay whether the capture went through: it did not, so the payment lapses.
    await reconcilePayments(ctx, afterLease);
    expect(sandbox.store.payments.get(paymentId)).toMatchObject({ status: 'authorized', captured: false });
    expect(successfulCaptures(paymentId)).toBe(0);
    expect(await ctx.prisma.paymentAttempt.findMany({ where: { bookingId }, select: { status: true } })).toEqual([
      { status: 'RELEASED' },
    ]);
    expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      status: 'EXPIRED',
      reconciledAt: null,
    });
  });
});

describe('an authorized payment after the hold ended', () => {
  it('is never captured, lapses at Razorpay, and the booking and its customer say why', async () => {
    await sandbox.control('/_sandbox/settings/capture', { mode: 'manual', authorizationLapseMs: 1_500 });
    const { customer, bookingId, order } = await holdWithOrder(2);
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'sweep' })).toEqual([bookingId]);

    const response = await authorize(order.orderId); // Checkout was still open when the seats were released
    const paymentId = response.razorpay_payment_id;
    await eventually(
      () => ctx.prisma.paymentAttempt.findMany({ where: { bookingId }, select: { status: true, errorCode: true } }),
      (attempts) => attempts.length === 1 && attempts[0]!.status === 'RELEASED',
    );
    const refused = await refusal(customer.payments.verify.mutate({ bookingId, ...response }));
    expect(refused.data).toMatchObject({ appCode: 'PAY_NOT_CAPTURED' });
    expect(refused.message).toMatch(/not taken/);
    // Asked about while the authorization lives: still not captured, and asked about again.
    await reconcilePayments(ctx);
    expect(captureCalls(paymentId)).toBe(0);

    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking).toMatchObject({
      status: 'EXPIRED',
      statusReason: 'paid after the hold ended; not captured, the bank releases it',
      paymentNotTaken: true,
      tickets: [],
    });
    expect(await timeline(bookingId)).toContainEqual(
      `Payment ${paymentId} authorized but not captured (paid after the hold ended; not captured, the bank releases it)`,
    );

    // Razorpay refunds the authorization itself; its refund webhooks change nothing here.
    await eventually(
      () => sandbox.store.payments.get(paymentId)!,
      (p) => p.status === 'refunded',
    );
    expect(sandbox.store.payments.get(paymentId)).toMatchObject({
      captured: false,
      amount_refunded: order.amountPaise,
    });
    await eventually(
      () => sandbox.store.webhooks.filter((d) => d.event === 'refund.processed' && d.delivered).length,
      (n) => n > 0,
    );
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(0);
    expect(captureCalls(paymentId)).toBe(0);
    // Once lapsed, verify still says it was not taken, and nothing is refunded by Marquee.
    expect((await refusal(customer.payments.verify.mutate({ bookingId, ...response }))).data).toMatchObject({
      appCode: 'PAY_NOT_CAPTURED',
    });
    await reconcilePayments(ctx);
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(0);
    expect(captureCalls(paymentId)).toBe(0);
  });
});

describe('reconciliation', () => {
  it('captures and confirms an authorized payment whose webhook was lost, while its hold stands', async () => {
    sandbox.setWebhookUrl(null);
    const { customer, bookingId, order } = await holdWithOrder(1);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);

    await reconcilePayments(ctx);
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.tickets).toHaveLength(1);
    expect(successfulCaptures(paymentId)).toBe(1);
    expect(sandbox.store.orders.get(order.orderId)).toMatchObject({ status: 'paid' });
  });
});

describe('bad inputs', () => {
  it('does nothing with a payment.authorized for an order that is not ours', async () => {
    sandbox.setWebhookUrl(null);
    const { order } = await holdWithOrder(1);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    const reply = await deliverAuthorized(paymentId, 'evt_UnknownOrder01', { order_id: 'order_NotMarquees001' });
    expect(reply).toMatchObject({ status: 200, body: { status: 'applied' } });
    expect(captureCalls(paymentId)).toBe(0);
    expect(await ctx.prisma.paymentAttempt.count({ where: { razorpayPaymentId: paymentId } })).toBe(0);
    expect(await ctx.prisma.webhookEvent.count({ where: { eventId: 'evt_UnknownOrder01' } })).toBe(1);
  });

  it('does not capture a payment authorized for another amount, and the hold stays payable', async () => {
    sandbox.setWebhookUrl(null);
    const { customer, bookingId, order, amountPaise } = await holdWithOrder(1);
    const { razorpay_payment_id: paymentId } = await authorize(order.orderId);
    const reply = await deliverAuthorized(paymentId, 'evt_WrongAmount01', { amount: amountPaise - 100 });
    expect(reply.status).toBe(200);
    expect(captureCalls(paymentId)).toBe(0);
    expect(await ctx.prisma.paymentAttempt.findFirstOrThrow({ where: { razorpayPaymentId: paymentId } })).toMatchObject(
      {
        status: 'RELEASED',
        errorCode: 'WRONG_AMOUNT',
      },
    );
    expect(await customer.bookings.get.query({ bookingId })).toMatchObject({
      status: 'PENDING',
      paymentNotTaken: false,
    });
    expect(sandbox.store.payments.get(paymentId)).toMatchObject({ status: 'authorized' });
  });

  it('tells a customer whose Checkout payment was for another amount to pay again, and their hold stands', async () => {
    sandbox.setWebhookUrl(null);
    const { customer, bookingId, order, amountPaise } = await holdWithOrder(1);
    const response = await authorize(order.orderId);
    // The bank authorized another amount than the order's (a tampered or broken Checkout).
    sandbox.store.payments.get(response.razorpay_payment_id)!.amount = amountPaise - 100;
    const refused = await refusal(customer.payments.verify.mutate({ bookingId, ...response }));
    expect(refused.data).toMatchObject({ appCode: 'PAY_AMOUNT_MISMATCH', code: 'PRECONDITION_FAILED' });
    expect(refused.message).toMatch(/not for the amount of your booking.*still held/);
    expect(captureCalls(response.razorpay_payment_id)).toBe(0);
    expect(await customer.bookings.get.query({ bookingId })).toMatchObject({
      status: 'PENDING',
      paymentNotTaken: false,
    });
  });
});
