// SQL functions kept as source beside the code that calls them (server/src/<domain>/sql/<name>.sql,
// one CREATE OR REPLACE FUNCTION each). The migrations build them; these helpers tell whether a
// database's function is exactly its source, so a test can hold the two together and
// `npm run db:migration` can put a changed source into the next migration.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface TSqlFunctionSource {
  /** Path under server/src, e.g. holds/sql/marquee_write_holds.sql. */
  file: string;
  /** The function's name: the file's name without .sql. */
  name: string;
  text: string;
}

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function readSqlFunctionSources(): TSqlFunctionSource[] {
  return readdirSync(serverSrc, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)sql\/[a-z_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      file,
      name: path.basename(file, '.sql'),
      text: readFileSync(path.join(serverSrc, file), 'utf8'),
    }));
}

const DEFINITIONS = `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE p.proname = $1 AND n.nspname = current_schema() ORDER BY p.oid`;

/**
 * Postgres's own text of the function as the database has it, and as it would be after running
 * `text` (inside a transaction that is rolled back, so the database is left as it was).
 */
export async function functionDefinitions(
  db: pg.ClientBase,
  name: string,
  text: string,
): Promise<{ current: string[]; fromSource: string[] }> {
  const current = (await db.query<{ def: string }>(DEFINITIONS, [name])).rows.map((r) => r.def);
  await db.query('BEGIN');
  try {
    await db.query(text);
    const fromSource = (await db.query<{ def: string }>(DEFINITIONS, [name])).rows.map((r) => r.def);
    return { current, fromSource };
  } finally {
    await db.query('ROLLBACK');
  }
}

/** The sources whose function differs from (or is missing in) the database. */
export async function changedSqlFunctions(
  db: pg.ClientBase,
  sources: TSqlFunctionSource[] = readSqlFunctionSources(),
): Promise<TSqlFunctionSource[]> {
  const changed: TSqlFunctionSource[] = [];
  for (const source of sources) {
    const { current, fromSource } = await functionDefinitions(db, source.name, source.text);
    if (current.length !== fromSource.length || current.some((def, i) => def !== fromSource[i])) changed.push(source);
  }
  return changed;
}
