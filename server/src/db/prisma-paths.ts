// Where the schema and the migrations are: prisma/ in the checkout, or in a production folder
// (scripts/install-prod.mjs). Found by looking upwards, as this code runs from server/src/db/ and,
// bundled, from server/dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../..');
  }
}

export const repoRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const schemaPath = path.join(repoRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma/migrations');
