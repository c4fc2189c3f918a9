// The reconcile queue's contract: payment reconciliation every minute, on whichever worker takes the
// job. Only its scheduler produces jobs. Consumed by reconcile-worker.ts.
import type { Queue } from 'bullmq';
import type { TJobSchedule, TScheduledJob } from '../scheduled-job';

export const RECONCILE_QUEUE = 'reconcile';

export type TReconcileJobName = 'reconcile';
export type TReconcileQueue = Queue<TScheduledJob, unknown, TReconcileJobName>;

export const RECONCILE_SCHEDULE: TJobSchedule<'reconcile'> = {
  id: 'reconcile-payments',
  repeat: { every: 60_000 },
  name: 'reconcile',
  keepFailedSeconds: 7 * 24 * 3600,
};
