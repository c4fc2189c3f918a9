import { defineConfig } from 'prisma/config';

// Prisma's CLI is used here for `prisma generate` only: migrations are applied by Prisma's own
// schema engine compiled to wasm (server/src/db/schema-engine.ts), as its native binary cannot be
// downloaded on these machines.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
});
