// A test file's own world: a fresh database cloned from the template, its own Redis key prefix,
// the services built on them, and cleanup that leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createServices } from '../create-services';
import { parseEnv, type TEnv } from '../env';
import { isCluster } from '../redis';
import type { TServices } from '../services';
import { createTestDatabase, dropTestDatabase, TEST_REDIS_URL } from './test-databases';

export interface TTestContext extends TServices {
  databaseUrl: string;
  close: () => Promise<void>;
}

export async function createTestContext(overrides: Partial<Record<keyof TEnv, string>> = {}): Promise<TTestContext> {
  const databaseUrl = await createTestDatabase(inject('templateDatabase'));
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    DATABASE_POOL_SIZE: '10',
    ...overrides,
  });
  const services = createServices(env, 'test');
  if (services.redis.status !== 'ready') await new Promise((resolve) => services.redis.once('ready', resolve));
  return {
    ...services,
    databaseUrl,
    close: async () => {
      await deleteKeys(services, prefix);
      await services.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

async function deleteKeys({ redis }: TServices, prefix: string): Promise<void> {
  // A cluster's masters each hold some keys; their node connections take raw key names. A single
  // server's connection adds the prefix itself, so names are stripped first. SCAN never prefixes.
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) await node.del(isCluster(redis) ? key : key.slice(prefix.length));
    } while (cursor !== '0');
  }
}
