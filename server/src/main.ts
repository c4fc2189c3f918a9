// The API process: Fastify + tRPC. On SIGINT/SIGTERM it stops accepting, finishes what is in flight, closes pools.
// With API_INSTANCES above 1 this process only supervises that many instances (api-cluster.ts).
import cluster from 'node:cluster';
import { buildApp } from './app';
import { EnvError, parseEnv, type TEnv } from './env';
import { runApiCluster } from './lifecycle/api-cluster';
import { runProcess } from './lifecycle/run-process';
import { createLogger } from './logger';

const STOP_DEADLINE_MS = 10_000;

/** The settings, read once by the process `npm start` runs; null on a bad one, which runProcess reports in one line. */
function primaryEnv(): TEnv | null {
  try {
    return parseEnv();
  } catch (err) {
    if (err instanceof EnvError) return null;
    throw err;
  }
}

const env = cluster.isPrimary ? primaryEnv() : null;
if (env && env.API_INSTANCES > 1) {
  runApiCluster({
    instances: env.API_INSTANCES,
    poolSize: env.DATABASE_POOL_SIZE,
    log: createLogger(env, 'api'),
    stopDeadlineMs: STOP_DEADLINE_MS,
  });
} else {
  runProcess('api', { stopDeadlineMs: STOP_DEADLINE_MS }, async (services) => {
    const app = await buildApp(services);
    await app.listen({ host: services.env.HOST, port: services.env.PORT });
    return () => app.close();
  });
}
