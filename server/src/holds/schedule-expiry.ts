import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';

/** The expiry job id of a booking: derived from the business key, so duplicates collapse. */
export function expiryJobId(bookingId: string): string {
  return `expire-${bookingId}`;
}

/**
 * Queues the booking's own expiry at expiresAt. If Redis cannot take the job, the 60 s sweeper and
 * holds.create's inline expiry still free the seats; the hold itself is not failed for it.
 */
export async function scheduleExpiry(
  { jobs, log }: Pick<TServices, 'jobs' | 'log'>,
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
