// The background queues as an admin needs them: how much is waiting, what failed and why, and a
// retry button. (Our own view rather than Bull Board: it sits behind the same staff session and
// roles as the rest of the dashboard.) The queues are shared by every cinema of the deployment, so
// a failed job that carries a booking, show or cinema is shown to, and retried by, that cinema's
// admins only; jobs of the whole system (sweeper, reconciliation, clean-up) carry none.
import type { TQueueHealth } from '@marquee/shared';
import type { Job } from 'bullmq';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';

/** The failed jobs listed per queue (newest first); the counts cover all of them. */
const FAILED_SHOWN = 20;

type TJobKeys = { bookingId?: unknown; showtimeId?: unknown; cinemaId?: unknown };

/** Which of these jobs this cinema may see: its own, and those that belong to no cinema. */
async function jobsOfCinema(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, jobs }: { cinemaId: string; jobs: Job[] },
): Promise<Set<Job>> {
  const keys = (job: Job) => (job.data ?? {}) as TJobKeys;
  const ids = (name: 'bookingId' | 'showtimeId') =>
    [...new Set(jobs.map((j) => keys(j)[name]).filter((v): v is string => typeof v === 'string'))].filter((v) =>
      /^[0-9a-f-]{36}$/i.test(v),
    );
  const [bookings, showtimes] = await Promise.all([
    prisma.booking.findMany({
      where: { id: { in: ids('bookingId') }, showtime: { screen: { cinemaId } } },
      select: { id: true },
    }),
    prisma.showtime.findMany({ where: { id: { in: ids('showtimeId') }, screen: { cinemaId } }, select: { id: true } }),
  ]);
  const ours = new Set([...bookings.map((b) => b.id), ...showtimes.map((s) => s.id)]);
  return new Set(
    jobs.filter((job) => {
      const { bookingId, showtimeId, cinemaId: jobCinema } = keys(job);
      // A key that is not ours (another cinema's, or one since deleted) hides the job.
      if (bookingId !== undefined && !(typeof bookingId === 'string' && ours.has(bookingId))) return false;
      if (showtimeId !== undefined && !(typeof showtimeId === 'string' && ours.has(showtimeId))) return false;
      if (jobCinema !== undefined && jobCinema !== cinemaId) return false;
      return true;
    }),
  );
}

export async function loadQueueHealth(
  { jobs, prisma }: Pick<TServices, 'jobs' | 'prisma'>,
  { cinemaId }: { cinemaId: string },
): Promise<TQueueHealth> {
  if (!jobs.ready)
    throw new AppError('SERVICE_UNAVAILABLE', {
      message: 'redis down: queue view unavailable',
      userMessage: 'The job queues cannot be read while Redis is unreachable. Bookings keep working.',
    });
  return Promise.all(
    jobs.all.map(async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      const allFailed = await queue.getFailed(0, FAILED_SHOWN * 5 - 1);
      const visible = await jobsOfCinema({ prisma }, { cinemaId, jobs: allFailed });
      const failed = allFailed.filter((job) => visible.has(job)).slice(0, FAILED_SHOWN);
      return {
        name: queue.name,
        counts: {
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        },
        failed: failed.map((job) => ({
          id: job.id ?? '',
          name: job.name,
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          data: JSON.stringify(job.data).slice(0, 300),
        })),
      };
    }),
  );
}

export async function retryFailedJob(
  { jobs, prisma }: Pick<TServices, 'jobs' | 'prisma'>,
  { queue, jobId, userId, cinemaId }: { queue: string; jobId: string; userId: string; cinemaId: string },
): Promise<void> {
  const q = jobs.all.find((candidate) => candidate.name === queue);
  if (!q)
    throw new AppError('INPUT_INVALID', {
      message: `unknown queue ${queue}`,
      userMessage: `There is no queue called "${queue}".`,
    });
  const job = await q.getJob(jobId);
  // Another cinema's job is answered as if it did not exist.
  if (!job || !(await jobsOfCinema({ prisma }, { cinemaId, jobs: [job] })).has(job) || !(await job.isFailed()))
    throw new AppError('INPUT_INVALID', {
      message: `job ${queue}/${jobId} is not failed`,
      userMessage: 'That job is no longer failed (already retried or removed).',
    });
  await job.retry('failed');
  await recordAudit(prisma, {
    by: userId,
    action: 'job.retry',
    entityType: 'Job',
    entityId: `${queue}/${jobId}`,
  });
}
