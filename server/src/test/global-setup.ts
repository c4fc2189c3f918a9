// Runs once per `vitest run`: checks the services, builds the migrated template database.
import type { TestProject } from 'vitest/node';
import { Redis } from 'ioredis';
import { quoteIdent, withDatabase } from '../db/database-url';
import { applyMigrations } from '../db/schema-engine';
import { dropStaleTestDatabases, TEST_POSTGRES_URL, TEST_REDIS_URL, templateName, withAdmin } from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

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

export default async function setup(project: TestProject): Promise<void> {
  await Promise.all([checkPostgres(), checkRedis()]);
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
}
