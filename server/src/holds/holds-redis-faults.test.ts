// Redis flushed or dead: holds go on with Postgres alone and nothing is sold twice.
// These tests run their own redis-server; the machine's shared Redis is never flushed or stopped.
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { hasRedisServer, TestRedisServer } from '../test/redis-server';
import { canRun } from '../test/skip';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { readSeatOwners } from '../seat-keys/redis-holds';
import { restoreHoldKeys } from '../seat-keys/restore-hold-keys';

const runs = canRun(
  'holds when Redis fails (holds-redis-faults.test.ts)',
  hasRedisServer,
  'redis-server is not installed (Debian: apt-get install redis-server)',
);

describe.skipIf(!runs)('holds when Redis fails', () => {
  let redisServer: TestRedisServer;
  let ctx: TTestContext;
  let server: TTestServer;

  beforeAll(async () => {
    redisServer = await TestRedisServer.start();
    ctx = await createTestContext({ REDIS_URL: redisServer.url, DATABASE_POOL_SIZE: '20' });
    await seedCinema(ctx.prisma);
    // Arbitrary seat picks: the seat rules (tested in seat-rules.test.ts) would refuse many of them.
    await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
    await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
    server = await startTestServer(ctx);
  });
  afterAll(async () => {
    await server.close();
    await ctx.close();
    await redisServer.kill();
  });

  async function attempt(client: ReturnType<typeof createCustomerClient>, showtimeId: string, seatIds: string[]) {
    try {
      return { seatIds, hold: await client.holds.create.mutate({ showtimeId, seatIds }) };
    } catch (err) {
      if (!(err instanceof TRPCClientError)) throw err;
      return { seatIds, error: err.data as { appCode: string; takenSeatIds?: string[] } };
    }
  }

  it('refuses a seat held before a FLUSHALL: Postgres still knows it', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const first = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
    await ctx.redis.flushall();
    const second = await attempt(createCustomerClient(server.url), showtime.id, [seatIds[1]!, seatIds[2]!]);
    expect(second.error).toMatchObject({ appCode: 'HOLD_SEAT_TAKEN', takenSeatIds: [seatIds[1]] });
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: first.bookingId } })).status).toBe('PENDING');
    // The refused hold left no key behind, and the lost keys come back from Postgres.
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 3))).toEqual([null, null, null]);
    expect(await restoreHoldKeys(ctx)).toBe(2);
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 3))).toEqual([
      first.bookingId,
      first.bookingId,
      null,
    ]);
  });

  it('sells no seat twice when Redis dies in the middle of a contention run, reports degraded, and rebuilds keys when it returns', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const pool = seatIds.slice(0, 20);
    const wanted = Array.from({ length: 200 }, (_, i) =>
      [pool[i % 20]!, pool[(i * 7 + 3) % 20]!].filter((v, j, a) => a.indexOf(v) === j),
    );
    // Redis is killed once 20 attempts have finished, while the others are on their way.
    let settled = 0;
    let twentyDone!: () => void;
    const killNow = new Promise<void>((resolve) => (twentyDone = resolve));
    const attempts = wanted.map(async (seats, i) => {
      await new Promise((r) => setTimeout(r, i)); // arrivals spread over ~200 ms, as a crowd's are
      const outcome = await attempt(createCustomerClient(server.url), showtime.id, seats);
      if (++settled === 20) twentyDone();
      return outcome;
    });
    await killNow;
    await redisServer.kill();
    const outcomes = await Promise.all(attempts);

    expect(outcomes.filter((o) => o.error && o.error.appCode !== 'HOLD_SEAT_TAKEN')).toEqual([]);
    const active = await ctx.prisma.bookingSeat.findMany({ where: { showtimeId: showtime.id, active: true } });
    expect(new Set(active.map((s) => s.seatId)).size).toBe(active.length);
    const winners = outcomes.filter((o) => o.hold);
    expect(active.length).toBe(winners.reduce((n, w) => n + w.seatIds.length, 0));

    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'degraded' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/marquee_redis_degraded_operations_total\{operation="hold"\} [1-9]/);

    // Holds keep working on Postgres alone while Redis is down.
    const free = seatIds.slice(30, 32);
    const degradedHold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: free,
    });
    expect(degradedHold.bookingId).toBeTruthy();

    await redisServer.resume();
    const open = await ctx.prisma.bookingSeat.findMany({
      where: { showtimeId: showtime.id, active: true },
      select: { seatId: true, bookingId: true },
    });
    const until = Date.now() + 10_000;
    for (;;) {
      const owners = await readSeatOwners(
        ctx.redis,
        showtime.id,
        open.map((s) => s.seatId),
      ).catch(() => []);
      if (owners.length && owners.every((o, i) => o === open[i]!.bookingId)) break;
      if (Date.now() > until) throw new Error('hold keys were not rebuilt after Redis came back');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ok' });
  });
});
