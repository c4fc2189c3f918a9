// A show cancelled while its bookings' payments are being settled, in batches as webhooks and
// verify calls settle them, or while its customers change their seats: each locks the show and its
// bookings, in the one order of docs/design.md (bookings before shows), so none is ever chosen to
// break a deadlock. Every booking ends either cancelled with its payment refunded once, or
// confirmed and on the cancellation's refund list; none is left pending, and no hold is written
// on the show once it is cancelled.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeHold } from '../holds/insert-hold';
import { writeHoldWithRetries } from '../holds/write-hold-with-retries';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { pendingBookings, settleAsWebhook } from '../test/pending-bookings';
import { createTestContext, type TTestContext } from '../test/test-context';
import { cancelShowtime } from './cancel-showtime';

let ctx: TTestContext;
let actor: { userId: string; cinemaId: string };

beforeAll(async () => {
  ctx = await createTestContext({ DATABASE_POOL_SIZE: '12' });
  const { cinemaId } = await seedCinema(ctx.prisma);
  const manager = await ctx.prisma.staffUser.findFirstOrThrow({ where: { cinemaId } });
  actor = { userId: manager.id, cinemaId };
});
afterAll(async () => {
  await ctx?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('cancels a show while its payments settle, 20 times, with no deadlock and every booking accounted for', async () => {
  for (let round = 0; round < 20; round++) {
    // Two shows, so a batch settles bookings of another show around the cancelled one's.
    const [{ showtime }, { showtime: other }] = [await futureShowtime(ctx.prisma), await futureShowtime(ctx.prisma)];
    const bookings = await pendingBookings(ctx.pg, showtime, 4);
    const others = await pendingBookings(ctx.pg, other, 2);
    const [cancelled, ...settled] = await Promise.all([
      pause(round % 5).then(() => cancelShowtime(ctx, { actor, showtimeId: showtime.id, reason: 'projector failed' })),
      ...[...bookings, ...others].map((b) => settleAsWebhook(ctx, b)),
    ]);
    expect(cancelled.alreadyCancelled).toBe(false);
    for (const s of settled) expect(s.kind === 'confirmed' || s.kind === 'refund').toBe(true);

    const rows = await ctx.prisma.booking.findMany({
      where: { id: { in: bookings.map((b) => b.id) } },
      include: { refunds: true, tickets: { where: { voidedAt: null } } },
    });
    const confirmed = rows.filter((r) => r.status === 'CONFIRMED');
    const closed = rows.filter((r) => r.status === 'CANCELLED');
    expect(confirmed.length + closed.length).toBe(bookings.length);
    // Paid before the show went: refunded by the cancellation's jobs, one each.
    expect(cancelled.refunds).toBe(confirmed.length);
    for (const r of confirmed) expect(r.tickets).toHaveLength(1);
    // Paid after: the settlement refunded the payment itself, once.
    for (const r of closed) {
      expect(r.refunds).toHaveLength(1);
      expect(r.refunds[0]!.reason).toBe('paid after the hold ended; refunded');
      expect(r.tickets).toHaveLength(0);
    }
    expect(
      await ctx.prisma.booking.count({ where: { id: { in: others.map((b) => b.id) }, status: 'CONFIRMED' } }),
    ).toBe(others.length);
    expect((await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtime.id } })).cancelled).toBe(true);
  }
}, 60_000);

/** Deadlocks Postgres has broken in this file's database so far (its statistics, flushed within a second or so). */
async function deadlocks(): Promise<number> {
  const { rows } = await ctx.pg.query<{ n: string }>(
    `SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0]!.n);
}

it('cancels a show while its customers change their seats, 20 times, with no deadlock', async () => {
  // A hold's write tries again after a deadlock, so Postgres's own count of them is what tells.
  await pause(1_500);
  const before = await deadlocks();
  for (let round = 0; round < 20; round++) {
    const { showtime } = await futureShowtime(ctx.prisma);
    const held = await pendingBookings(ctx.pg, showtime, 4);
    const { rows: seats } = await ctx.pg.query<{ id: string; pricePaise: number }>(
      `SELECT s.id::text, p."pricePaise" FROM "Seat" s JOIN "ShowtimePrice" p ON p."showtimeId" = $1 AND p."seatType" = s.type
        WHERE s."screenId" = $2 ORDER BY s.label OFFSET 10 LIMIT 4`,
      [showtime.id, showtime.screenId],
    );
    const now = new Date();
    // Each customer's new selection replaces their hold, in the same batched write as the others'.
    const changes = held.map((b, i) =>
      writeHold(ctx.pg, b.id, {
        bookingId: uuidv7(),
        code: `R${String(round * 4 + i).padStart(5, '0')}`,
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: `web:${b.id}`,
        kioskId: null,
        amountPaise: seats[i]!.pricePaise,
        feePaise: 0,
        expiresAt: new Date(now.getTime() + 600_000),
        lines: [{ seatId: seats[i]!.id, pricePaise: seats[i]!.pricePaise }],
        now,
      }),
    );
    const [cancelled, ...written] = await Promise.all([
      pause(round % 4).then(() => cancelShowtime(ctx, { actor, showtimeId: showtime.id, reason: 'flooded' })),
      // A change written after the cancellation committed is refused: nothing is held on a cancelled show.
      ...changes.map((c) => c.catch((err: unknown) => err)),
    ]);
    expect(cancelled.alreadyCancelled).toBe(false);
    for (const w of written) if (typeof w !== 'number') expect(w).toMatchObject({ code: 'MQ410' });
    expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id, status: 'PENDING' } })).toBe(0);
    expect(await ctx.prisma.booking.count({ where: { id: { in: held.map((b) => b.id) }, status: 'CANCELLED' } })).toBe(
      held.length,
    );
  }
  await pause(1_500);
  expect(await deadlocks()).toBe(before);
}, 60_000);

it('refuses a hold whose checks passed before its show was cancelled and whose write came after', async () => {
  const { showtime } = await futureShowtime(ctx.prisma);
  const { rows: seats } = await ctx.pg.query<{ id: string; pricePaise: number }>(
    `SELECT s.id::text, p."pricePaise" FROM "Seat" s JOIN "ShowtimePrice" p ON p."showtimeId" = $1 AND p."seatType" = s.type
      WHERE s."screenId" = $2 ORDER BY s.label LIMIT 1`,
    [showtime.id, showtime.screenId],
  );
  const seat = seats[0]!;
  await cancelShowtime(ctx, { actor, showtimeId: showtime.id, reason: 'projector failed' });
  const now = new Date();
  const refused = await writeHoldWithRetries(
    ctx,
    {
      bookingId: uuidv7(),
      showtimeId: showtime.id,
      channel: 'WEB',
      holder: 'web:late-customer',
      kioskId: null,
      amountPaise: seat.pricePaise,
      feePaise: 0,
      expiresAt: new Date(now.getTime() + 600_000),
      lines: [{ seatId: seat.id, pricePaise: seat.pricePaise }],
      now,
    },
    { seatIds: [seat.id], previous: null, undoKeys: null },
  ).catch((err: unknown) => err);
  expect(refused).toMatchObject({ code: 'HOLD_SHOW_CANCELLED' });
  expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id } })).toBe(0);
});
