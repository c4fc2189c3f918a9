// The background queues as an admin needs them: how much is waiting, what failed and why, and a
// retry button. (Our own view rather than Bull Board: it sits behind the same staff session and
// roles as the rest of the dashboard.) The queues are shared by every cinema of the deployment, so
// a failed job that carries a booking, show or cinema is shown to, and retried by, that cinema's
// admins only; jobs of the whole system (sweeper, reconciliation, clean-up) carry none.
import type { TQueueHealth } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { jobsOfCinema } from './jobs-of-cinema';

/** The failed jobs listed per queue (newest first); the counts cover all of them. */
const FAILED_SHOWN = 20;

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
