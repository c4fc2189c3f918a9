import type { TServices } from '../../services';
import { QUEUE_NAMES, startWorker, type TRunningWorker } from '../queues';
import { cleanOldData } from './clean-old-data';

export const CLEANUP_SCHEDULER_ID = 'weekly-cleanup';

/** Sundays at 03:00 cinema time, when no one is buying tickets. */
export function startCleanupWorker(services: TServices): TRunningWorker {
  const running = startWorker(services, QUEUE_NAMES.cleanup, async () => JSON.stringify(await cleanOldData(services)), {
    concurrency: 1,
  });
  return running;
}
