// Test isolation: every test file gets its own database, cloned from a template that holds the
// migrated schema (CREATE DATABASE … TEMPLATE is far faster than migrating each time).
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Cluster, type Redis } from 'ioredis';
import pg from 'pg';
import { quoteIdent, withDatabase } from '../db/database-url';
import { migrationsDir, schemaPath } from '../db/schema-engine';

/** The server the tests use; its `postgres` database is only used to create and drop others. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const TEST_DB_PREFIX = 'marquee_t_';
const STALE_AFTER_SECONDS = 2 * 60 * 60;

/** Changes whenever the schema or a migration changes, so a stale template is never used. */
export function templateName(): string {
  const hash = createHash('sha256').update(readFileSync(schemaPath));
  for (const dir of readdirSync(migrationsDir).sort()) {
    if (dir.endsWith('.toml')) continue;
    hash.update(dir).update(readFileSync(path.join(migrationsDir, dir, 'migration.sql')));
  }
  return `marquee_tpl_${hash.digest('hex').slice(0, 16)}`;
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** This run's tag (global-setup makes one per `vitest run`): in every database name and Redis prefix the run creates, so its teardown finds whatever a crashed or failed file left. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** The Redis key prefix of one test file of a run; BullMQ's keys are `{<prefix>bull}:…`, so `*test:<runId>-*` finds both. */
export function testRedisPrefix(runId: string): string {
  return `test:${runId}-${randomBytes(4).toString('hex')}:`;
}

export async function createTestDatabase(template: string, runId: string): Promise<string> {
  const name = `${TEST_DB_PREFIX}${Math.floor(Date.now() / 1000)}_${runId}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`));
  return withDatabase(TEST_POSTGRES_URL, name);
}

/** An empty database (no schema at all), named like the others so the run's teardown finds it. */
export async function createEmptyTestDatabase(runId: string): Promise<string> {
  const name = `${TEST_DB_PREFIX}${Math.floor(Date.now() / 1000)}_${runId}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return withDatabase(TEST_POSTGRES_URL, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Drops every database of this run that is still there (a file that failed before its afterAll, a killed worker). */
export async function dropRunDatabases(runId: string): Promise<string[]> {
  return withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DB_PREFIX}%\\_${runId}\\_%`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    return rows.map((r) => r.datname);
  });
}

/**
 * Deletes keys by raw name (no deployment prefix added), on one server or every master of a
 * cluster: `pattern` as SCAN's MATCH takes it.
 */
export async function deleteRedisKeys(redis: Redis | Cluster, pattern: string): Promise<number> {
  let deleted = 0;
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      // One key per DEL: a cluster's keys of one batch live in different slots.
      for (const key of keys) deleted += await node.del(key);
    } while (cursor !== '0');
  }
  return deleted;
}

/** Drops test databases left behind by runs that crashed hours ago (never a live run's). */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DB_PREFIX}%`,
    ]);
    const cutoff = Date.now() / 1000 - STALE_AFTER_SECONDS;
    for (const { datname } of rows) {
      const created = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
      if (created < cutoff) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
  });
}
