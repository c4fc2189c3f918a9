// Redis restarted empty while customers are paying, with this file's own redis-server, the payment
// sandbox over HTTP, a real SMTP server and the real worker: nothing the customers are owed is lost.
// Overdue holds expire, a payment whose webhook was lost is settled by reconciliation, and every
// confirmed booking with an email gets exactly one receipt and its reminder. The machine's shared
// Redis is never stopped or flushed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpCatcher } from '../mail/smtp-catcher';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { outboxRelayPasses } from '../test/jobs';
import { startPaymentSandbox, TEST_RAZORPAY, type TTestSandbox } from '../test/payment-sandbox';
import { freePort, hasRedisServer, TestRedisServer } from '../test/redis-server';
import { canRun } from '../test/skip';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { JOB_SCHEDULES } from './job-schedules';
import { startWorkers } from '../workers/start-workers';

const runs = canRun(
  'Redis restarted empty with payments in flight (redis-restart-in-flight.test.ts)',
  hasRedisServer,
  'redis-server is not installed (Debian: apt-get install redis-server)',
);

describe.skipIf(!runs)('Redis restarted empty with payments in flight', () => {
  let redisServer: TestRedisServer;
  let sandbox: TTestSandbox;
  let smtp: SmtpCatcher;
  let ctx: TTestContext;
  let server: TTestServer;
  let workers: Awaited<ReturnType<typeof startWorkers>>;

  beforeAll(async () => {
    redisServer = await TestRedisServer.start();
    sandbox = await startPaymentSandbox();
    const smtpPort = await freePort();
    smtp = new SmtpCatcher();
    await smtp.listen(smtpPort);
    ctx = await createTestContext({
      ...TEST_RAZORPAY,
      RAZORPAY_API_URL: sandbox.url,
      REDIS_URL: redisServer.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    });
    await seedCinema(ctx.prisma);
    server = await startTestServer(ctx);
    sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    workers = await startWorkers(ctx);
  });
  afterAll(async () => {
    await workers?.close();
    await server?.close();
    await sandbox?.app.close();
    await smtp?.close();
    await ctx?.close();
    await redisServer?.kill();
  });

  /** A customer holding one seat of a new show, with an email and a Checkout order. */
  async function heldWithOrder(email: string) {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
    await customer.bookings.setContact.mutate({ bookingId: hold.bookingId, email });
    const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method: 'checkout' });
    return { customer, bookingId: hold.bookingId, code: hold.code, order };
  }

  /** Pays through Checkout as the web app does: the bank pays, the handler's response goes to payments.verify. */
  async function payAndVerify(b: Awaited<ReturnType<typeof heldWithOrder>>) {
    const paid = await sandbox.control(`/_sandbox/orders/${b.order.orderId}/pay`, { outcome: 'captured' });
    return b.customer.payments.verify.mutate({
      bookingId: b.bookingId,
      razorpay_order_id: paid.razorpay_order_id!,
      razorpay_payment_id: paid.razorpay_payment_id!,
      razorpay_signature: paid.razorpay_signature!,
    });
  }

  const schedulerIds = async () => {
    const ids = await Promise.all(
      JOB_SCHEDULES.map(async (s) => (await s.queue(ctx.jobs).getJobSchedulers()).map((j) => j.key)),
    );
    return ids.flat();
  };

  it('expires every overdue hold, settles a payment whose webhook was lost, and sends each confirmed booking one receipt', async () => {
    const paying = await Promise.all(['a', 'b', 'c', 'd'].map((n) => heldWithOrder(`payer-${n}@example.com`)));
    const abandoned = await Promise.all(['e', 'f'].map((n) => heldWithOrder(`gone-${n}@example.com`)));
    const lostWebhook = await heldWithOrder('lost-webhook@example.com');
    // The abandoned holds are overdue: their expiry jobs are about to go with Redis's data.
    await ctx.prisma.booking.updateMany({
      where: { id: { in: abandoned.map((b) => b.bookingId) } },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });

    // Redis dies and comes back empty while four customers pay and a fifth's webhook is lost.
    sandbox.setWebhookUrl(null);
    const lostPayment = await sandbox.control(`/_sandbox/orders/${lostWebhook.order.orderId}/pay`, {
      outcome: 'captured',
    });
    expect(lostPayment.razorpay_payment_id).toBeTruthy();
    const payments = paying.map((b) => payAndVerify(b));
    await redisServer.kill();
    await redisServer.resume();
    const restartedAt = Date.now();
    sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
    const confirmed = await Promise.all(payments);
    expect(confirmed.map((c) => c.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED']);

    // Within seconds the sweeps are scheduled again, with no worker restarted.
    await eventually(schedulerIds, (ids) => ids.length === JOB_SCHEDULES.length, 15_000);
    const schedulersAfterMs = Date.now() - restartedAt;

    // The overdue holds expire and their seats go back on sale.
    const expired = await eventually(
      () => ctx.prisma.booking.findMany({ where: { id: { in: abandoned.map((b) => b.bookingId) } } }),
      (rows) => rows.every((r) => r.status === 'EXPIRED'),
      20_000,
    );
    expect(expired).toHaveLength(2);
    expect(
      await ctx.prisma.bookingSeat.count({
        where: { bookingId: { in: abandoned.map((b) => b.bookingId) }, active: true },
      }),
    ).toBe(0);

    // Reconciliation asks the bank about the booking whose webhook was lost, and confirms it.
    await eventually(
      () => ctx.prisma.booking.findUniqueOrThrow({ where: { id: lostWebhook.bookingId } }),
      (b) => b.status === 'CONFIRMED',
      20_000,
    );

    // Every confirmed booking with an email gets exactly one receipt, and its reminder is recorded.
    const owed = [...paying, lostWebhook];
    for (const b of owed) {
      await eventually(
        () => smtp.messages.filter((m) => m.subject?.includes(b.code)),
        (m) => m.length > 0,
        20_000,
      );
    }
    await eventually(
      () =>
        ctx.prisma.outboxEntry.count({
          where: { bookingId: { in: owed.map((b) => b.bookingId) }, kind: 'RECEIPT', doneAt: null },
        }),
      (waiting) => waiting === 0,
      20_000,
    );
    await outboxRelayPasses(2);
    for (const b of owed) expect(smtp.messages.filter((m) => m.subject?.includes(b.code))).toHaveLength(1);
    expect(
      await ctx.prisma.outboxEntry.count({
        where: { bookingId: { in: owed.map((b) => b.bookingId) }, kind: 'REMINDER' },
      }),
    ).toBe(owed.length);
    for (const b of abandoned) expect(smtp.messages.filter((m) => m.subject?.includes(b.code))).toHaveLength(0);
    console.info(`Redis restarted empty mid-payment: schedulers back in ${schedulersAfterMs} ms`);
  }, 90_000);
});
