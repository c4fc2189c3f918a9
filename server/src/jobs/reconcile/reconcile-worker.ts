// Runs payment reconciliation every minute on whichever worker takes the job.
import { reconcilePayments } from '../../payments/reconcile-payments';
import type { TServices } from '../../services';
import { startWorker, type TRunningWorker } from '../queues';
import { RECONCILE_QUEUE } from './index';

export function startReconcileWorker(services: TServices): TRunningWorker {
  const running = startWorker(
    services,
    RECONCILE_QUEUE,
    async () => JSON.stringify(await reconcilePayments(services)),
    { concurrency: 1 },
  );
  return running;
}
