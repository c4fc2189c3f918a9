import { createHmac } from 'node:crypto';
import { verifyTicketToken } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient, sessionCookie } from '../test/customer-client';
import { futureShowtime, secondCinema, seedCinema } from '../test/fixtures';
import { cookieJar, signedInStaff } from '../test/staff-client';
import { startPaymentSandbox, TEST_RAZORPAY, type TTestSandbox } from '../test/payment-sandbox';
import { eventually } from '../test/eventually';
import { refusal } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { readSeatOwners } from '../seat-keys/redis-holds';
import { ticketPublicKeys } from '../tickets/ticket-keys';
import { reconcilePayments } from './reconcile-payments';
import { receiptJobId } from '../jobs/receipts';
import { refundBooking } from '../bookings/refund-booking';

let sandbox: TTestSandbox;
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
  await server.close();
  await sandbox.app.close();
  await ctx.close();
});

type TClient = ReturnType<typeof createCustomerClient>;

async function holdSeats(
  count = 2,
): Promise<{ customer: TClient; bookingId: string; seatIds: string[]; showtimeId: string; amountPaise: number }> {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, count) });
  return {
    customer,
    bookingId: hold.bookingId,
    seatIds: seatIds.slice(0, count),
    showtimeId: showtime.id,
    amountPaise: hold.amountPaise,
  };
}

describe('paying with Checkout', () => {
  it('confirms the booking on verify, issues one verifiable ticket per seat, and marks the seats sold', async () => {
    const { customer, bookingId, seatIds, showtimeId, amountPaise } = await holdSeats(2);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
    expect(order).toMatchObject({ keyId: TEST_RAZORPAY.RAZORPAY_KEY_ID, amountPaise, currency: 'INR', qr: null });
    expect(JSON.stringify(order)).not.toContain(TEST_RAZORPAY.RAZORPAY_KEY_SECRET);
    const rzpOrder = sandbox.store.orders.get(order.orderId)!;
    expect(rzpOrder).toMatchObject({ amount: amountPaise, receipt: expect.stringMatching(/^[2-9A-Z]{6}$/) as string });

    const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
    const verified = await customer.payments.verify.mutate({
      bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });
    expect(verified).toEqual({ bookingId, status: 'CONFIRMED' });

    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.tickets).toHaveLength(2);
    const keys = ticketPublicKeys(ctx.env);
    for (const ticket of booking.tickets) {
      const checked = verifyTicketToken(ticket.token, keys);
      expect(checked).toMatchObject({
        ok: true,
        payload: { bid: bookingId, st: showtimeId, seat: ticket.seatLabel, tid: ticket.id },
      });
    }
    const map = await customer.catalog.seatMap.query({ showtimeId });
    expect(map.seats.filter((s) => seatIds.includes(s.id)).map((s) => s.state)).toEqual(['sold', 'sold']);
    expect(await readSeatOwners(ctx.redis, showtimeId, seatIds)).toEqual([null, null]);

    // The webhooks for the same payment arrive too (before or after): nothing changes.
    await eventually(
      () => ctx.prisma.webhookEvent.count(),
      (n) => n >= 2,
    );
    const after = await customer.bookings.get.query({ bookingId });
    expect(after.tickets.map((t) => t.id)).toEqual(booking.tickets.map((t) => t.id));
    expect(await ctx.prisma.paymentAttempt.count({ where: { bookingId, status: 'CAPTURED' } })).toBe(1);
  });

  it('refuses a forged signature and another booking’s order, and changes nothing', async () => {
    const { customer, bookingId } = await holdSeats(1);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
    const forged = await refusal(
      customer.payments.verify.mutate({
        bookingId,
        razorpay_order_id: order.orderId,
        razorpay_payment_id: 'pay_ForgedForged00',
        razorpay_signature: 'a'.repeat(64),
      }),
    );
    expect(forged.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'PAY_SIGNATURE_INVALID' });

    // A cheaper booking's paid order cannot pay for this one (amount tampering by swapping orders).
    const cheap = await holdSeats(1);
    const cheapOrder = await cheap.customer.payments.createOrder.mutate({
      bookingId: cheap.bookingId,
      method: 'checkout',
    });
    const paid = await sandbox.control(`/_sandbox/orders/${cheapOrder.orderId}/pay`, { outcome: 'captured' });
    const swapped = await refusal(
      customer.payments.verify.mutate({
        bookingId,
        razorpay_order_id: paid.razorpay_order_id!,
        razorpay_payment_id: paid.razorpay_payment_id!,
        razorpay_signature: paid.razorpay_signature!,
      }),
    );
    expect(swapped.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'PAY_ORDER_MISMATCH' });
    expect((await customer.bookings.get.query({ bookingId })).status).toBe('PENDING');
    // The amount always comes from the booking, whatever a client sends.
    const tampered = await refusal(
      customer.payments.createOrder.mutate({ bookingId, method: 'checkout', amountPaise: 100 } as never),
    );
    expect(tampered.data.code).toBe('BAD_REQUEST');
  });

  it('keeps the hold after a failed payment and confirms a retry within the hold', async () => {
    const { customer, bookingId } = await holdSeats(1);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
    const failed = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'failed' });
    expect(failed).toHaveProperty('error');
    await eventually(
      () => ctx.prisma.paymentAttempt.count({ where: { bookingId, status: 'FAILED' } }),
      (n) => n === 1,
    );
    expect((await customer.bookings.get.query({ bookingId })).status).toBe('PENDING');

    const again = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
    expect(again.orderId).toBe(order.orderId);
    const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
    await customer.payments.verify.mutate({
      bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });
    const attempts = await ctx.prisma.paymentAttempt.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });
    expect(attempts.map((a) => a.status)).toEqual(['FAILED', 'CAPTURED']);
  });
});

