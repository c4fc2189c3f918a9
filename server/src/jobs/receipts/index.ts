// The receipts queue's contract: a booking's receipt email with its PDF tickets. A confirmation's
// receipt is recorded in the outbox and relayed here (jobs/outbox/); an email given after payment and
// a manager's resend are queued directly. Consumed by receipt-worker.ts; the booking stays CONFIRMED
// whatever happens to the email.
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Logger } from '../../logger';
import { metrics } from '../../metrics/metrics';

export const RECEIPTS_QUEUE = 'receipts';

/** `dedupeKey` is the receipt log's key: one email per key, whatever retries happen (`receipt:<bookingId>` if absent). */
export const ZReceiptJobSchema = z.object({ bookingId: z.uuid(), dedupeKey: z.string().optional() });
export type TReceiptJob = z.infer<typeof ZReceiptJobSchema>;

export type TReceiptJobName = 'send-receipt';
export type TReceiptsQueue = Queue<TReceiptJob, unknown, TReceiptJobName>;
type TReceiptProducer = { jobs: { receipts: TReceiptsQueue } };

/** A confirmation's receipt job id: the business key, so relaying it twice queues one job. */
export const receiptJobId = (bookingId: string): string => `receipt-${bookingId}`;
/** A manager's resend is its own job, with its own id. */
export const resendReceiptJobId = (resendId: string): string => `resend-${resendId}`;

/** The first retry after 5 minutes, then later each time; failed jobs are kept for managers to retry. */
const RECEIPT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5 * 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
} satisfies JobsOptions;

/** A confirmation's receipt, under its business job id. Throws when Redis does not take it (the outbox retries). */
export async function enqueueReceipt({ jobs }: TReceiptProducer, { bookingId }: { bookingId: string }): Promise<void> {
  await jobs.receipts.add(
    'send-receipt',
    { bookingId, dedupeKey: `receipt:${bookingId}` },
    { jobId: receiptJobId(bookingId), ...RECEIPT_JOB_OPTIONS },
  );
}

/**
 * A receipt for an email given after the booking was confirmed: its own job, while the receipt log
 * (keyed receipt:<bookingId>) keeps it to one email. Without Redis it is logged and counted, and a
 * manager can resend.
 */
export async function enqueueReceiptAfterContactChange(
  { jobs, log }: TReceiptProducer & { log: Logger },
  { bookingId }: { bookingId: string },
): Promise<void> {
  try {
    await jobs.receipts.add(
      'send-receipt',
      { bookingId, dedupeKey: `receipt:${bookingId}` },
      { jobId: `${receiptJobId(bookingId)}-${Date.now()}`, ...RECEIPT_JOB_OPTIONS },
    );
  } catch (err) {
    metrics.degraded.inc({ operation: 'queue_receipt' });
    log.error({ err, bookingId }, 'receipt job not queued');
  }
}

/**
 * A manager's resend: its own job and its own receipt-log entry (`resend:<resendId>`), so it is sent
 * even though the first receipt went out, and a retry of it still sends it once.
 */
export async function enqueueReceiptResend(
  { jobs }: TReceiptProducer,
  { bookingId, resendId }: { bookingId: string; resendId: string },
): Promise<{ jobId: string }> {
  const jobId = resendReceiptJobId(resendId);
  await jobs.receipts.add(
    'send-receipt',
    { bookingId, dedupeKey: `resend:${resendId}` },
    { jobId, ...RECEIPT_JOB_OPTIONS },
  );
  return { jobId };
}
