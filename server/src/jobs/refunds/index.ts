// The refunds queue's contract: a cancelled show's paid bookings, one job per booking (each refunds
// and mails the customer), and a sweep every minute that queues any booking of a cancelled show still
// unrefunded (a job lost with Redis). Consumed by refund-worker.ts.
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { TJobSchedule, TScheduledJob } from '../scheduled-job';

export const REFUNDS_QUEUE = 'refunds';

export const ZRefundJobSchema = z.object({ bookingId: z.uuid() });
export type TRefundJob = z.infer<typeof ZRefundJobSchema>;

export type TRefundJobName = 'show-cancelled' | 'sweep';
export type TRefundsQueue = Queue<TRefundJob | TScheduledJob, unknown, TRefundJobName>;

/** The refund job id of a booking: queued twice, it runs once. */
export const refundJobId = (bookingId: string): string => `show-cancelled-${bookingId}`;

export const REFUND_SWEEP_SCHEDULE: TJobSchedule<'sweep'> = {
  id: 'cancelled-show-refunds',
  repeat: { every: 60_000 },
  name: 'sweep',
  keepFailedSeconds: 7 * 24 * 3600,
};

/** Queues the refund of each booking of a cancelled show. Throws when Redis does not take them (the sweep queues them later). */
export async function enqueueCancellationRefunds(
  { jobs }: { jobs: { refunds: TRefundsQueue } },
  bookingIds: string[],
): Promise<void> {
  await Promise.all(
    bookingIds.map((bookingId) =>
      jobs.refunds.add(
        'show-cancelled',
        { bookingId },
        {
          jobId: refundJobId(bookingId),
          attempts: 10,
          backoff: { type: 'exponential', delay: 30_000 },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: false,
        },
      ),
    ),
  );
}
