// Runs once per `vitest run`: checks the services, builds the migrated template database, and at
// the end removes whatever the run left: its Redis keys, its databases, and the template when no
// other run on this server still uses it.
import type { TestProject } from 'vitest/node';
import { Redis } from 'ioredis';
import pg from 'pg';
import { quoteIdent, withDatabase } from '../db/database-url';
import { applyMigrations } from '../db/schema-engine';
import {
  deleteRedisKeys,
  dropRunDatabases,
  dropStaleTestDatabases,
  newRunId,
  TEST_DB_PREFIX,
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
  templateName,
  withAdmin,
} from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    testRunId: string;
  }
}

/** Held shared by every live run for its whole length; taken exclusively only to drop the template. */
const RUNS_LOCK = 727275;

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

async function checkPostgres(): Promise<void> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
  } catch (err) {
    throw new Error(`Tests need PostgreSQL at ${TEST_POSTGRES_URL} (set TEST_POSTGRES_URL): ${(err as Error).message}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await Promise.all([checkPostgres(), checkRedis()]);
  const runId = newRunId();
  // Taken before the template is looked at, so a run ending meanwhile cannot drop it under this one.
  const runsLock = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await runsLock.connect();
  await runsLock.query('SELECT pg_advisory_lock_shared($1)', [RUNS_LOCK]);
  const template = templateName();
  await withAdmin(async (c) => {
    // One builder at a time across concurrent runs on this machine.
    await c.query('SELECT pg_advisory_lock(727274)');
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!rowCount) {
        const building = `${template}_building`;
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${quoteIdent(building)}`);
        await applyMigrations({ databaseUrl: withDatabase(TEST_POSTGRES_URL, building) });
        await c.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(template)}`);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(727274)');
    }
  });
  await dropStaleTestDatabases();
  project.provide('templateDatabase', template);
  project.provide('testRunId', runId);

  return async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const keys = await deleteRedisKeys(redis, `*test:${runId}-*`);
      if (keys) console.warn(`test teardown: deleted ${keys} Redis key(s) a test file left behind`);
    } finally {
      redis.disconnect();
    }
    const databases = await dropRunDatabases(runId);
    if (databases.length)
      console.warn(
        `test teardown: dropped ${databases.length} database(s) a test file left behind: ${databases.join(', ')}`,
      );
    // The template goes too, unless another run (holding the lock shared) still clones from it.
    try {
      await runsLock.query('SELECT pg_advisory_unlock_shared($1)', [RUNS_LOCK]);
      const { rows } = await runsLock.query<{ alone: boolean }>('SELECT pg_try_advisory_lock($1) AS alone', [
        RUNS_LOCK,
      ]);
      if (rows[0]!.alone) {
        // A run of older code holds no lock, but its files' databases show it is there.
        const others = await runsLock.query('SELECT 1 FROM pg_database WHERE datname LIKE $1', [`${TEST_DB_PREFIX}%`]);
        if (!others.rowCount) await runsLock.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
        await runsLock.query('SELECT pg_advisory_unlock($1)', [RUNS_LOCK]);
      }
    } finally {
      await runsLock.end();
    }
  };
}
