import { createDatabase } from './db/prisma';
import type { TEnv } from './env';
import { Jobs } from './jobs/queues';
import { createLogger } from './logger';
import { metrics } from './metrics/metrics';
import { createRedis } from './redis';
import { restoreHoldKeys } from './holds/restore-hold-keys';
import { RazorpayGateway } from './payments/razorpay-gateway';
import {
  createBookingEvents,
  createCatalogEvents,
  createFleetEvents,
  createKioskCommands,
  createSeatEvents,
} from './realtime/live-events';
import { LiveStreams } from './realtime/live-streams';
import type { TServices } from './services';

export function createServices(env: TEnv, name: string): TServices & { close: () => Promise<void> } {
  const log = createLogger(env, name);
  const { prisma, pool } = createDatabase({ databaseUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const redis = createRedis({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, clusterNodes: env.REDIS_CLUSTER_NODES });
  const seatEvents = createSeatEvents(redis, log, env.REDIS_PREFIX);
  const bookingEvents = createBookingEvents(redis, log, env.REDIS_PREFIX);
  const kioskCommands = createKioskCommands(redis, log, env.REDIS_PREFIX);
  const fleetEvents = createFleetEvents(redis, log, env.REDIS_PREFIX);
  const catalogEvents = createCatalogEvents(redis, log, env.REDIS_PREFIX);
  const jobs = new Jobs(env, log);
  const services: TServices = {
    env,
    log,
    prisma,
    pg: pool,
    redis,
    seatEvents,
    bookingEvents,
    kioskCommands,
    fleetEvents,
    catalogEvents,
    liveStreams: new LiveStreams(env),
    jobs,
    razorpay: new RazorpayGateway(env),
  };

  // ioredis reports every failed reconnect; one line per state change is enough.
  let redisUp = true;
  metrics.redisUp.set(0);
  redis.on('error', (err: Error) => {
    if (redisUp) log.warn({ err }, 'redis unreachable; working on Postgres alone until it returns');
    redisUp = false;
    metrics.redisUp.set(0);
  });
  redis.on('ready', () => {
    metrics.redisUp.set(1);
    if (redisUp) return;
    redisUp = true;
    log.info('redis is back; rebuilding hold keys from active bookings');
    restoreHoldKeys(services).catch((err: unknown) =>
      log.error({ err }, 'rebuilding hold keys failed; the sweeper will retry'),
    );
  });

  return {
    ...services,
    close: async () => {
      seatEvents.close();
      bookingEvents.close();
      kioskCommands.close();
      fleetEvents.close();
      catalogEvents.close();
      await jobs.close();
      await prisma.$disconnect();
      await pool.end();
      redis.disconnect();
    },
  };
}
