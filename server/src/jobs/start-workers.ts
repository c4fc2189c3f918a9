import type { TServices } from '../services';
import { startExpiryWorker } from './expiry/expiry-worker';
import type { TRunningWorker } from './queues';

/** Starts every queue's consumer in this process. `close` lets running jobs finish first. */
export async function startWorkers(services: TServices): Promise<{ workers: TRunningWorker[]; close: () => Promise<void> }> {
  const workers = [await startExpiryWorker(services)];
  return { workers, close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
}
