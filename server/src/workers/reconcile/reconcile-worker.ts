// Runs payment reconciliation every minute on whichever worker takes the job.
import { reconcilePayments } from '../../payments';
import type { TServices } from '../../services';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { RECONCILE_QUEUE } from '../../jobs/reconcile/index';

export function startReconcileWorker(services: TServices): TRunningWorker {
  const running = startWorker(
    services,
    RECONCILE_QUEUE,
    async () => JSON.stringify(await reconcilePayments(services)),
    { concurrency: 1 },
  );
  return running;
}
