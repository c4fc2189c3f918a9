// The expiry queue's contract: each hold's own delayed job at expiresAt (queued by holds.create), and
// the 60 s sweep for anything missed. Consumed by expiry-worker.ts.
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { Logger } from '../../logger';
import { metrics } from '../../metrics/metrics';
import type { TJobSchedule, TScheduledJob } from '../scheduled-job';

export const EXPIRY_QUEUE = 'expiry';

export const ZExpireBookingJobSchema = z.object({ bookingId: z.uuid() });
export type TExpireBookingJob = z.infer<typeof ZExpireBookingJobSchema>;

export type TExpiryJobName = 'expire-booking' | 'sweep';
export type TExpiryQueue = Queue<TExpireBookingJob | TScheduledJob, unknown, TExpiryJobName>;

/** The expiry job id of a booking: derived from the business key, so duplicates collapse. */
export function expiryJobId(bookingId: string): string {
  return `expire-${bookingId}`;
}

export const EXPIRY_SWEEP_SCHEDULE: TJobSchedule<'sweep'> = {
  id: 'sweep-expired-holds',
  repeat: { every: 60_000 },
  name: 'sweep',
  keepFailedSeconds: 7 * 24 * 3600,
};

/**
 * Queues the booking's own expiry at expiresAt. If Redis cannot take the job, the 60 s sweeper and
 * holds.create's inline expiry still free the seats; the hold itself is not failed for it.
 */
export async function enqueueBookingExpiry(
  { jobs, log }: { jobs: { expiry: TExpiryQueue; readonly ready: boolean }; log: Logger },
  { bookingId, expiresAt, now }: { bookingId: string; expiresAt: Date; now: Date },
): Promise<void> {
  if (!jobs.ready) {
    metrics.degraded.inc({ operation: 'schedule_expiry' });
    log.warn({ bookingId }, 'Redis unreachable: expiry job not queued; the sweeper will expire this hold');
    return;
  }
  try {
    await jobs.expiry.add(
      'expire-booking',
      { bookingId },
      {
        jobId: expiryJobId(bookingId),
        delay: Math.max(0, expiresAt.getTime() - now.getTime()),
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  } catch (err) {
    metrics.degraded.inc({ operation: 'schedule_expiry' });
    log.warn({ err, bookingId }, 'expiry job not queued; the sweeper will expire this hold');
  }
}
