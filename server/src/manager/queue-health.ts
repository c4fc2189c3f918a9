// The background queues as a manager needs them: how much is waiting, what failed and why, and a
// retry button. (Our own view rather than Bull Board: it sits behind the same staff session and
// roles as the rest of the dashboard, and shows only what a cinema manager can act on.)
import type { TQueueHealth } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

export async function loadQueueHealth({ jobs }: Pick<TServices, 'jobs'>): Promise<TQueueHealth> {
  if (!jobs.ready)
    throw new AppError('SERVICE_UNAVAILABLE', {
      message: 'redis down: queue view unavailable',
      userMessage: 'The job queues cannot be read while Redis is unreachable. Bookings keep working.',
    });
  return Promise.all(
    jobs.all.map(async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      const failed = await queue.getFailed(0, 19);
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
  { queue, jobId, userId }: { queue: string; jobId: string; userId: string },
): Promise<void> {
  const q = jobs.all.find((candidate) => candidate.name === queue);
  if (!q)
    throw new AppError('INPUT_INVALID', {
      message: `unknown queue ${queue}`,
      userMessage: `There is no queue called "${queue}".`,
    });
  const job = await q.getJob(jobId);
  if (!job || !(await job.isFailed()))
    throw new AppError('INPUT_INVALID', {
      message: `job ${queue}/${jobId} is not failed`,
      userMessage: 'That job is no longer failed (already retried or removed).',
    });
  await job.retry('failed');
  await prisma.auditLog.create({
    data: {
      actorKind: 'STAFF',
      actorUserId: userId,
      action: 'job.retry',
      entityType: 'Job',
      entityId: `${queue}/${jobId}`,
    },
  });
}
