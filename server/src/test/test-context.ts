// A test file's own world: a fresh database cloned from the template, its own Redis key prefix,
// the services built on them, and cleanup that leaves nothing behind.
import { inject } from 'vitest';
import { createServices } from '../create-services';
import { parseEnv, type TEnv } from '../env';
import { createRedis } from '../redis';
import type { TServices } from '../services';
import { bullPrefix } from '../jobs/queues';
import {
  createTestDatabase,
  deleteRedisKeys,
  dropTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
} from './test-databases';

/** Per-address hold limits high enough that one machine's many test customers never meet them. */
export const UNLIMITED_ADDRESS_HOLDS = {
  HOLD_SEATS_PER_ADDRESS_SOFT: '1000000',
  HOLD_SEATS_PER_ADDRESS_MAX: '1000000',
  HOLDS_PER_ADDRESS_HOURLY_SOFT: '1000000',
  HOLDS_PER_ADDRESS_PER_MINUTE: '1000000',
  WEB_SESSIONS_PER_ADDRESS_PER_MINUTE: '1000000',
} as const;

export interface TTestContext extends TServices {
  databaseUrl: string;
  close: () => Promise<void>;
}

export async function createTestContext(overrides: Partial<Record<keyof TEnv, string>> = {}): Promise<TTestContext> {
  const databaseUrl = await createTestDatabase(inject('templateDatabase'), inject('testRunId'));
  const prefix = testRedisPrefix(inject('testRunId'));
  let services: ReturnType<typeof createServices> | undefined;
  let env: TEnv | undefined;
  const close = async () => {
    try {
      await services?.close();
    } finally {
      try {
        if (env) await deleteKeys(env);
      } finally {
        await dropTestDatabase(databaseUrl);
      }
    }
  };
  try {
    env = parseEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      DATABASE_POOL_SIZE: '10',
      // Every client of a test is 127.0.0.1: suites that hold many seats set the seat-spinning limits
      // out of their way here; seat-spinning.test.ts and the journeys that test them set their own.
      ...UNLIMITED_ADDRESS_HOLDS,
      ...overrides,
    });
    services = createServices(env, 'test');
    const redis = services.redis;
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  } catch (err) {
    await close();
    throw err;
  }
  return { ...services, databaseUrl, close };
}

/**
 * Deletes the file's keys once its services are closed (nothing writes them any more): its own
 * (`<prefix>…`) and BullMQ's (`{<prefix>bull}:…`, repeatable jobs and schedulers included), on a
 * connection that adds no prefix of its own.
 */
async function deleteKeys(env: TEnv): Promise<void> {
  const redis = createRedis({
    url: env.REDIS_URL,
    prefix: '',
    clusterNodes: env.REDIS_CLUSTER_NODES,
    lazyConnect: true,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await deleteRedisKeys(redis, `${env.REDIS_PREFIX}*`);
    await deleteRedisKeys(redis, `${bullPrefix(env)}*`);
  } finally {
    redis.disconnect();
  }
}
