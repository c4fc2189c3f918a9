// The SQL functions kept as source (server/src/**/sql/<function>.sql) are exactly the functions the
// migrations built: each file, run inside a transaction that is rolled back, leaves Postgres's own
// text of the function (pg_get_functiondef) unchanged. A source edited without its migration, or a
// migration without its source, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = readdirSync(serverSrc, { recursive: true, encoding: 'utf8' })
  .filter((f) => /(^|\/)sql\/[a-z_]+\.sql$/.test(f))
  .map((f) => ({ file: f, name: path.basename(f, '.sql'), text: readFileSync(path.join(serverSrc, f), 'utf8') }));

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

/** The function's definition after running `text` (rolled back), beside the one the migrations made. */
async function definitions(name: string, text: string): Promise<{ migrated: string[]; source: string[] }> {
  const query = `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE p.proname = $1 AND n.nspname = current_schema() ORDER BY p.oid`;
  const migrated = (await db.query<{ def: string }>(query, [name])).rows.map((r) => r.def);
  await db.query('BEGIN');
  try {
    await db.query(text);
    const source = (await db.query<{ def: string }>(query, [name])).rows.map((r) => r.def);
    return { migrated, source };
  } finally {
    await db.query('ROLLBACK');
  }
}

describe('SQL functions kept as source', () => {
  it('include the hold write', () => {
    expect(sources.map((s) => s.file)).toContain('holds/sql/marquee_write_holds.sql');
  });

  it.each(sources.map((s) => [s.file, s] as const))('%s is the migrated function, word for word', async (_, source) => {
    const { migrated, source: fromSource } = await definitions(source.name, source.text);
    expect(migrated).toHaveLength(1);
    expect(fromSource).toEqual(migrated);
  });

  it('notices a source that differs from the migrated function', async () => {
    const [hold] = sources.filter((s) => s.name === 'marquee_write_holds');
    const edited = hold!.text.replace("'replaced by a new selection'", "'replaced'");
    expect(edited).not.toBe(hold!.text);
    const { migrated, source } = await definitions(hold!.name, edited);
    expect(source).not.toEqual(migrated);
  });
});
