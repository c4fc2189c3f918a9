import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { assertMigrated, MigrationsPendingError, pendingMigrations, shippedMigrations } from './pending-migrations';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the start-up migration check', () => {
  it('passes on a database with every shipped migration applied', async () => {
    expect(shippedMigrations().length).toBeGreaterThan(0);
    expect(await pendingMigrations(ctx.pg)).toEqual([]);
    await expect(assertMigrated(ctx.pg)).resolves.toBeUndefined();
  });

  it('passes on a database a newer release has migrated further', async () => {
    await expect(assertMigrated(ctx.pg, shippedMigrations().slice(0, -1))).resolves.toBeUndefined();
  });

  it('refuses a database behind, naming the newest missing migration and the command to run', async () => {
    const shipped = [...shippedMigrations(), '29991231000000_from_the_future'];
    expect(await pendingMigrations(ctx.pg, shipped)).toEqual(['29991231000000_from_the_future']);
    const err = await assertMigrated(ctx.pg, shipped).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationsPendingError);
    expect((err as Error).message).toMatch(/1 migration\(s\) not applied \(29991231000000_from_the_future\)/);
    expect((err as Error).message).toContain('node server/dist/db.js migrate');
  });

  it('counts a failed or rolled-back migration as not applied, and an empty database as wholly behind', async () => {
    const [last] = shippedMigrations().slice(-1);
    await ctx.pg.query('UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1', [last]);
    try {
      expect(await pendingMigrations(ctx.pg)).toEqual([last]);
    } finally {
      await ctx.pg.query('UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1', [last]);
    }
    await ctx.pg.query('ALTER TABLE _prisma_migrations RENAME TO _prisma_migrations_aside');
    try {
      expect(await pendingMigrations(ctx.pg)).toEqual(shippedMigrations());
    } finally {
      await ctx.pg.query('ALTER TABLE _prisma_migrations_aside RENAME TO _prisma_migrations');
    }
  });
});
