import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { applyMigrations, diffDatabaseToSchema, migrationsDir, readMigrations } from './schema-engine';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('build a database that matches schema.prisma exactly (no drift)', async () => {
    const { inSync, script } = await diffDatabaseToSchema({ databaseUrl: ctx.databaseUrl });
    expect(script.trim()).toBe('-- This is an empty migration.');
    expect(inSync).toBe(true);
  });

  it('are recorded as prisma migrate deploy records them, so it would accept this database', async () => {
    const rows = await sql<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name');
    const expected = readMigrations().migrationDirectories.map((d) => ({
      migration_name: d.path,
      checksum: createHash('sha256')
        .update(readFileSync(path.join(migrationsDir, d.path, 'migration.sql')))
        .digest('hex'),
    }));
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  });

  it('apply nothing a second time', async () => {
    expect(await applyMigrations({ databaseUrl: ctx.databaseUrl })).toEqual([]);
  });

  it('keep the partial unique index that stops a seat being sold twice', async () => {
    const [index] = await sql<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'BookingSeat_active_seat_key'",
    );
    expect(index?.indexdef).toMatch(
      /CREATE UNIQUE INDEX .* ON public\."BookingSeat" USING btree \("showtimeId", "seatId"\) WHERE active/,
    );
  });

  it('report drift when the database no longer matches the schema', async () => {
    await sql('DROP INDEX "BookingSeat_active_seat_key"');
    await sql('ALTER TABLE "Movie" ADD COLUMN "stray" text');
    const { inSync, script } = await diffDatabaseToSchema({ databaseUrl: ctx.databaseUrl });
    expect(inSync).toBe(false);
    expect(script).toContain('DROP COLUMN "stray"');
    expect(script).toMatch(/CREATE UNIQUE INDEX "BookingSeat_active_seat_key" .* WHERE \(?active\)?/);
  });
});
