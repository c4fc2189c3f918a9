// Runs payment reconciliation every minute on whichever worker takes the job.
import { reconcilePayments } from '../../payments/reconcile-payments';
import type { TServices } from '../../services';
import { QUEUE_NAMES, startWorker, type TRunningWorker } from '../queues';

export const RECONCILE_SCHEDULER_ID = 'reconcile-payments';
export const RECONCILE_EVERY_MS = 60_000;

export async function startReconcileWorker(services: TServices): Promise<TRunningWorker> {
  const running = startWorker(
    services,
    QUEUE_NAMES.reconcile,
    async () => JSON.stringify(await reconcilePayments(services)),
    { concurrency: 1 },
  );
  await services.jobs.reconcile.upsertJobScheduler(
    RECONCILE_SCHEDULER_ID,
    { every: RECONCILE_EVERY_MS },
    { name: 'reconcile', data: {}, opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } },
  );
  return running;
}
