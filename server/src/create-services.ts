import { createDatabase } from './db/prisma';
import type { TEnv } from './env';
import { Jobs } from './jobs/queues';
import { createLogger, type Logger } from './logger';
import { metrics } from './metrics/metrics';
import { createRedis } from './redis';
import { restoreHoldKeys } from './seat-keys';
import { RazorpayGateway } from './razorpay/razorpay-gateway';
import {
  createBookingEvents,
  createCatalogEvents,
  createFleetEvents,
  createKioskCommands,
  createSeatEvents,
  createSeatStreams,
  createTonightEvents,
} from './realtime/live-events';
import { LiveStreams } from './realtime/live-streams';
import type { TServices } from './services';

export function createServices(
  env: TEnv,
  name: string,
  opts: { log?: Logger } = {},
): TServices & { close: () => Promise<void> } {
  const log = opts.log ?? createLogger(env, name);
  const { prisma, pool } = createDatabase({ databaseUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const redis = createRedis({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, clusterNodes: env.REDIS_CLUSTER_NODES });
  const seatEvents = createSeatEvents(redis, log, env.REDIS_PREFIX);
  const bookingEvents = createBookingEvents(redis, log, env.REDIS_PREFIX);
  const kioskCommands = createKioskCommands(redis, log, env.REDIS_PREFIX);
  const fleetEvents = createFleetEvents(redis, log, env.REDIS_PREFIX);
  const catalogEvents = createCatalogEvents(redis, log, env.REDIS_PREFIX);
  const tonightEvents = createTonightEvents(redis, log, env.REDIS_PREFIX);
  const seatStreams = createSeatStreams(seatEvents, log, {
    loadVersion: async (showtimeId) => {
      const { rows } = await pool.query<{ seatVersion: number }>({
        name: 'seat-version',
        text: 'SELECT "seatVersion" FROM "Showtime" WHERE id = $1::uuid',
        values: [showtimeId],
      });
      return rows[0]?.seatVersion ?? null;
    },
    maxBufferedBytes: env.LIVE_STREAM_BUFFER_BYTES,
  });
  const jobs = new Jobs(env, log);
  const services: TServices = {
    env,
    log,
    prisma,
    pg: pool,
    redis,
    seatEvents,
    seatStreams,
    bookingEvents,
    kioskCommands,
    fleetEvents,
    catalogEvents,
    tonightEvents,
    liveStreams: new LiveStreams(env),
    jobs,
    razorpay: new RazorpayGateway(env),
  };

  // ioredis reports every failed reconnect; one line when Redis goes away and one when it is back.
  let downSince: number | undefined;
  metrics.redisUp.set(0);
  redis.on('error', (err: Error) => {
    if (downSince === undefined) {
      downSince = Date.now();
      log.warn({ err }, 'redis unreachable; working on Postgres alone until it returns');
    } else log.debug({ err }, 'redis still unreachable');
    metrics.redisUp.set(0);
  });
  redis.on('ready', () => {
    metrics.redisUp.set(1);
    if (downSince === undefined) return;
    const downMs = Date.now() - downSince;
    downSince = undefined;
    restoreHoldKeys(services).then(
      (restored) => log.info({ downMs, restoredHoldKeys: restored }, 'redis is back; hold keys rebuilt from Postgres'),
      (err: unknown) =>
        log.error({ err, downMs }, 'redis is back, but rebuilding hold keys failed; the sweeper retries'),
    );
  });

  return {
    ...services,
    close: async () => {
      seatStreams.close();
      seatEvents.close();
      bookingEvents.close();
      kioskCommands.close();
      fleetEvents.close();
      catalogEvents.close();
      tonightEvents.close();
      await jobs.close();
      await prisma.$disconnect();
      await pool.end();
      redis.disconnect();
    },
  };
}