describe('paying by UPI QR (webhook only)', () => {
  it('shows a counter sale’s QR to the staff of its cinema, and to nobody else', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const { cinemaId } = await ctx.prisma.screen.findUniqueOrThrow({ where: { id: showtime.screenId } });
    const seller = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    const colleague = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    const hold = await seller.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
    const sale = await seller.client.boxOffice.payUpi.mutate({ bookingId: hold.bookingId });
    const image = (client?: object) =>
      fetch(`${server.url}${sale.qr!.imageUrl}`, {
        headers: client ? { cookie: [...cookieJar(client)].map(([name, value]) => `${name}=${value}`).join('; ') } : {},
      });
    const shown = await image(seller.client);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect((await image(colleague.client)).status).toBe(200);

    const other = await secondCinema(ctx.prisma, {
      film: { title: 'Elsewhere', language: 'Marathi', certificate: 'U', runtimeMinutes: 100 },
      seats: 4,
      startsInHours: 30,
      pricePaise: 15_000,
    });
    const outsider = await signedInStaff(ctx, server.url, { cinemaId: other.cinema.id, role: 'ADMIN' });
    expect((await image(outsider.client)).status).toBe(404);
    expect((await image()).status).toBe(404);
  });

  it('shows the QR through Marquee and confirms when the QR is paid', async () => {
    const { customer, bookingId, amountPaise } = await holdSeats(2);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'upi_qr' });
    expect(order.qr?.imageUrl).toBe(`/payments/qr/${order.qr?.id}.png`);
    const qr = sandbox.store.qrCodes.get(order.qr!.id)!;
    expect(qr).toMatchObject({
      usage: 'single_use',
      fixed_amount: true,
      payment_amount: amountPaise,
      status: 'active',
    });
    expect(qr.close_by! - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(15 * 60);

    const image = await fetch(`${server.url}${order.qr!.imageUrl}`, { headers: { cookie: sessionCookie(customer)! } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const stranger = await fetch(`${server.url}${order.qr!.imageUrl}`);
    expect(stranger.status).toBe(404);

    // The kiosk waits on bookings.onStatus while the customer pays with their phone.
    const statuses: string[] = [];
    const sub = customer.bookings.onStatus.subscribe({ bookingId }, { onData: (e) => statuses.push(e.status) });
    await eventually(
      async () => statuses.length,
      (n) => n > 0,
    );
    await sandbox.control(`/_sandbox/qr_codes/${order.qr!.id}/pay`, {});
    await eventually(
      async () => statuses.at(-1),
      (s) => s === 'CONFIRMED',
    );
    sub.unsubscribe();
    expect(statuses).toEqual(['PENDING', 'CONFIRMED']);
    const booking = await customer.bookings.get.query({ bookingId });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.tickets).toHaveLength(2);
  });

  it('closes the QR when the booking is paid by Checkout instead', async () => {
    const { customer, bookingId } = await holdSeats(1);
    const qrOrder = await customer.payments.createOrder.mutate({ bookingId, method: 'upi_qr' });
    const paid = await sandbox.control(`/_sandbox/orders/${qrOrder.orderId}/pay`, { outcome: 'captured' });
    await customer.payments.verify.mutate({
      bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });
    // Closed by whichever confirmation (verify or webhook) got there first.
    const qr = await eventually(
      async () => sandbox.store.qrCodes.get(qrOrder.qr!.id)!,
      (q) => q.status === 'closed',
    );
    expect(qr).toMatchObject({ status: 'closed', close_reason: 'on_demand' });
  });
});

