// The worker process: BullMQ consumers for every queue. Run as many as you like, on any machine;
// they share the work through Redis. SIGTERM lets running jobs finish (BullMQ returns them otherwise).
import { createServices } from './create-services';
import { EnvError, parseEnv } from './env';
import { startWorkers } from './jobs/start-workers';

async function main(): Promise<void> {
  const env = parseEnv();
  const services = createServices(env, 'worker');
  const workers = await startWorkers(services);
  services.log.info({ queues: workers.workers.map((w) => w.worker.name) }, 'worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, 'worker shutting down; finishing running jobs');
    const force = setTimeout(() => {
      services.log.error('worker shutdown took over 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
    try {
      await workers.close();
      await services.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? `✖ ${err.message}` : err);
  process.exit(1);
});
