// The outbox end to end, with this file's own redis-server, a real SMTP server and the real worker:
// a booking confirmed while Redis is down, or whose receipt job a FLUSHALL took, still gets exactly
// one receipt once Redis is back. The machine's shared Redis is never stopped or flushed.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpCatcher } from '../../mail/smtp-catcher';
import { createCustomerClient } from '../../test/customer-client';
import { eventually } from '../../test/eventually';
import { futureShowtime, seedCinema } from '../../test/fixtures';
import { finishedJob, outboxRelayPasses } from '../../test/jobs';
import { startPaymentSandbox, TEST_RAZORPAY } from '../../test/payment-sandbox';
import { freePort, hasRedisServer, TestRedisServer } from '../../test/redis-server';
import { canRun } from '../../test/skip';
import { createTestContext, type TTestContext } from '../../test/test-context';
import { startTestServer, type TTestServer } from '../../test/test-server';
import { RECEIPTS_QUEUE, receiptJobId } from '../receipts';
import { startWorkers } from '../../workers/start-workers';

const runs = canRun(
  'the outbox when Redis fails (outbox.test.ts)',
  hasRedisServer,
  'redis-server is not installed (Debian: apt-get install redis-server)',
);

describe.skipIf(!runs)('work recorded in the outbox', () => {
  let redisServer: TestRedisServer;
  let sandbox: TSandbox & { url: string };
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
    await workers.close();
    await server.close();
    await sandbox.app.close();
    await smtp.close();
    await ctx.close();
    await redisServer.kill();
  });

  /** A held booking with an email and a Checkout order, ready to be paid. */
  async function readyToPay(email: string) {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
    await customer.bookings.setContact.mutate({ bookingId: hold.bookingId, email });
    const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method: 'checkout' });
    const pay = async () => {
      const res = await fetch(`${sandbox.url}/_sandbox/orders/${order.orderId}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"outcome":"captured"}',
      });
      const paid = (await res.json()) as Record<string, string>;
      return customer.payments.verify.mutate({
        bookingId: hold.bookingId,
        razorpay_order_id: paid.razorpay_order_id!,
        razorpay_payment_id: paid.razorpay_payment_id!,
        razorpay_signature: paid.razorpay_signature!,
      });
    };
    return { bookingId: hold.bookingId, code: hold.code, pay };
  }

  const mailsFor = (code: string) => smtp.messages.filter((m) => m.subject?.includes(code));
  const outboxRows = (bookingId: string) =>
    ctx.prisma.outboxEntry.findMany({ where: { bookingId }, orderBy: { kind: 'asc' } });
  const metricValue = async (name: string) => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  };

  it('sends exactly one receipt once Redis is back, for a booking confirmed while it was down', async () => {
    const { bookingId, code, pay } = await readyToPay('down@example.com');
    await redisServer.kill();
    expect(await pay()).toEqual({ bookingId, status: 'CONFIRMED' });
    // The confirmation recorded the receipt (due now) and the reminder (2 hours before the show).
    const rows = await outboxRows(bookingId);
    expect(rows.map((r) => [r.kind, r.jobId, r.doneAt])).toEqual([
      ['RECEIPT', receiptJobId(bookingId), null],
      ['REMINDER', `reminder-${bookingId}`, null],
    ]);
    expect(await metricValue('marquee_outbox_waiting')).toBe(1);
    expect(await metricValue('marquee_outbox_oldest_seconds')).toBeGreaterThanOrEqual(0);

    await redisServer.resume();
    const back = Date.now();
    await eventually(
      () => mailsFor(code),
      (m) => m.length > 0,
      15_000,
    );
    const receiptAfterMs = Date.now() - back;
    expect(await finishedJob(ctx.jobs.receipts, receiptJobId(bookingId))).toBe('completed');
    await eventually(
      async () => (await outboxRows(bookingId))[0]!.doneAt,
      (d) => d !== null,
    );
    // A few more relay passes change nothing: still one email, and the log says sent once.
    await outboxRelayPasses(2);
    expect(mailsFor(code)).toHaveLength(1);
    expect(await ctx.prisma.emailLog.findMany({ where: { bookingId, kind: 'RECEIPT' } })).toEqual([
      expect.objectContaining({ status: 'SENT', dedupeKey: `receipt:${bookingId}` }),
    ]);
    expect(await metricValue('marquee_outbox_waiting')).toBe(0);
    // The reminder is not due yet: it waits in Postgres, not in Redis.
    expect((await outboxRows(bookingId))[1]).toMatchObject({ doneAt: null, enqueuedAt: null });
    console.info(`receipt of a booking confirmed during the outage sent ${receiptAfterMs} ms after Redis returned`);
  });

  it('queues a receipt job again after a FLUSHALL took it before any worker ran it, and sends it once', async () => {
    const receiptsWorker = workers.workers.find((w) => w.worker.name === RECEIPTS_QUEUE)!.worker;
    await receiptsWorker.pause();
    try {
      const { bookingId, code, pay } = await readyToPay('flushed@example.com');
      await pay();
      await eventually(
        () => ctx.jobs.receipts.getJob(receiptJobId(bookingId)),
        (j) => j !== undefined,
      );
      await ctx.redis.flushall();
      await receiptsWorker.resume();
      await eventually(
        () => mailsFor(code),
        (m) => m.length > 0,
        15_000,
      );
      expect(await finishedJob(ctx.jobs.receipts, receiptJobId(bookingId))).toBe('completed');
      await outboxRelayPasses(2);
      expect(mailsFor(code)).toHaveLength(1);
      // Relayed twice: at the confirmation, and again once the relay found its job gone.
      const [receipt] = await outboxRows(bookingId);
      expect(receipt!.doneAt).not.toBeNull();
      expect(receipt!.relayCount).toBe(2);
    } finally {
      await receiptsWorker.resume();
    }
  });
});
