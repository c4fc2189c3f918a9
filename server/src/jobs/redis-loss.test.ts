// The worker after Redis loses everything (FLUSHALL, or an empty restart): its job schedulers come
// back by themselves within seconds, and an overdue hold is expired without restarting anything.
// These tests run their own redis-server; the machine's shared Redis is never flushed or stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { hasRedisServer, TestRedisServer } from '../test/redis-server';
import { canRun } from '../test/skip';
import { createTestContext, type TTestContext } from '../test/test-context';
import { JOB_SCHEDULES, SCHEDULE_CHECK_MS } from './job-schedules';
import { startWorkers } from './start-workers';

const runs = canRun(
  'the worker after Redis loss (redis-loss.test.ts)',
  hasRedisServer,
  'redis-server is not installed (Debian: apt-get install redis-server)',
);

describe.skipIf(!runs)('the worker after Redis loses its data', () => {
  let redisServer: TestRedisServer;
  let ctx: TTestContext;
  let workers: Awaited<ReturnType<typeof startWorkers>>;

  beforeAll(async () => {
    redisServer = await TestRedisServer.start();
    ctx = await createTestContext({ REDIS_URL: redisServer.url });
    await seedCinema(ctx.prisma);
    workers = await startWorkers(ctx);
  });
  afterAll(async () => {
    await workers.close();
    await ctx.close();
    await redisServer.kill();
  });

  const schedulerIds = async () =>
    (await Promise.all(JOB_SCHEDULES.map((s) => s.queue(ctx.jobs).getJobScheduler(s.id))))
      .filter((s) => s !== undefined)
      .map((s) => s.key)
      .sort();
  const everyScheduler = JOB_SCHEDULES.map((s) => s.id).sort();

  /** A PENDING hold that ended `agoMs` ago and whose own expiry job Redis never had (or lost). */
  async function overdueHold(agoMs: number) {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    return ctx.prisma.booking.create({
      data: {
        code: `OV${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: `web:overdue-${agoMs}`,
        amountPaise: 100,
        expiresAt: new Date(Date.now() - agoMs),
        seats: { create: [{ showtimeId: showtime.id, seatId: seatIds[0]!, pricePaise: 100 }] },
      },
    });
  }
  const statusOf = async (id: string) => (await ctx.prisma.booking.findUniqueOrThrow({ where: { id } })).status;

  it('re-creates every job scheduler within one check after a FLUSHALL, and the sweep expires an overdue hold', async () => {
    expect(await schedulerIds()).toEqual(everyScheduler);
    await ctx.redis.flushall();
    const flushedAt = Date.now();
    expect(await schedulerIds()).toEqual([]);
    // Overdue by a day: the sweep has no window.
    const hold = await overdueHold(24 * 3600_000);
    await eventually(schedulerIds, (ids) => ids.length === everyScheduler.length, SCHEDULE_CHECK_MS + 5_000);
    const backAfterMs = Date.now() - flushedAt;
    await eventually(
      () => statusOf(hold.id),
      (s) => s === 'EXPIRED',
      10_000,
    );
    const expiredAfterMs = Date.now() - flushedAt;
    expect(backAfterMs).toBeLessThan(SCHEDULE_CHECK_MS + 5_000);
    console.info(`after FLUSHALL: schedulers back in ${backAfterMs} ms, overdue hold expired in ${expiredAfterMs} ms`);
  });

  it('re-creates them as soon as a Redis restarted empty is ready, and the sweep runs again', async () => {
    await redisServer.kill();
    const hold = await overdueHold(5_000);
    await redisServer.resume();
    const restartedAt = Date.now();
    await eventually(schedulerIds, (ids) => ids.length === everyScheduler.length, 10_000);
    const backAfterMs = Date.now() - restartedAt;
    await eventually(
      () => statusOf(hold.id),
      (s) => s === 'EXPIRED',
      10_000,
    );
    const expiredAfterMs = Date.now() - restartedAt;
    // The producer connection's `ready`, not the periodic check, brings them back (its retry is at most 2 s).
    expect(backAfterMs).toBeLessThan(SCHEDULE_CHECK_MS);
    console.info(
      `after an empty restart: schedulers back in ${backAfterMs} ms, overdue hold expired in ${expiredAfterMs} ms`,
    );
  });
});
