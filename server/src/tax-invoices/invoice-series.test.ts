// The invoice series under load: two API instances taking signed webhooks and two workers settling
// payments as the reconciler does, all at once, some settlements rolled back after confirming (in a
// batch, or alone after taking a number). The series must come out 1…n with no gap, repeat or
// reordering, and the financial year must turn at midnight of 31 March, India time.
import { createHmac } from 'node:crypto';
import { financialYearOf, taxDocumentNumber } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { withTransaction } from '../db/prisma';
import { settleInBatch } from '../payments/settle-in-batches';
import { settleCapturedPayment } from '../payments/settle-payment';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { pendingBookings as pendingBookingsOf, type TPendingBooking } from '../test/pending-bookings';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let others: ReturnType<typeof createServices>[] = [];
let apis: TTestServer[] = [];
let cinemaId: string;

beforeAll(async () => {
  ctx = await createTestContext({ DATABASE_POOL_SIZE: '12' });
  await seedCinema(ctx.prisma);
  cinemaId = (await ctx.prisma.cinema.findFirstOrThrow({ where: { slug: 'marquee-demo' } })).id;
  others = ['api-b', 'worker-a', 'worker-b'].map((name) => createServices(ctx.env, name));
  apis = [await startTestServer(ctx), await startTestServer(others[0]!)];
});
afterAll(async () => {
  for (const api of apis) await api.close();
  for (const o of others) await o.close();
  await ctx?.close();
});

/** PENDING bookings of one seat each, as holds leave them, over enough shows of Audi 2 (90 seats). */
async function pendingBookings(count: number): Promise<TPendingBooking[]> {
  const bookings: TPendingBooking[] = [];
  while (bookings.length < count) {
    const { showtime } = await futureShowtime(ctx.prisma);
    bookings.push(...(await pendingBookingsOf(ctx.pg, showtime, count - bookings.length)));
  }
  return bookings;
}

function paymentFor(b: TPendingBooking) {
  return { bookingId: b.id, paymentId: b.paymentId, orderId: b.orderId, amountPaise: b.amountPaise };
}

/** A signed payment.captured delivery, as Razorpay sends it, to one API instance. */
async function deliverWebhook(api: TTestServer, b: TPendingBooking): Promise<number> {
  const p = paymentFor(b);
  const raw = JSON.stringify({
    entity: 'event',
    event: 'payment.captured',
    contains: ['payment'],
    payload: {
      payment: { entity: { id: p.paymentId, amount: p.amountPaise, status: 'captured', order_id: p.orderId } },
    },
    created_at: 1,
  });
  const res = await fetch(`${api.url}/webhooks/razorpay`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-razorpay-signature': createHmac('sha256', ctx.env.RAZORPAY_WEBHOOK_SECRET).update(raw).digest('hex'),
      'x-razorpay-event-id': `evt_${p.paymentId.slice(4)}`,
    },
    body: raw,
  });
  await res.arrayBuffer();
  return res.status;
}

class RolledBack extends Error {}

/** A worker settling a captured payment as the reconciler does: in its process's next batch. `rollBack` fails it after it confirmed, so its savepoint is rolled back. */
async function settleOnWorker(
  worker: ReturnType<typeof createServices>,
  b: TPendingBooking,
  { rollBack = false }: { rollBack?: boolean } = {},
) {
  return settleInBatch(worker, {
    booking: { bookingId: b.id },
    run: async (tx, batch) => {
      const settled = await settleCapturedPayment(
        tx,
        worker,
        { ...paymentFor(b), method: 'CHECKOUT' },
        undefined,
        batch,
      );
      if (rollBack) throw new RolledBack();
      return settled;
    },
  });
}

/** A settlement in a transaction of its own, numbering its invoice at once; `rollBack` aborts it after the number is taken. */
async function settleAlone(
  worker: ReturnType<typeof createServices>,
  b: TPendingBooking,
  { rollBack = false, now }: { rollBack?: boolean; now?: Date } = {},
) {
  return withTransaction(worker.pg, async (tx) => {
    const settled = await settleCapturedPayment(tx, worker, { ...paymentFor(b), method: 'CHECKOUT' }, now);
    if (rollBack) {
      // Hold the counter a moment, so others queue behind the number this transaction gives back.
      await tx.query('SELECT pg_sleep(0.005)');
      throw new RolledBack();
    }
    return settled;
  });
}

async function invoiceSeries(kind: 'INVOICE' | 'CREDIT_NOTE' = 'INVOICE') {
  return ctx.prisma.taxDocument.findMany({
    where: { cinemaId, kind },
    orderBy: [{ financialYear: 'asc' }, { serial: 'asc' }],
  });
}

