import type { Queue } from 'bullmq';
import { metrics } from '../metrics/metrics';
import { eventually } from './eventually';

/**
 * Waits until the job has run to its end (completed, or failed with no attempts left) and gives that
 * state: whatever the job was going to do has happened, so a test may then check that something did
 * not. A job queued with removeOnComplete is gone once completed: with `removedOnComplete`, the job
 * must exist when this is called, and its disappearance counts as completed.
 */
export async function finishedJob(
  queue: Queue,
  jobId: string,
  { ms = 10_000, removedOnComplete = false } = {},
): Promise<'completed' | 'failed'> {
  const state = async () => {
    const job = await queue.getJob(jobId);
    if (job) return job.getState();
    return removedOnComplete ? 'completed' : 'missing';
  };
  if (removedOnComplete && !(await queue.getJob(jobId)))
    throw new Error(`job ${jobId} is not in the ${queue.name} queue`);
  return (await eventually(state, (s) => s === 'completed' || s === 'failed', ms)) as 'completed' | 'failed';
}

/**
 * Waits until the worker's outbox relay (running in this process) has made `passes` more passes
 * over the due rows: anything the relay would queue again has been queued by then, so a test may
 * check that nothing was sent twice.
 */
export async function outboxRelayPasses(passes = 2, ms = 10_000): Promise<void> {
  const count = async () => (await metrics.outboxRelayPasses.get()).values.reduce((sum, v) => sum + v.value, 0);
  const from = await count();
  await eventually(count, (n) => n >= from + passes, ms);
}
