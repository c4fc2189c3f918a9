// Marquee on a real Redis Cluster (three masters started here): hold scripts, live seat updates,
// rate limits and the BullMQ queues all work through ioredis Cluster, because every multi-key
// script names keys of one hash tag ({st:<showtime>} for holds, {<prefix>bull} for queues).
import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../workers/start-workers';
import { isCluster } from '../redis';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { streamLive } from '../test/live';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { hasRedisCli, hasRedisServer, TestRedisCluster } from '../test/redis-server';
import { canRun } from '../test/skip';
import { refusal } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { holdKey } from '../seat-keys/hold-keys';
import { acquireSeats, readSeatOwners } from '../seat-keys/redis-holds';

let cluster: TestRedisCluster;
let ctx: TTestContext;
let server: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>;

const runs = canRun(
  'on a Redis Cluster (redis-cluster.test.ts)',
  hasRedisServer && hasRedisCli,
  'redis-server and redis-cli are not installed (Debian: apt-get install redis-server)',
);

beforeAll(async () => {
  if (!runs) return;
  cluster = await TestRedisCluster.start(3);
  ctx = await createTestContext({ REDIS_CLUSTER_NODES: cluster.nodes, HOLD_TTL_SECONDS: '2' });
  await seedCinema(ctx.prisma);
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  server = await startTestServer(ctx);
  workers = await startWorkers(ctx);
}, 60_000);
afterAll(async () => {
  await workers?.close();
  await server?.close();
  await ctx?.close();
  await cluster?.stop();
});

describe.skipIf(!runs)('on a Redis Cluster', () => {
  it('keeps every seat key of a showtime in one slot, and the cluster refuses a script across slots', async () => {
    expect(isCluster(ctx.redis)).toBe(true);
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const slots = await Promise.all(
      seatIds
        .slice(0, 20)
        .map((id) => ctx.redis.call('CLUSTER', 'KEYSLOT', `${ctx.env.REDIS_PREFIX}${holdKey(showtime.id, id)}`)),
    );
    expect(new Set(slots).size).toBe(1);
    // Without the hash tag, the same script over two keys is refused: this is why the tag is there.
    const node = isCluster(ctx.redis) ? ctx.redis.nodes('master')[0]! : ctx.redis;
    await expect(
      node.eval("return redis.call('GET', KEYS[1])", 2, `seat:${showtime.id}:a`, `seat:${showtime.id}:b`),
    ).rejects.toThrow(/CROSSSLOT/);
  });

  it('holds all or nothing through the Lua script, tells live clients, and refuses a taken seat', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const events: TSeatChangeEvent[] = [];
    const sub = createCustomerClient(server.url).seats.onChange.subscribe(
      { showtimeId: showtime.id },
      { onData: (e) => events.push(e) },
    );
    try {
      await streamLive(ctx.seatEvents, showtime.id);
      const customer = createCustomerClient(server.url);
      const first = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(10, 13) });
      // Redis (the cluster) holds the keys: a direct script run sees them taken.
      const direct = await acquireSeats(ctx.redis, {
        showtimeId: showtime.id,
        seatIds: seatIds.slice(12, 14),
        bookingId: 'someone-else',
        ttlMs: 5_000,
      });
      expect(direct).toMatchObject({ ok: false, takenSeatIds: [seatIds[12]], owners: [first.bookingId] });
      const second = await refusal(
        createCustomerClient(server.url).holds.create.mutate({
          showtimeId: showtime.id,
          seatIds: seatIds.slice(12, 15),
        }),
      );
      expect(second.data).toMatchObject({ appCode: 'HOLD_SEAT_TAKEN', takenSeatIds: [seatIds[12]] });
      await eventually(
        () => events,
        (e) => e.some((ev) => ev.seats.some((s) => s.id === seatIds[10] && s.state === 'held')),
        3_000,
      );
      expect(first.bookingId).toBeTruthy();
      // A new selection replaces it: one script frees the old keys and publishes the change on the cluster.
      const replaced = await customer.holds.create.mutate({
        showtimeId: showtime.id,
        seatIds: [seatIds[12]!, seatIds[16]!],
      });
      await eventually(
        () => events,
        (e) => e.some((ev) => ev.seats.some((s) => s.id === seatIds[10] && s.state === 'available')),
        3_000,
      );
      expect(
        await readSeatOwners(ctx.redis, showtime.id, [seatIds[10]!, seatIds[11]!, seatIds[12]!, seatIds[16]!]),
      ).toEqual([null, null, replaced.bookingId, replaced.bookingId]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('expires a hold by its BullMQ job on the cluster: the seats are back on sale', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(20, 22) });
    const booking = await eventually(
      () => ctx.prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } }),
      (b) => b.status === 'EXPIRED',
      8_000,
    );
    expect(booking.closedAt!.getTime() - booking.expiresAt.getTime()).toBeLessThan(2_000);
    await expect(
      createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(20, 22) }),
    ).resolves.toBeTruthy();
    expect((await ctx.jobs.expiry.getJobCounts('failed')).failed).toBe(0);
  }, 20_000);
});
