import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';

export const receiptJobId = (bookingId: string): string => `receipt-${bookingId}`;

/**
 * Queues the booking's receipt once: the job id is the business key, so however many paths confirm
 * the booking (verify, webhook retries, reconciliation), one job exists. The first retry comes
 * after 5 minutes, then later each time; the booking stays confirmed whatever happens to the email.
 */
export async function queueReceipt(
  { jobs, log }: Pick<TServices, 'jobs' | 'log'>,
  bookingId: string,
  opts: { afterContactChange?: boolean } = {},
): Promise<void> {
  try {
    // A later contact change is its own job; the receipt log (keyed receipt:<bookingId>) keeps it to one email.
    await jobs.receipts.add(
      'send-receipt',
      { bookingId, dedupeKey: `receipt:${bookingId}` },
      {
        jobId: opts.afterContactChange ? `${receiptJobId(bookingId)}-${Date.now()}` : receiptJobId(bookingId),
        attempts: 8,
        backoff: { type: 'exponential', delay: 5 * 60_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: false,
      },
    );
  } catch (err) {
    metrics.degraded.inc({ operation: 'queue_receipt' });
    log.error({ err, bookingId }, 'receipt job not queued');
  }
}
