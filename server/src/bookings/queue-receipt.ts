import { metrics } from '../metrics/metrics';
import { outboxJob, receiptJobId } from '../jobs/outbox/outbox-entries';
import type { TServices } from '../services';

export { receiptJobId };

/**
 * Queues a receipt directly, outside a confirmation (which records it in the outbox instead): a
 * contact added after the booking was paid. The job id is the business key, so duplicates collapse;
 * without Redis it is logged and counted, and a manager can resend.
 */
export async function queueReceipt(
  { jobs, log }: Pick<TServices, 'jobs' | 'log'>,
  bookingId: string,
  opts: { afterContactChange?: boolean } = {},
): Promise<void> {
  try {
    // A later contact change is its own job; the receipt log (keyed receipt:<bookingId>) keeps it to one email.
    const { name, data, opts: jobOpts } = outboxJob(jobs, { kind: 'RECEIPT', bookingId });
    await jobs.receipts.add(name, data, {
      ...jobOpts,
      jobId: opts.afterContactChange ? `${receiptJobId(bookingId)}-${Date.now()}` : receiptJobId(bookingId),
    });
  } catch (err) {
    metrics.degraded.inc({ operation: 'queue_receipt' });
    log.error({ err, bookingId }, 'receipt job not queued');
  }
}
