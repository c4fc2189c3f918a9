import { createPrisma } from './db/prisma';
import type { TEnv } from './env';
import { createLogger } from './logger';
import { createRedis } from './redis';
import type { TServices } from './services';

export function createServices(env: TEnv, name: string): TServices & { close: () => Promise<void> } {
  const log = createLogger(env, name);
  const prisma = createPrisma({ databaseUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const redis = createRedis({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX });
  // ioredis reports every failed reconnect; one line per state change is enough.
  let redisUp = true;
  redis.on('error', (err: Error) => {
    if (redisUp) log.warn({ err }, 'redis unreachable; working on Postgres alone until it returns');
    redisUp = false;
  });
  redis.on('ready', () => {
    if (!redisUp) log.info('redis is back');
    redisUp = true;
  });
  return {
    env,
    log,
    prisma,
    redis,
    close: async () => {
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}
