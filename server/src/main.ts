// The API process: Fastify + tRPC, and /metrics on its own listener when METRICS_PORT is set (always in
// production). It refuses to start on a database behind its migrations. On SIGINT/SIGTERM it stops accepting, finishes what is in flight, closes pools.
// With API_INSTANCES above 1 this process only supervises that many instances (api-cluster.ts).
import cluster from 'node:cluster';
import { buildApp } from './app';
import { assertMigrated } from './db/pending-migrations';
import { EnvError, parseEnv, type TEnv } from './env';
import { runApiCluster } from './lifecycle/api-cluster';
import { runProcess } from './lifecycle/run-process';
import { createLogger } from './logger';
import { buildMetricsApp } from './serve-metrics';

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

/**
 * Connections the kernel queues for the API before it accepts them (Linux caps it at
 * net.core.somaxconn, 4096 on current kernels). Node's default of 511 overflows when ten thousand
 * live streams reconnect at once: the kernel drops the excess SYNs and each of those clients waits
 * out TCP's retransmission backoff (1 s, 3 s, 7 s…) before its connection is even seen.
 */
const LISTEN_BACKLOG = 4096;

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
    await assertMigrated(services.pg);
    // Prisma loads its query compiler on the first query; do it before taking traffic, so neither the
    // first customer nor the first readiness check waits for it.
    await services.prisma.$queryRaw`SELECT 1`;
    const app = await buildApp(services);
    const { METRICS_PORT, METRICS_HOST } = services.env;
    const metricsApp = METRICS_PORT === undefined ? null : buildMetricsApp(services);
    await metricsApp?.listen({ host: METRICS_HOST, port: METRICS_PORT });
    await app.listen({ host: services.env.HOST, port: services.env.PORT, backlog: LISTEN_BACKLOG });
    return async () => {
      await app.close();
      await metricsApp?.close();
    };
  });
}