describe('the invoice series', () => {
  it('numbers 1,000 bookings confirmed at once by two API instances and two workers 1 to 1,000, also when some confirmations roll back', async () => {
    const bookings = await pendingBookings(1000);
    const workers = [others[1]!, others[2]!];
    const confirmations = bookings.map((b, i) => {
      if (i % 4 < 2) return deliverWebhook(apis[i % 4]!, b);
      const worker = workers[i % 4 === 2 ? 0 : 1]!;
      // One in ten worker settlements is first tried and rolled back: alone after taking its
      // number, or in a batch after confirming; then it is settled again.
      if (i % 10 === 3 || i % 10 === 7)
        return (
          i % 10 === 3 ? settleAlone(worker, b, { rollBack: true }) : settleOnWorker(worker, b, { rollBack: true })
        ).then(
          () => {
            throw new Error('a rolled-back settlement committed');
          },
          (err: unknown) => {
            if (!(err instanceof RolledBack)) throw err;
            return settleOnWorker(worker, b);
          },
        );
      return settleOnWorker(worker, b);
    });
    const results = await Promise.all(confirmations);
    expect(results.filter((r) => typeof r === 'number' && r !== 200)).toEqual([]);

    const confirmed = await ctx.prisma.booking.count({
      where: { id: { in: bookings.map((b) => b.id) }, status: 'CONFIRMED' },
    });
    expect(confirmed).toBe(1000);
    const series = await invoiceSeries();
    expect(series.map((d) => d.serial)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(series.map((d) => d.bookingId)).size).toBe(1000);
    const fy = financialYearOf(new Date());
    expect(series.map((d) => d.number)).toEqual(
      series.map((d) => taxDocumentNumber({ prefix: 'MQD', kind: 'INVOICE', financialYear: fy, serial: d.serial })),
    );
    // Numbers follow the order of issue: no later number is dated before an earlier one.
    for (let i = 1; i < series.length; i++)
      expect(series[i]!.issuedAt.getTime()).toBeGreaterThanOrEqual(series[i - 1]!.issuedAt.getTime());
    const amounts = new Map(bookings.map((b) => [b.id, b.amountPaise]));
    expect(series.every((d) => d.totalPaise === amounts.get(d.bookingId))).toBe(true);
    const counter = await ctx.prisma.taxDocumentCounter.findUniqueOrThrow({
      where: { cinemaId_kind_financialYear: { cinemaId, kind: 'INVOICE', financialYear: fy } },
    });
    expect(counter.lastSerial).toBe(1000);
  }, 120_000);

  it('rolls back a settlement that fails in a batch alone: the others of its batch confirm, with consecutive numbers', async () => {
    const bookings = await pendingBookings(20);
    const worker = others[1]!;
    const before = await ctx.prisma.taxDocument.count({ where: { cinemaId, kind: 'INVOICE' } });
    // Asked in one turn of the event loop, the twenty share a batch.
    const results = await Promise.allSettled(bookings.map((b, i) => settleOnWorker(worker, b, { rollBack: i === 7 })));
    expect(results.map((r) => r.status)).toEqual(bookings.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    expect((results[7] as PromiseRejectedResult).reason).toBeInstanceOf(RolledBack);
    const failed = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookings[7]!.id } });
    expect(failed.status).toBe('PENDING');
    expect(await ctx.prisma.ticket.count({ where: { bookingId: bookings[7]!.id } })).toBe(0);
    expect(await ctx.prisma.taxDocument.count({ where: { bookingId: bookings[7]!.id } })).toBe(0);
    const docs = await ctx.prisma.taxDocument.findMany({
      where: { bookingId: { in: bookings.map((b) => b.id) } },
      orderBy: { serial: 'asc' },
    });
    expect(docs.map((d) => d.serial)).toEqual(Array.from({ length: 19 }, (_, i) => before + i + 1));
  });

  it('batches the settlements of one process together, also when each request has its own copy of the services', async () => {
    // tRPC gives each request a context that is a copy of the services: they share one pool, so one batch.
    const seen = await Promise.all(
      [{ ...ctx }, { ...ctx }, { ...ctx }].map((copy) =>
        settleInBatch(copy, { booking: {}, run: (tx) => Promise.resolve(tx) }),
      ),
    );
    expect(new Set(seen).size).toBe(1);
  });

  it('starts a new series at midnight of 31 March, India time', async () => {
    const [late, early] = await pendingBookings(2);
    const worker = others[1]!;
    await settleAlone(worker, late!, { now: new Date('2031-03-31T23:59:59.999+05:30') });
    await settleAlone(worker, early!, { now: new Date('2031-04-01T00:00:00.000+05:30') });
    const byBooking = new Map(
      (await ctx.prisma.taxDocument.findMany({ where: { bookingId: { in: [late!.id, early!.id] } } })).map((d) => [
        d.bookingId,
        d,
      ]),
    );
    expect(byBooking.get(late!.id)).toMatchObject({ financialYear: 2030, number: 'MQD/3031/0000001', serial: 1 });
    expect(byBooking.get(early!.id)).toMatchObject({ financialYear: 2031, number: 'MQD/3132/0000001', serial: 1 });
    expect(byBooking.get(late!.id)!.issuedAt.toISOString()).toBe('2031-03-31T18:29:59.999Z');
    expect(byBooking.get(early!.id)!.issuedAt.toISOString()).toBe('2031-03-31T18:30:00.000Z');
  });

  it('gives a rolled-back number to the next confirmation', async () => {
    const [first, second] = await pendingBookings(2);
    const worker = others[2]!;
    const now = new Date('2028-06-01T12:00:00+05:30');
    await expect(settleAlone(worker, first!, { now, rollBack: true })).rejects.toBeInstanceOf(RolledBack);
    await settleAlone(worker, second!, { now });
    await settleAlone(worker, first!, { now });
    const docs = await ctx.prisma.taxDocument.findMany({
      where: { cinemaId, financialYear: 2028 },
      orderBy: { serial: 'asc' },
    });
    expect(docs.map((d) => [d.bookingId, d.number])).toEqual([
      [second!.id, 'MQD/2829/0000001'],
      [first!.id, 'MQD/2829/0000002'],
    ]);
  });
});
