// Database commands for people and for `npm start`: ensure-database, migrate, check, new-migration <name>.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { parseEnv } from '../env';
import { withDatabase } from './database-url';
import { dropDatabase, ensureDatabase } from './ensure-database';
import { applyMigrations, diffDatabaseToSchema, diffMigrationsToSchema, migrationsDir } from './schema-engine';
import { changedSqlFunctions, type TSqlFunctionSource } from './sql-functions';

/** The SQL function sources that differ from what the migrations build, found in a scratch database. */
async function sqlFunctionsToMigrate(databaseUrl: string): Promise<TSqlFunctionSource[]> {
  const scratch = withDatabase(databaseUrl, `marquee_scratch_${randomUUID().slice(0, 8)}`);
  await ensureDatabase(scratch);
  try {
    await applyMigrations({ databaseUrl: scratch });
    const db = new pg.Client({ connectionString: scratch });
    await db.connect();
    try {
      return await changedSqlFunctions(db);
    } finally {
      await db.end();
    }
  } finally {
    await dropDatabase(scratch);
  }
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const { DATABASE_URL } = parseEnv();
  switch (command) {
    case 'ensure-database': {
      const created = await ensureDatabase(DATABASE_URL);
      console.log(created ? 'created the database' : 'database exists');
      return;
    }
    case 'migrate': {
      const applied = await applyMigrations({ databaseUrl: DATABASE_URL });
      console.log(
        applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date',
      );
      return;
    }
    case 'check': {
      const { inSync, script } = await diffDatabaseToSchema({ databaseUrl: DATABASE_URL });
      if (!inSync) throw new Error(`the database differs from prisma/schema.prisma:\n${script}`);
      console.log('database matches prisma/schema.prisma');
      return;
    }
    case 'new-migration': {
      // The schema's changes (Prisma's diff), then every SQL function whose source (server/src/**/sql/)
      // differs from what the migrations build, so a function is edited in its source file only.
      if (!arg || !/^[a-z0-9_]+$/.test(arg)) throw new Error('usage: new-migration <snake_case_name>');
      const shadowDatabaseUrl = withDatabase(DATABASE_URL, `marquee_shadow_${randomUUID().slice(0, 8)}`);
      await ensureDatabase(shadowDatabaseUrl);
      let schemaScript: string;
      try {
        const { inSync, script } = await diffMigrationsToSchema({ databaseUrl: shadowDatabaseUrl });
        schemaScript = inSync ? '' : script;
      } finally {
        await dropDatabase(shadowDatabaseUrl);
      }
      const functions = await sqlFunctionsToMigrate(DATABASE_URL);
      if (!schemaScript && functions.length === 0)
        return console.log('schema.prisma, the SQL function sources and the migrations agree: nothing to do');
      const script = [
        schemaScript,
        ...functions.map((f) => `-- server/src/${f.file}, as kept in its source file\n${f.text.trimEnd()}\n`),
      ]
        .filter(Boolean)
        .join('\n');
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const dir = path.join(migrationsDir, `${stamp}_${arg}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'migration.sql'), script);
      console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
      for (const f of functions) console.log(`  with ${f.name} from server/src/${f.file}`);
      return;
    }
    default:
      throw new Error('usage: cli.ts ensure-database | migrate | check | new-migration <name>');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
