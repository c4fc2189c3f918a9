// The API process: Fastify + tRPC. On SIGINT/SIGTERM it stops accepting, finishes what is in flight, closes pools.
// With API_INSTANCES above 1 this process only supervises that many instances (api-cluster.ts).
import cluster from 'node:cluster';
import { buildApp } from './app';
import { EnvError, parseEnv } from './env';
import { runApiCluster } from './lifecycle/api-cluster';
import { runProcess } from './lifecycle/run-process';
import { createLogger } from './logger';

const STOP_DEADLINE_MS = 10_000;

function instances(): number {
  try {
    return parseEnv().API_INSTANCES;
  } catch (err) {
    if (err instanceof EnvError) return 1; // runProcess reports the bad setting in one line
    throw err;
  }
}

if (cluster.isPrimary && instances() > 1) {
  const env = parseEnv();
  runApiCluster({ instances: env.API_INSTANCES, poolSize: env.DATABASE_POOL_SIZE, log: createLogger(env, 'api'), stopDeadlineMs: STOP_DEADLINE_MS });
} else {
  runProcess('api', { stopDeadlineMs: STOP_DEADLINE_MS }, async (services) => {
    const app = await buildApp(services);
    await app.listen({ host: services.env.HOST, port: services.env.PORT });
    return () => app.close();
  });
}
