// The SQL functions kept as source (server/src/**/sql/<function>.sql) are exactly the functions the
// migrations built: each file, run inside a transaction that is rolled back, leaves Postgres's own
// text of the function (pg_get_functiondef) unchanged. A source edited without its migration, or a
// migration without its source, fails here.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { changedSqlFunctions, functionDefinitions, readSqlFunctionSources } from './sql-functions';

const sources = readSqlFunctionSources();

let ctx: TTestContext;
let db: pg.Client;
beforeAll(async () => {
  ctx = await createTestContext();
  db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await ctx?.close();
});

describe('SQL functions kept as source', () => {
  it('include the hold write', () => {
    expect(sources.map((s) => s.file)).toContain('holds/sql/marquee_write_holds.sql');
  });

  it.each(sources.map((s) => [s.file, s] as const))('%s is the migrated function, word for word', async (_, source) => {
    const { current, fromSource } = await functionDefinitions(db, source.name, source.text);
    expect(current).toHaveLength(1);
    expect(fromSource).toEqual(current);
  });

  it('notices a source that differs from the migrated function', async () => {
    const [hold] = sources.filter((s) => s.name === 'marquee_write_holds');
    const edited = hold!.text.replace("'replaced by a new selection'", "'replaced'");
    expect(edited).not.toBe(hold!.text);
    const { current, fromSource } = await functionDefinitions(db, hold!.name, edited);
    expect(fromSource).not.toEqual(current);
    // What `npm run db:migration` puts into the next migration: the edited source, and only it.
    expect(await changedSqlFunctions(db, [...sources.filter((s) => s !== hold), { ...hold!, text: edited }])).toEqual([
      { ...hold!, text: edited },
    ]);
    expect(await changedSqlFunctions(db)).toEqual([]);
  });
});
