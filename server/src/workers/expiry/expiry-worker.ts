// The expiry queue's consumer: each hold's own delayed job at expiresAt, and a 60 s sweeper for
// anything missed (a job lost with Redis, a worker that was down). Both are idempotent.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { expireOverdueBookings } from '../../holds';
import { restoreHoldKeys } from '../../seat-keys';
import type { TServices } from '../../services';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { EXPIRY_QUEUE, ZExpireBookingJobSchema } from '../../jobs/expiry/index';

async function expireBooking(services: TServices, job: Job, token: string | undefined): Promise<string> {
  const parsed = ZExpireBookingJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad expiry job payload: ${parsed.error.message}`);
  const { bookingId } = parsed.data;
  const expired = await expireOverdueBookings(services, { bookingIds: [bookingId] }, { by: 'job' });
  if (expired.length) return 'expired';
  const booking = await services.prisma.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, expiresAt: true, captureLeaseUntil: true },
  });
  // Ran early (clocks of API and worker differ), or a capture of its payment is in flight: come
  // back exactly when the hold (or the capture's lease) ends.
  const endsAt = Math.max(booking?.expiresAt.getTime() ?? 0, booking?.captureLeaseUntil?.getTime() ?? 0);
  if (booking?.status === 'PENDING' && endsAt > Date.now()) {
    await job.moveToDelayed(endsAt, token);
    throw new DelayedError();
  }
  return booking ? `nothing to do: ${booking.status}` : 'nothing to do: no such booking';
}

/** The 60 s sweep: anything overdue that its own job missed, and hold keys a flushed Redis lost. */
export async function sweepExpiredHolds(services: TServices): Promise<string> {
  const expired = await expireOverdueBookings(services, { all: true }, { by: 'sweep' });
  // Also heals a flushed Redis: open holds get their keys back.
  const restored = services.redis.status === 'ready' ? await restoreHoldKeys(services) : 0;
  return `expired ${expired.length}, restored ${restored} key(s)`;
}

export function startExpiryWorker(services: TServices, opts: { concurrency?: number } = {}): TRunningWorker {
  const running = startWorker(
    services,
    EXPIRY_QUEUE,
    async (job, token) => (job.name === 'sweep' ? sweepExpiredHolds(services) : expireBooking(services, job, token)),
    {
      concurrency: opts.concurrency ?? 10,
    },
  );
  return running;
}
