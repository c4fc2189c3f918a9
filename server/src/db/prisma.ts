import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { coalesceWrites } from '../net/coalesce-writes';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export type TTransaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
/**
 * A pg pool or a client checked out of it (inside a transaction). Hot statements are sent as named
 * prepared statements, so each connection plans them once instead of on every call.
 */
export type TSql = pg.Pool | pg.PoolClient;

/**
 * One pg pool per process, shared by Prisma (through its driver adapter) and by the few hot-path
 * statements written in SQL (holds): Prisma's raw-query path costs ~2 ms of CPU per call here,
 * ten times node-postgres, and holds.create is where a storm of customers lands.
 */
export function createDatabase(opts: { databaseUrl: string; poolSize: number }): {
  pool: pg.Pool;
  prisma: PrismaClient;
} {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize,
    // Fail fast when Postgres is gone, so callers can answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  // Each query's protocol messages leave in one write (see coalesce-writes.ts).
  pool.on('connect', (client) =>
    coalesceWrites((client as pg.PoolClient & Pick<pg.Client, 'connection'>).connection.stream),
  );
  pool.on('error', () => {}); // an idle client's connection dropped; the next query reconnects and reports
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

export function createPrisma(opts: { databaseUrl: string; poolSize: number }): PrismaClient {
  return createDatabase(opts).prisma;
}

/**
 * Runs fn in one transaction on one pooled connection; rolls back on any error. It does not try
 * again: a transaction that locks rows of bookings and shows takes them in the order of
 * bookings/lock-bookings.ts, so two never wait on each other in a circle (a deadlock, 40P01).
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {}); // the original error is what matters; a dead connection is dropped below
    throw err;
  } finally {
    client.release();
  }
}
