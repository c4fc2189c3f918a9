// The cleanup queue's contract: the weekly clean-up, Sundays at 03:00 cinema time when no one is
// buying tickets. Only its scheduler produces jobs. Consumed by cleanup-worker.ts.
import type { Queue } from 'bullmq';
import type { TJobSchedule, TScheduledJob } from '../scheduled-job';

export const CLEANUP_QUEUE = 'cleanup';

export type TCleanupJobName = 'cleanup';
export type TCleanupQueue = Queue<TScheduledJob, unknown, TCleanupJobName>;

export const CLEANUP_SCHEDULE: TJobSchedule<'cleanup'> = {
  id: 'weekly-cleanup',
  repeat: { pattern: '0 3 * * 0', tz: 'Asia/Kolkata' },
  name: 'cleanup',
  keepFailedSeconds: 30 * 24 * 3600,
};
