// A counter exchange from one show to another while a webhook batch confirms bookings of both:
// the exchange locks its two bookings, then the two shows, in the one order of docs/design.md
// (bookings by show and id, then shows by id), as the batch does, so neither is chosen to break a
// deadlock. Raced 20 times: every exchange done, every payment confirmed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { pendingBookings, settleAsWebhook } from '../test/pending-bookings';
import { createTestContext, type TTestContext } from '../test/test-context';
import { exchangeBooking } from './exchange-booking';

let ctx: TTestContext;
let actor: { userId: string; cinemaId: string };

beforeAll(async () => {
  ctx = await createTestContext({ DATABASE_POOL_SIZE: '12' });
  const { cinemaId } = await seedCinema(ctx.prisma);
  const manager = await ctx.prisma.staffUser.findFirstOrThrow({ where: { cinemaId, role: 'MANAGER' } });
  actor = { userId: manager.id, cinemaId };
});
afterAll(async () => {
  await ctx?.close();
});

/**
 * Resolves once another transaction holds the show's row as an UPDATE does, or after 200 ms: the
 * exchange is in the middle of its transaction, moving seat versions.
 */
async function showLocked(showtimeId: string) {
  const until = Date.now() + 200;
  while (Date.now() < until) {
    const free = await ctx.pg.query(`SELECT 1 FROM "Showtime" WHERE id = $1 FOR SHARE SKIP LOCKED`, [showtimeId]);
    if (!free.rowCount) return;
  }
}

it('exchanges a booking to an earlier show while a batch confirms bookings of both shows, 20 times, without a deadlock', async () => {
  for (let round = 0; round < 20; round++) {
    const [early, late] = [
      (await futureShowtime(ctx.prisma)).showtime,
      (await futureShowtime(ctx.prisma)).showtime,
    ].sort((x, y) => (x.id < y.id ? -1 : 1));
    // Sold at the counter on the later show; moved to the same seat of the earlier one, for nothing more.
    const [old] = await pendingBookings(ctx.pg, late!, 1);
    await ctx.pg.query(`UPDATE "Booking" SET channel = 'BOX_OFFICE' WHERE id = $1`, [old!.id]);
    await settleAsWebhook(ctx, old!);
    const seatId = (await ctx.prisma.bookingSeat.findFirstOrThrow({ where: { bookingId: old!.id } })).seatId;
    const paying = [
      ...(await pendingBookings(ctx.pg, early!, 2, { skipSeats: 1 })),
      ...(await pendingBookings(ctx.pg, late!, 2, { skipSeats: 1 })),
    ];
    // The batch ends (its last job is the later show's last booking) once the exchange has moved
    // the later show's seat version, or a moment has passed.
    const last = paying.length - 1;
    const ready = showLocked(late!.id);
    const [exchanged, ...settled] = await Promise.all([
      exchangeBooking(ctx, {
        actor,
        bookingId: old!.id,
        showtimeId: early!.id,
        seatIds: [seatId],
        reason: 'wrong day',
      }),
      ...paying.map((b, i) => settleAsWebhook(ctx, b, { ready: i === last ? ready : undefined })),
    ]);
    expect(exchanged.kind).toBe('done');
    expect(exchanged.differencePaise).toBe(0);
    for (const s of settled) expect(s.kind).toBe('confirmed');
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: old!.id } })).status).toBe('EXCHANGED');
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: exchanged.newBookingId } })).status).toBe(
      'CONFIRMED',
    );
  }
}, 60_000);
