import type { TServices } from '../../services';
import { QUEUE_NAMES, startWorker, type TRunningWorker } from '../queues';
import { cleanOldData } from './clean-old-data';

export const CLEANUP_SCHEDULER_ID = 'weekly-cleanup';

/** Sundays at 03:00 cinema time, when no one is buying tickets. */
export async function startCleanupWorker(services: TServices): Promise<TRunningWorker> {
  const running = startWorker(services, QUEUE_NAMES.cleanup, async () => JSON.stringify(await cleanOldData(services)), {
    concurrency: 1,
  });
  await services.jobs.cleanup.upsertJobScheduler(
    CLEANUP_SCHEDULER_ID,
    { pattern: '0 3 * * 0', tz: 'Asia/Kolkata' },
    { name: 'cleanup', data: {}, opts: { removeOnComplete: true, removeOnFail: { age: 30 * 24 * 3600 } } },
  );
  return running;
}