describe('webhooks', () => {
  function signed(body: object, secret = TEST_RAZORPAY.RAZORPAY_WEBHOOK_SECRET) {
    const raw = JSON.stringify(body);
    return { raw, signature: createHmac('sha256', secret).update(raw).digest('hex') };
  }

  /** Delivers an order.paid event of an order's payment, signed, as Razorpay would. */
  function deliverOrderPaid(payment: object, orderId: string, eventId: string) {
    const { raw, signature } = signed({
      entity: 'event',
      event: 'order.paid',
      contains: ['payment', 'order'],
      payload: { payment: { entity: payment }, order: { entity: sandbox.store.orders.get(orderId) } },
    });
    return fetch(`${server.url}/webhooks/razorpay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': signature,
        'x-razorpay-event-id': eventId,
      },
      body: raw,
    });
  }

  it('confirms once when the same event is delivered 100 times at once', async () => {
    const { customer, bookingId, amountPaise } = await holdSeats(3);
    sandbox.setWebhookUrl(null); // deliver by hand below
    try {
      const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
      const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
      const payment = sandbox.store.payments.get(paid.razorpay_payment_id!)!;
      expect(payment.amount).toBe(amountPaise);
      const { raw, signature } = signed({
        entity: 'event',
        event: 'payment.captured',
        contains: ['payment'],
        payload: { payment: { entity: payment } },
        created_at: 1,
      });
      const replies = await Promise.all(
        Array.from({ length: 100 }, () =>
          fetch(`${server.url}/webhooks/razorpay`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-razorpay-signature': signature,
              'x-razorpay-event-id': 'evt_SameEventAgain1',
            },
            body: raw,
          }),
        ),
      );
      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect(await ctx.prisma.webhookEvent.count({ where: { eventId: 'evt_SameEventAgain1' } })).toBe(1);
      expect(await ctx.prisma.ticket.count({ where: { bookingId } })).toBe(3);
      expect(await ctx.prisma.paymentAttempt.count({ where: { bookingId } })).toBe(1);
      expect((await customer.bookings.get.query({ bookingId })).status).toBe('CONFIRMED');
      // One receipt job, whatever the number of deliveries.
      const receipts = (await ctx.jobs.receipts.getJobs(['waiting', 'delayed', 'active', 'completed'])).filter(
        (j) => (j.data as { bookingId: string }).bookingId === bookingId,
      );
      expect(receipts.map((j) => j.id)).toEqual([receiptJobId(bookingId)]);
    } finally {
      sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    }
  });

  it('gives the same result when the webhook arrives before verify', async () => {
    const { customer, bookingId } = await holdSeats(2);
    sandbox.setWebhookUrl(null);
    try {
      const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
      const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
      const payment = sandbox.store.payments.get(paid.razorpay_payment_id!)!;
      const res = await deliverOrderPaid(payment, order.orderId, 'evt_WebhookFirst01');
      expect(res.status).toBe(200);
      const byWebhook = await customer.bookings.get.query({ bookingId });
      expect(byWebhook.status).toBe('CONFIRMED');
      const verified = await customer.payments.verify.mutate({
        bookingId,
        razorpay_order_id: paid.razorpay_order_id!,
        razorpay_payment_id: paid.razorpay_payment_id!,
        razorpay_signature: paid.razorpay_signature!,
      });
      expect(verified.status).toBe('CONFIRMED');
      expect((await customer.bookings.get.query({ bookingId })).tickets).toEqual(byWebhook.tickets);
    } finally {
      sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    }
  });

  it('changes nothing when an event of a payment comes after its booking was refunded', async () => {
    const { customer, bookingId } = await holdSeats(2);
    sandbox.setWebhookUrl(null);
    try {
      const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
      const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
      const captured = structuredClone(sandbox.store.payments.get(paid.razorpay_payment_id!)!);
      await customer.payments.verify.mutate({
        bookingId,
        razorpay_order_id: paid.razorpay_order_id!,
        razorpay_payment_id: paid.razorpay_payment_id!,
        razorpay_signature: paid.razorpay_signature!,
      });
      await refundBooking(ctx, { bookingId, requestedBy: 'CUSTOMER_SERVICE', reason: 'customer asked at the counter' });
      const before = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });

      // Razorpay sends order.paid as well as payment.captured for a payment, and retries a delivery
      // for up to a day: this one comes after the refund.
      const res = await deliverOrderPaid(captured, order.orderId, 'evt_LateOrderPaid01');
      expect(res.status).toBe(200);
      expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(1);
      expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
        status: 'REFUNDED',
        statusReason: before.statusReason,
      });
      expect([...sandbox.store.refunds.values()].filter((r) => r.payment_id === captured.id)).toHaveLength(1);
    } finally {
      sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    }
  });

  it('weathers a storm of 20 payments, each delivered 5 times as two events, mixed with 100 forgeries: each confirmed once', async () => {
    sandbox.setWebhookUrl(null); // deliver by hand below
    try {
      const paid = [];
      for (let i = 0; i < 20; i++) {
        const { customer, bookingId } = await holdSeats(1);
        const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
        const pay = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
        paid.push({
          bookingId,
          orderId: order.orderId,
          payment: sandbox.store.payments.get(pay.razorpay_payment_id!)!,
        });
      }
      const deliveries = paid.flatMap(({ orderId, payment }, i) => {
        const captured = signed({
          entity: 'event',
          event: 'payment.captured',
          contains: ['payment'],
          payload: { payment: { entity: payment } },
        });
        const orderPaid = signed({
          entity: 'event',
          event: 'order.paid',
          contains: ['payment', 'order'],
          payload: { payment: { entity: payment }, order: { entity: sandbox.store.orders.get(orderId) } },
        });
        return Array.from({ length: 5 }, () => [
          { ...captured, id: `evt_StormCaptured${String(i).padStart(3, '0')}` },
          { ...orderPaid, id: `evt_StormOrderPaid${String(i).padStart(3, '0')}` },
        ]).flat();
      });
      // Forgeries: a wrong secret, a real signature on an altered body, none at all.
      const forged = Array.from({ length: 100 }, (_, i) => {
        const real = deliveries[i % deliveries.length]!;
        if (i % 3 === 0) return { ...signed(JSON.parse(real.raw) as object, 'guessed-secret'), id: `evt_Forged${i}` };
        if (i % 3 === 1)
          return {
            raw: real.raw.replace('"captured"', '"refunded"').replace('order.paid', 'order.paid '),
            signature: real.signature,
            id: `evt_Forged${i}`,
          };
        return { raw: real.raw, signature: '', id: `evt_Forged${i}` };
      });
      const all = [
        ...deliveries.map((d) => ({ ...d, real: true })),
        ...forged.map((d) => ({ ...d, real: false })),
      ].sort(() => Math.random() - 0.5);
      const replies = await Promise.all(
        all.map(async (d) => ({
          real: d.real,
          status: (
            await fetch(`${server.url}/webhooks/razorpay`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-razorpay-signature': d.signature,
                'x-razorpay-event-id': d.id,
              },
              body: d.raw,
            })
          ).status,
        })),
      );
      expect(replies.filter((r) => r.real).every((r) => r.status === 200)).toBe(true);
      expect(replies.filter((r) => !r.real).every((r) => r.status === 400)).toBe(true);
      const ids = paid.map((p) => p.bookingId);
      expect(await ctx.prisma.booking.count({ where: { id: { in: ids }, status: 'CONFIRMED' } })).toBe(20);
      expect(await ctx.prisma.ticket.count({ where: { bookingId: { in: ids } } })).toBe(20);
      expect(await ctx.prisma.webhookEvent.count({ where: { eventId: { startsWith: 'evt_Storm' } } })).toBe(40);
      expect(await ctx.prisma.webhookEvent.count({ where: { eventId: { startsWith: 'evt_Forged' } } })).toBe(0);
      expect(await ctx.prisma.refund.count({ where: { bookingId: { in: ids } } })).toBe(0);
    } finally {
      sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    }
  }, 60_000);

  it('refuses a forged webhook with 400 and records nothing', async () => {
    const { bookingId } = await holdSeats(1);
    const before = await ctx.prisma.webhookEvent.count();
    const { raw, signature } = signed({ entity: 'event', event: 'payment.captured', payload: {} }, 'not-the-secret');
    for (const headers of [{ 'x-razorpay-signature': signature }, {}, { 'x-razorpay-signature': 'zz' }] as Record<
      string,
      string
    >[]) {
      const res = await fetch(`${server.url}/webhooks/razorpay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-razorpay-event-id': 'evt_Forged000001', ...headers },
        body: raw,
      });
      expect(res.status).toBe(400);
    }
    expect(await ctx.prisma.webhookEvent.count()).toBe(before);
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe('PENDING');
  });
});

