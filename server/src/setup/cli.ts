// A new installation's first cinema and its first admin, at a terminal on the server:
//   node server/dist/setup.js --cinema "Regal Pune" --city Pune --admin-email it@regal.example --admin-name "Asha Rao" [--time-zone Asia/Kolkata]
// (a checkout: npx tsx server/src/setup/cli.ts …). Prints the admin's password once.
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/prisma';
import { assertMigrated } from '../db/pending-migrations';
import { parseEnv } from '../env';
import { AppError } from '../errors/app-error';
import { createFirstCinema } from './create-first-cinema';

const USAGE =
  'usage: setup --cinema "<name>" --city "<city>" --admin-email <email> --admin-name "<name>" [--time-zone Asia/Kolkata]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cinema: { type: 'string' },
      city: { type: 'string' },
      'time-zone': { type: 'string', default: 'Asia/Kolkata' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const { cinema, city, 'admin-email': adminEmail, 'admin-name': adminName } = values;
  if (!cinema || !city || !adminEmail || !adminName) throw new Error(USAGE);
  const env = parseEnv();
  const { pool, prisma } = createDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 2 });
  try {
    await assertMigrated(pool);
    const created = await createFirstCinema(
      { prisma },
      { name: cinema, city, timeZone: values['time-zone'], adminEmail, adminName },
    );
    console.log(`Created ${cinema} (${city}) and its admin ${created.adminEmail}.`);
    console.log(`Password (shown once; keep it safe): ${created.password}`);
    console.log('Sign in at /manager to add screens, films, shows, prices, staff and kiosks.');
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`✖ ${err instanceof AppError ? err.userMessage : err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
