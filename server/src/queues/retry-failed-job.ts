// Retries one failed job of a queue, if it belongs to the admin's cinema (or to none), and audits it.
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { jobsOfCinema } from './jobs-of-cinema';

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
