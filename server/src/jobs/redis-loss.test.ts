// The worker after Redis loses everything (FLUSHALL, or an empty restart): its job schedulers come
// back by themselves within seconds, an overdue hold is expired without restarting anything, and an
// outage costs the worker's log two lines, not a stack per queue per reconnect attempt.
// These tests run their own redis-server; the machine's shared Redis is never flushed or stopped.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { hasRedisServer, TestRedisServer } from '../test/redis-server';
import { canRun } from '../test/skip';
import { outboxRelayPasses } from '../test/jobs';
import { createTestContext, type TTestContext } from '../test/test-context';
import { JOB_SCHEDULES, SCHEDULE_CHECK_MS } from './job-schedules';
import { startWorkers } from '../workers/start-workers';

const runs = canRun(
  'the worker after Redis loss (redis-loss.test.ts)',
  hasRedisServer,
  'redis-server is not installed (Debian: apt-get install redis-server)',
);

describe.skipIf(!runs)('the worker after Redis loses its data', () => {
  let redisServer: TestRedisServer;
  let ctx: TTestContext;
  let workerServices: ReturnType<typeof createServices>;
  let workers: Awaited<ReturnType<typeof startWorkers>>;
  /** What the worker process logged, parsed. */
  const logged: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    redisServer = await TestRedisServer.start();
    ctx = await createTestContext({ REDIS_URL: redisServer.url });
    await seedCinema(ctx.prisma);
    // The worker as its own process would run it, with its log kept here.
    const log = pino(
      { level: 'debug' },
      { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    workerServices = createServices(ctx.env, 'worker', { log });
    workers = await startWorkers(workerServices);
  });
  afterAll(async () => {
    await workers.close();
    await workerServices.close();
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

  it('logs one line when Redis goes away and one when it is back, whatever the number of queues and attempts', async () => {
    const WARN = 40;
    const INFO = 30;
    logged.length = 0;
    await redisServer.kill();
    // Seven seconds down: every connection and queue retries several times meanwhile.
    await new Promise((r) => setTimeout(r, 7_000));
    await redisServer.resume();
    await eventually(
      () => logged.some((l) => l.msg.startsWith('redis is back')),
      (back) => back,
      10_000,
    );
    await eventually(schedulerIds, (ids) => ids.length === everyScheduler.length, 10_000);
    // Two of the worker's relay passes on the Redis that is back: whatever it logs after a return, it has.
    await outboxRelayPasses(2);
    const loud = logged.filter((l) => l.level >= WARN).map((l) => l.msg);
    expect(loud).toEqual(['redis unreachable; working on Postgres alone until it returns']);
    // Back: one line with the hold keys rebuilt, and one naming the schedulers Redis had lost.
    const news = logged.filter((l) => l.level === INFO).map((l) => l.msg);
    expect(news.filter((m) => m.startsWith('redis is back'))).toHaveLength(1);
    expect(news.filter((m) => m.includes('schedulers'))).toHaveLength(1);
    console.info(
      `7 s outage: ${logged.filter((l) => l.level >= INFO).length} lines at info or above (${logged.length} with debug)`,
    );
  });
});
