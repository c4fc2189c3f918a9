import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { readSeatOwners } from '../seat-keys/redis-holds';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext({ DATABASE_POOL_SIZE: '20' });
  await seedCinema(ctx.prisma);
  // Arbitrary seat picks: the seat rules (tested in seat-rules.test.ts) would refuse many of them.
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

/** A small deterministic PRNG (mulberry32), so a failing race can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('500 holders racing for overlapping seats of one showtime', () => {
  it('sells every seat at most once, completes every winner, and tells every loser exactly what was taken', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const pool = seatIds.slice(0, 40);
    const rand = random(20261125);
    const requests = Array.from({ length: 500 }, () => {
      const wanted = new Set<string>();
      const count = 1 + Math.floor(rand() * 4);
      while (wanted.size < count) wanted.add(pool[Math.floor(rand() * pool.length)]!);
      return [...wanted];
    });

    const outcomes = await Promise.all(
      requests.map(async (wanted) => {
        const client = createCustomerClient(server.url);
        try {
          const hold = await client.holds.create.mutate({ showtimeId: showtime.id, seatIds: wanted });
          return { ok: true as const, wanted, hold };
        } catch (err) {
          if (!(err instanceof TRPCClientError)) throw err;
          return {
            ok: false as const,
            wanted,
            error: err.data as { code: string; appCode: string; takenSeatIds?: string[] },
          };
        }
      }),
    );

    const winners = outcomes.flatMap((o) => (o.ok ? [o] : []));
    const losers = outcomes.flatMap((o) => (o.ok ? [] : [o]));
    // No request failed for any other reason: no pool or transaction time-outs, no 500s.
    expect(losers.map((l) => l.error.appCode).filter((c) => c !== 'HOLD_SEAT_TAKEN')).toEqual([]);
    expect(winners.length).toBeGreaterThan(5);

    const active = await ctx.prisma.bookingSeat.findMany({
      where: { showtimeId: showtime.id, active: true },
      include: { booking: true },
    });
    const ownerOf = new Map<string, string>();
    for (const seat of active) {
      expect(ownerOf.has(seat.seatId)).toBe(false);
      ownerOf.set(seat.seatId, seat.bookingId);
    }
    for (const { wanted, hold } of winners) {
      const booking = await ctx.prisma.booking.findUniqueOrThrow({
        where: { id: hold.bookingId },
        include: { seats: true },
      });
      expect(booking.status).toBe('PENDING');
      expect(booking.seats.map((s) => s.seatId).sort()).toEqual([...wanted].sort());
      expect(booking.amountPaise).toBe(hold.amountPaise);
      for (const seatId of wanted) expect(ownerOf.get(seatId)).toBe(hold.bookingId);
    }
    for (const { wanted, error } of losers) {
      expect(error.takenSeatIds?.length).toBeGreaterThan(0);
      for (const seatId of error.takenSeatIds ?? []) {
        expect(wanted).toContain(seatId);
        expect(ownerOf.has(seatId)).toBe(true); // nobody released, so a taken seat stays taken
      }
    }
    expect(active.length).toBe(winners.reduce((n, w) => n + w.wanted.length, 0));

    // Redis agrees with Postgres, seat by seat.
    const owners = await readSeatOwners(ctx.redis, showtime.id, pool);
    expect(owners).toEqual(pool.map((id) => ownerOf.get(id) ?? null));

    const map = await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId: showtime.id });
    expect(map.version).toBe(winners.length);
  });
});