describe('a payment that cannot be honoured', () => {
  it('is refunded automatically when it lands after the hold expired, and the booking says why', async () => {
    const { customer, bookingId } = await holdSeats(1);
    const qrOrder = await customer.payments.createOrder.mutate({ bookingId, method: 'upi_qr' });
    // The hold runs out (the expiry job does exactly this): its QR is closed at once...
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { expireOverdueBookings } = await import('../holds/expire-bookings');
    await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'job' });
    expect(sandbox.store.qrCodes.get(qrOrder.qr!.id)).toMatchObject({ status: 'closed' });
    const refused = await refusal(customer.payments.createOrder.mutate({ bookingId, method: 'checkout' }));
    expect(refused.data.appCode).toBe('BOOKING_EXPIRED');

    // ...but a Checkout modal left open can still pay the order: that money goes back.
    const paid = await sandbox.control(`/_sandbox/orders/${qrOrder.orderId}/pay`, { outcome: 'captured' });
    const booking = await eventually(
      () => customer.bookings.get.query({ bookingId }),
      (b) => b.status === 'REFUNDED',
    );
    expect(booking).toMatchObject({
      status: 'REFUNDED',
      statusReason: 'paid after the hold ended; refunded',
      tickets: [],
    });
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds).toEqual([
      expect.objectContaining({
        razorpayPaymentId: paid.razorpay_payment_id,
        requestedBy: 'SYSTEM',
        amountPaise: qrOrder.amountPaise,
        status: 'PROCESSED',
      }),
    ]);
    expect(sandbox.store.payments.get(paid.razorpay_payment_id!)).toMatchObject({
      status: 'refunded',
      refund_status: 'full',
    });
    // Verifying the same payment afterwards changes nothing and refunds nothing twice.
    const late = await customer.payments.verify.mutate({
      bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });
    expect(late.status).toBe('REFUNDED');
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(1);
  });
});

