// The receipts queue's consumer. Retries come from the job's own backoff (first after 5 minutes,
// then doubling); the booking stays CONFIRMED whatever happens to the email.
import { UnrecoverableError } from 'bullmq';
import { createMailer } from '../../mail/mailer';
import type { TServices } from '../../services';
import { markOutboxDone } from '../../jobs/outbox/outbox-entries';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { RECEIPTS_QUEUE, ZReceiptJobSchema } from '../../jobs/receipts/index';
import { sendReceipt } from './send-receipt';

export function startReceiptWorker(services: TServices): TRunningWorker {
  const mailer = createMailer(services.env);
  const running = startWorker(
    services,
    RECEIPTS_QUEUE,
    async (job) => {
      const parsed = ZReceiptJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad receipt job payload: ${parsed.error.message}`);
      const { bookingId, dedupeKey = `receipt:${bookingId}` } = parsed.data;
      const outcome = await sendReceipt(services, mailer, { bookingId, dedupeKey });
      if (outcome === 'sent')
        services.log.info({ bookingId, dedupeKey, attempt: job.attemptsMade + 1 }, 'receipt sent');
      // The email log has it (or there is nothing to send): the confirmation's outbox row is done.
      await markOutboxDone(services, job.id);
      return outcome;
    },
    { concurrency: 4 },
  );
  return {
    worker: running.worker,
    close: async () => {
      await running.close();
      mailer.close();
    },
  };
}
