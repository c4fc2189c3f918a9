// `pnpm db:seed` and `npm start`: seeds the demo cinema (idempotent). The logic lives in server/src/seed/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrisma } from '../server/src/db/prisma';
import { parseEnv } from '../server/src/env';
import { DEMO_DAYS, demoSeedAllowed, seedDemoCinema } from '../server/src/seed/seed-demo-cinema';

const env = parseEnv();
if (!demoSeedAllowed(env)) {
  console.log('not seeding the demo cinema: NODE_ENV=production (SEED_DEMO=1 seeds it, with its public demo logins)');
  process.exit(0);
}
const prisma = createPrisma({ databaseUrl: env.DATABASE_URL, poolSize: 2 });
const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.data');
try {
  const result = await seedDemoCinema({ prisma, env, dataDir });
  console.log(
    `seeded the demo cinema: ${result.showtimes} showtimes over ${DEMO_DAYS} days, ${result.kiosks.length} kiosks`,
  );
  for (const login of result.logins)
    console.log(`  ${login.role.toLowerCase().padEnd(7)} login: ${login.email} / ${login.password}`);
} finally {
  await prisma.$disconnect();
}