describe('reconciliation', () => {
  it('confirms a booking whose webhook was lost', async () => {
    const { customer, bookingId } = await holdSeats(2);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'upi_qr' });
    sandbox.setWebhookUrl(null); // the webhook never arrives
    try {
      const deliveries = sandbox.store.webhooks.length;
      await sandbox.control(`/_sandbox/qr_codes/${order.qr!.id}/pay`, {});
      // The sandbox decides at payment time, synchronously, that no webhook goes out: none is on its way.
      expect(sandbox.store.webhooks.slice(deliveries)).toEqual([]);
      expect((await customer.bookings.get.query({ bookingId })).status).toBe('PENDING');
      const result = await reconcilePayments(ctx);
      expect(result.settled).toBeGreaterThanOrEqual(1);
      const booking = await customer.bookings.get.query({ bookingId });
      expect(booking.status).toBe('CONFIRMED');
      expect(booking.tickets).toHaveLength(2);
      // Running it again changes nothing.
      await reconcilePayments(ctx);
      expect(await ctx.prisma.ticket.count({ where: { bookingId } })).toBe(2);
    } finally {
      sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    }
  });
});

describe('the QR code of a hold that ends', () => {
  it('is closed when the customer releases the hold, so it cannot take money', async () => {
    const { customer, bookingId } = await holdSeats(1);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'upi_qr' });
    await customer.holds.release.mutate({ bookingId });
    expect(sandbox.store.qrCodes.get(order.qr!.id)).toMatchObject({ status: 'closed', close_reason: 'on_demand' });
  });
});

