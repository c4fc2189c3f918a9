import type { TServices } from '../services';
import { startExpiryWorker } from './expiry/expiry-worker';
import { startCleanupWorker } from './cleanup/cleanup-worker';
import { startReceiptWorker } from './receipts/receipt-worker';
import { startRefundWorker } from './refunds/refund-worker';
import { startReconcileWorker } from './reconcile/reconcile-worker';
import { startReminderWorker } from './reminders/reminder-worker';
import type { TRunningWorker } from './queues';

/** Starts every queue's consumer in this process. `close` lets running jobs finish first. */
export async function startWorkers(
  services: TServices,
): Promise<{ workers: TRunningWorker[]; close: () => Promise<void> }> {
  const workers = [
    await startExpiryWorker(services),
    await startReconcileWorker(services),
    startReceiptWorker(services),
    await startReminderWorker(services),
    await startCleanupWorker(services),
    await startRefundWorker(services),
  ];
  return { workers, close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
}
