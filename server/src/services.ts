import type { PrismaClient } from './db/prisma';
import type { TEnv } from './env';
import type { Logger } from './logger';
import type { Redis } from './redis';

/** The long-lived things every request and job works with, created once per process. */
export interface TServices {
  env: TEnv;
  log: Logger;
  prisma: PrismaClient;
  redis: Redis;
}
