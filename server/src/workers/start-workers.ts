import type { TServices } from '../services';
import { startExpiryWorker } from './expiry/expiry-worker';
import { startCleanupWorker } from './cleanup/cleanup-worker';
import { keepJobSchedules } from '../jobs/job-schedules';
import { startOutboxRelay } from '../jobs/outbox/relay-outbox';
import { startReceiptWorker } from './receipts/receipt-worker';
import { startRefundWorker } from './refunds/refund-worker';
import { startReconcileWorker } from './reconcile/reconcile-worker';
import { startReminderWorker } from './reminders/reminder-worker';
import type { TRunningWorker } from '../jobs/queues';

/**
 * Starts every queue's consumer in this process, keeps the job schedulers in Redis (re-created
 * after a flush or an empty restart) and relays the outbox into the queues. `close` lets running jobs finish first.
 */
export async function startWorkers(
  services: TServices,
  opts: { scheduleCheckMs?: number } = {},
): Promise<{ workers: TRunningWorker[]; close: () => Promise<void> }> {
  const workers = [
    startExpiryWorker(services),
    startReconcileWorker(services),
    startReceiptWorker(services),
    startReminderWorker(services),
    startCleanupWorker(services),
    startRefundWorker(services),
  ];
  const stopSchedules = await keepJobSchedules(services, { checkEveryMs: opts.scheduleCheckMs });
  const stopRelay = startOutboxRelay(services);
  return {
    workers,
    close: async () => {
      stopSchedules();
      await stopRelay();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
