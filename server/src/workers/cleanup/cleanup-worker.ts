import type { TServices } from '../../services';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { cleanOldData } from './clean-old-data';
import { CLEANUP_QUEUE } from '../../jobs/cleanup/index';

/** Sundays at 03:00 cinema time, when no one is buying tickets. */
export function startCleanupWorker(services: TServices): TRunningWorker {
  const running = startWorker(services, CLEANUP_QUEUE, async () => JSON.stringify(await cleanOldData(services)), {
    concurrency: 1,
  });
  return running;
}
