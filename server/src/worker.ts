// The worker process: BullMQ consumers for every queue. Run as many as you like, on any machine;
// they share the work through Redis. Like the API, it refuses a database behind its migrations.
// SIGTERM lets running jobs finish (BullMQ returns them otherwise).
import { startWorkers } from './workers/start-workers';
import { runProcess } from './lifecycle/run-process';
import { assertMigrated } from './db/pending-migrations';

runProcess('worker', { stopDeadlineMs: 30_000 }, async (services) => {
  await assertMigrated(services.pg);
  const workers = await startWorkers(services);
  services.log.info({ queues: workers.workers.map((w) => w.worker.name) }, 'worker started');
  return workers.close;
});
