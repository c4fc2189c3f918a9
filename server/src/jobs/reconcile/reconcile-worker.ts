// Runs payment reconciliation every minute on whichever worker takes the job.
import { reconcilePayments } from '../../payments/reconcile-payments';
import type { TServices } from '../../services';
import { QUEUE_NAMES, startWorker, type TRunningWorker } from '../queues';

export const RECONCILE_SCHEDULER_ID = 'reconcile-payments';
export const RECONCILE_EVERY_MS = 60_000;

export function startReconcileWorker(services: TServices): TRunningWorker {
  const running = startWorker(
    services,
    QUEUE_NAMES.reconcile,
    async () => JSON.stringify(await reconcilePayments(services)),
    { concurrency: 1 },
  );
  return running;
}
