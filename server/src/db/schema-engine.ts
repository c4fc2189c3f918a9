// Prisma's own schema engine, compiled to wasm and driven through the pg driver adapter.
// Why: the native schema-engine binary that `prisma migrate` downloads is not reachable from these
// machines. The wasm build is the same engine, so migrations are generated, applied and recorded in
// `_prisma_migrations` exactly as `prisma migrate deploy` would, and drift is Prisma's own diff.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { migrationsDir, repoRoot, schemaPath } from './prisma-paths';

export { migrationsDir, schemaPath };

// @types/node 20 does not declare the WebAssembly global; this is the one call we make.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  // The package is built for bundlers (it imports the .wasm file directly), so Node instantiates it by hand.
  wasmReady ??= (async () => {
    const wasmPath = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': wasmBindings,
    });
    wasmBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

type Queryable = {
  performIO: (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;
  startTransaction?: (...a: unknown[]) => Promise<Queryable>;
  executeScript?: (script: string) => Promise<void>;
  client?: { query: (text: string) => Promise<unknown> };
  onError?: (err: unknown) => never;
};
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * Two fixes to adapter-pg for the schema engine. It cannot map Postgres' internal one-byte `"char"`
 * type (pg_class.relkind and friends), which introspection reads; its values arrive as strings, so
 * they are reported as text. And it splits scripts on ";" (see executeScript below).
 */
function patchForSchemaEngine<T>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) q.startTransaction = async (...args) => patchForSchemaEngine(await startTransaction(...args));
  // adapter-pg splits a migration script on every ";", which breaks function bodies and string
  // literals; Postgres runs a multi-statement script as one simple query, as Prisma's native engine does.
  if (q.executeScript && q.client && q.onError) {
    const { client } = q;
    const onError = q.onError.bind(q);
    q.executeScript = async (script) => {
      try {
        await client.query(script);
      } catch (err) {
        onError(err);
      }
    };
  }
  return queryable;
}

/** The engine does not close what it connects; we keep each adapter to dispose of it ourselves. */
function adapterFactory(
  databaseUrl: string,
  opened: { dispose: () => Promise<void> }[],
): SqlMigrationAwareDriverAdapterFactory {
  const pg = new PrismaPg({ connectionString: databaseUrl });
  const track = <T extends { dispose: () => Promise<void> }>(adapter: T): T => {
    // The engine disposes some adapters itself (shadow databases) and not others; once is enough.
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => (disposed ??= dispose());
    opened.push(adapter);
    return patchForSchemaEngine(adapter);
  };
  return {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => track(await pg.connect()),
    // adapter-pg's own shadow database is dropped while its pool is still connected, which fails;
    // callers that need a shadow database create a throwaway one and pass it as the database itself.
    connectToShadowDb: async () => track(await pg.connect()),
  };
}

export function readSchema(): string {
  return readFileSync(schemaPath, 'utf8');
}

export function readMigrations(): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const dirs = readdirSync(migrationsDir)
    .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: readFileSync(lockPath, 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

async function withEngine<T>(
  opts: { databaseUrl: string },
  fn: (engine: wasmBindings.SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const schema = readSchema();
  const opened: { dispose: () => Promise<void> }[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory(opts.databaseUrl, opened));
  const engine = await wasmBindings.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, factory);
  try {
    return await fn(engine, schema);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/** Applies every migration not yet applied, as `prisma migrate deploy` does. Returns their names. */
export function applyMigrations(opts: { databaseUrl: string }): Promise<string[]> {
  return withEngine(opts, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/** SQL that would turn the live database into schema.prisma; empty when they match. */
export function diffDatabaseToSchema(opts: { databaseUrl: string }): Promise<{ inSync: boolean; script: string }> {
  return withEngine(opts, async (engine, schema) => {
    const files = [{ path: 'schema.prisma', content: schema }];
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: repoRoot },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return { inSync: result.exitCode === 0, script: result.stdout ?? '' };
  });
}

/**
 * SQL for a new migration: from what the existing migrations build to schema.prisma. The engine
 * replays the migrations in a shadow database; give it a throwaway database, as it connects there first.
 */
export function diffMigrationsToSchema(opts: { databaseUrl: string }): Promise<{ inSync: boolean; script: string }> {
  return withEngine(opts, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrations() },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return { inSync: result.exitCode === 0, script: result.stdout ?? '' };
  });
}
