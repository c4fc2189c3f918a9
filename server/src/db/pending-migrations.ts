// The API and the worker refuse to start on a database behind the code's migrations: queries written
// for columns that are not there yet would fail one request at a time instead of once, at start.
// Migrations are their own step (`node server/dist/db.js migrate`, or `npm run db:migrate`).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { migrationsDir } from './prisma-paths';

const UNDEFINED_TABLE = '42P01';

export class MigrationsPendingError extends Error {
  override name = 'MigrationsPendingError';
}

/** The migration folders the code ships, oldest first. */
export function shippedMigrations(dir: string = migrationsDir): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
}

/** The shipped migrations the database has not applied (finished and not rolled back), oldest first. */
export async function pendingMigrations(
  pool: Pick<pg.Pool, 'query'>,
  shipped = shippedMigrations(),
): Promise<string[]> {
  let applied: Set<string>;
  try {
    const { rows } = await pool.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch (err) {
    if ((err as { code?: unknown }).code !== UNDEFINED_TABLE) throw err;
    applied = new Set();
  }
  return shipped.filter((name) => !applied.has(name));
}

/** Throws, with what to run, when the database is behind; a database ahead (a newer release migrated it) is fine. */
export async function assertMigrated(pool: Pick<pg.Pool, 'query'>, shipped = shippedMigrations()): Promise<void> {
  const pending = await pendingMigrations(pool, shipped);
  if (pending.length === 0) return;
  throw new MigrationsPendingError(
    `the database is behind this release: ${pending.length} migration(s) not applied (${pending.at(-1)}${
      pending.length > 1 ? ' and older' : ''
    }). Run the migrations first: \`node server/dist/db.js migrate\` (a checkout: \`npm run db:migrate\`).`,
  );
}