describe('refunding a confirmed booking', () => {
  it('refunds the payment in full once, records who asked, and puts the seats back on sale', async () => {
    const { customer, bookingId, seatIds, showtimeId, amountPaise } = await holdSeats(2);
    const order = await customer.payments.createOrder.mutate({ bookingId, method: 'checkout' });
    const paid = await sandbox.control(`/_sandbox/orders/${order.orderId}/pay`, { outcome: 'captured' });
    await customer.payments.verify.mutate({
      bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });

    const [first, second] = await Promise.all([
      refundBooking(ctx, { bookingId, requestedBy: 'CUSTOMER_SERVICE', reason: 'customer asked at the counter' }),
      refundBooking(ctx, { bookingId, requestedBy: 'CUSTOMER_SERVICE', reason: 'customer asked at the counter' }),
    ]);
    expect([first.alreadyRefunded, second.alreadyRefunded].sort()).toEqual([false, true]);
    expect(first.refundId).toBe(second.refundId);
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds).toEqual([
      expect.objectContaining({
        requestedBy: 'CUSTOMER_SERVICE',
        amountPaise,
        status: 'PROCESSED',
        reason: 'customer asked at the counter',
      }),
    ]);
    expect(sandbox.store.payments.get(paid.razorpay_payment_id!)).toMatchObject({
      status: 'refunded',
      amount_refunded: amountPaise,
    });
    expect((await customer.bookings.get.query({ bookingId })).status).toBe('REFUNDED');
    const map = await customer.catalog.seatMap.query({ showtimeId });
    expect(map.seats.filter((s) => seatIds.includes(s.id)).map((s) => s.state)).toEqual(['available', 'available']);
  });

  it('refuses to refund a booking that was never paid', async () => {
    const { bookingId } = await holdSeats(1);
    await expect(refundBooking(ctx, { bookingId, requestedBy: 'MANAGER', reason: 'x' })).rejects.toThrow(
      /only a paid booking/,
    );
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(0);
  });
});
