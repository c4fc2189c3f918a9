// Runs payment reconciliation every minute on whichever worker takes the job.
import { Worker } from 'bullmq';
import { reconcilePayments } from '../../payments/reconcile-payments';
import type { TServices } from '../../services';
import { bullPrefix, QUEUE_NAMES, workerConnection, type TRunningWorker } from '../queues';

export const RECONCILE_SCHEDULER_ID = 'reconcile-payments';
export const RECONCILE_EVERY_MS = 60_000;

export async function startReconcileWorker(services: TServices): Promise<TRunningWorker> {
  const connection = workerConnection(services.env);
  const worker = new Worker(QUEUE_NAMES.reconcile, async () => JSON.stringify(await reconcilePayments(services)), {
    connection,
    prefix: bullPrefix(services.env),
    concurrency: 1,
  });
  worker.on('failed', (job, err) => services.log.error({ err, jobId: job?.id, queue: QUEUE_NAMES.reconcile }, 'reconcile job failed'));
  worker.on('error', (err) => services.log.error({ err, queue: QUEUE_NAMES.reconcile }, 'reconcile worker error'));
  await services.jobs.reconcile.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: {}, opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } });
  return {
    worker,
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}
