import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export type TTransaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createPrisma(opts: { databaseUrl: string; poolSize: number }): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: opts.databaseUrl,
    max: opts.poolSize,
    // Fail fast when Postgres is gone, so callers can answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
