// An exchange paid by UPI is settled in a webhook batch, which ends the booking it replaces: the
// batch locks that booking and moves its show's seat version too. Two processes' batches sharing
// those rows (repeated deliveries of the same payments, as Razorpay sends them) lock them in the one
// order of docs/design.md: every booking of the batch, the replaced ones among them, by show and
// id before any job runs; the shows last, in id order. Raced 20 times each, no batch is chosen to
// break a deadlock, and every booking ends as it should: the new one confirmed, the old one
// exchanged with one credit note.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { pendingBookings, settleAsWebhook, type TPendingBooking } from '../test/pending-bookings';
import { createTestContext, type TTestContext } from '../test/test-context';
import type { TSettlement } from './settle-payment';

type TProcess = ReturnType<typeof createServices>;

let ctx: TTestContext;
let workers: TProcess[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ DATABASE_POOL_SIZE: '6' });
  await seedCinema(ctx.prisma);
  // Two processes: each settles in batches of its own, on a pool of its own.
  workers = ['worker-a', 'worker-b'].map((name) => createServices(ctx.env, name));
});
afterAll(async () => {
  for (const w of workers) await w.close();
  await ctx?.close();
});

interface TPayment {
  booking: TPendingBooking;
  amountPaise: number;
  /** Another payment than the booking's own order's. */
  paymentId?: string;
}

/** The payment settled in `worker`'s next batch, as a webhook delivery settles it. */
const settle = (worker: TProcess, { booking, amountPaise, paymentId }: TPayment): Promise<TSettlement> =>
  settleAsWebhook(worker, booking, { amountPaise, paymentId });

/** Several payments settled by one process at once: they share its next batch. */
const together = (worker: TProcess, payments: TPayment[]) => Promise.all(payments.map((p) => settle(worker, p)));

const paid = (b: TPendingBooking): TPayment => ({ booking: b, amountPaise: b.amountPaise });

type TShow = { id: string; screenId: string };

/**
 * A confirmed booking of one seat on `from`, and a PENDING one of two seats on `to` replacing it,
 * paying the difference; and a PENDING booking of another customer on `to`, made between the two
 * (booking ids grow as they are made).
 */
async function exchange(from: TShow, to: TShow) {
  const [old] = await pendingBookings(ctx.pg, from, 1);
  await settle(workers[0]!, paid(old!));
  const [other] = await pendingBookings(ctx.pg, to, 1, { skipSeats: 20 });
  const [replacing] = await pendingBookings(ctx.pg, to, 1, { skipSeats: 10 });
  const [second] = await pendingBookings(ctx.pg, to, 1, { skipSeats: 11 });
  // The second seat moves into the replacing booking: two seats, worth one more than the old one.
  await ctx.pg.query(`UPDATE "BookingSeat" SET "bookingId" = $1 WHERE "bookingId" = $2`, [replacing!.id, second!.id]);
  await ctx.pg.query(`DELETE FROM "Booking" WHERE id = $1`, [second!.id]);
  await ctx.pg.query(
    `UPDATE "Booking" SET "amountPaise" = $2, "creditPaise" = $3, "replacesBookingId" = $4 WHERE id = $1`,
    [replacing!.id, replacing!.amountPaise + second!.amountPaise, old!.amountPaise, old!.id],
  );
  return { old: old!, other: other!, replacing: { booking: replacing!, amountPaise: second!.amountPaise } };
}

async function expectExchanged(old: TPendingBooking, replacing: TPendingBooking) {
  const rows = await ctx.prisma.booking.findMany({
    where: { id: { in: [old.id, replacing.id] } },
    include: { taxDocuments: { where: { kind: 'CREDIT_NOTE' } }, refunds: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  expect(byId.get(replacing.id)!.status).toBe('CONFIRMED');
  expect(byId.get(old.id)!.status).toBe('EXCHANGED');
  expect(byId.get(old.id)!.taxDocuments).toHaveLength(1);
  expect(byId.get(replacing.id)!.refunds).toHaveLength(0);
}

it('settles an exchange in one batch while another batch settles the bookings it locks, 20 times, without a deadlock', async () => {
  for (let round = 0; round < 20; round++) {
    const { showtime } = await futureShowtime(ctx.prisma);
    // One show: the old booking sorts first, then the other customer's, then the one replacing the old.
    const { old, other, replacing } = await exchange(showtime, showtime);
    const [a, b] = await Promise.all([
      together(workers[0]!, [paid(other), replacing]),
      // In another process: a second payment for the old booking (refunded, whether it is still
      // confirmed or exchanged by then) and a repeated delivery of the other customer's.
      together(workers[1]!, [{ ...paid(old), paymentId: `${old.paymentId}_again` }, paid(other)]),
    ]);
    expect(a.map((s) => s.kind)).toEqual([expect.stringMatching(/confirmed|already/), 'confirmed']);
    expect(b.map((s) => s.kind)).toEqual(['refund', expect.stringMatching(/confirmed|already/)]);
    expect([a[0]!.kind, b[1]!.kind].sort()).toEqual(['already', 'confirmed']);
    await expectExchanged(old, replacing.booking);
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId: old.id } });
    expect(refunds.map((r) => r.razorpayPaymentId)).toEqual([`${old.paymentId}_again`]);
  }
}, 60_000);

it('moves the replaced booking’s show with the batch’s other shows, in id order, 20 times, without a deadlock', async () => {
  for (let round = 0; round < 20; round++) {
    const shows = [(await futureShowtime(ctx.prisma)).showtime, (await futureShowtime(ctx.prisma)).showtime].sort(
      (x, y) => (x.id < y.id ? -1 : 1),
    );
    // From the later show to the earlier one: the old show is moved after the new one in id order.
    const { old, replacing } = await exchange(shows[1]!, shows[0]!);
    const [early] = await pendingBookings(ctx.pg, shows[0]!, 1, { skipSeats: 30 });
    const [late] = await pendingBookings(ctx.pg, shows[1]!, 1, { skipSeats: 30 });
    const [first] = await pendingBookings(ctx.pg, shows[1]!, 1, { skipSeats: 31 });
    const [[ex, after]] = await Promise.all([
      // The exchange, and a booking of the later show settled after it in the batch.
      together(workers[0]!, [replacing, paid(late!)]),
      together(workers[1]!, [paid(early!), paid(first!)]),
    ]);
    // The batch moved the old show once for the exchange, then once for the later booking.
    if (ex?.kind !== 'confirmed' || after?.kind !== 'confirmed')
      throw new Error(`not confirmed: ${ex?.kind}, ${after?.kind}`);
    expect(ex.exchanged!.showtimeId).toBe(shows[1]!.id);
    expect(after.seatVersion).toBe(ex.exchanged!.seatVersion + 1);
    await expectExchanged(old, replacing.booking);
    expect(
      await ctx.prisma.booking.count({ where: { id: { in: [early!.id, late!.id, first!.id] }, status: 'CONFIRMED' } }),
    ).toBe(3);
  }
}, 60_000);
