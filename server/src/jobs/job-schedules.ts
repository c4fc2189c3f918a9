// Every BullMQ job scheduler of the system, in one list, and the keeper that makes sure they exist.
// Schedulers live in Redis: a Redis flushed or replaced empty loses them, and nothing would run the
// expiry sweep, reconciliation or the refund sweep again until a worker restarted. So each worker
// upserts them at start, again whenever its producer connection is `ready` after an outage, and
// checks every few seconds that none has vanished (a FLUSHALL keeps the connection up).
import type { Queue } from 'bullmq';
import type { Logger } from '../logger';
import { isRedisConnectionError } from '../redis';
import { CLEANUP_SCHEDULE } from './cleanup';
import { EXPIRY_SWEEP_SCHEDULE } from './expiry';
import type { Jobs } from './queues';
import { RECONCILE_SCHEDULE } from './reconcile';
import { REFUND_SWEEP_SCHEDULE } from './refunds';
import { DAILY_REMINDERS_SCHEDULE } from './reminders';
import type { TJobSchedule } from './scheduled-job';

/** A schedule and its queue. (BullMQ types a scheduler id as a job name, so the queue is taken untyped.) */
interface TQueueSchedule extends TJobSchedule {
  queue: (jobs: Jobs) => Queue;
}

export const JOB_SCHEDULES: readonly TQueueSchedule[] = [
  { queue: (j) => j.expiry, ...EXPIRY_SWEEP_SCHEDULE },
  { queue: (j) => j.reconcile, ...RECONCILE_SCHEDULE },
  { queue: (j) => j.refunds, ...REFUND_SWEEP_SCHEDULE },
  { queue: (j) => j.reminders, ...DAILY_REMINDERS_SCHEDULE },
  { queue: (j) => j.cleanup, ...CLEANUP_SCHEDULE },
];

/** How often a running worker checks that every scheduler still exists: one HGETALL per scheduler. */
export const SCHEDULE_CHECK_MS = 5_000;

/**
 * Upserts the schedulers (`onlyMissing`: only those Redis no longer has, so a healthy check changes
 * nothing) and returns the ids it (re-)created.
 */
export async function upsertJobSchedules({ jobs }: { jobs: Jobs }, opts: { onlyMissing: boolean }): Promise<string[]> {
  const created: string[] = [];
  for (const s of JOB_SCHEDULES) {
    const queue = s.queue(jobs);
    if (opts.onlyMissing && (await queue.getJobScheduler(s.id))) continue;
    await queue.upsertJobScheduler(s.id, s.repeat, {
      name: s.name,
      data: {},
      opts: { removeOnComplete: true, removeOnFail: { age: s.keepFailedSeconds } },
    });
    created.push(`${queue.name}/${s.id}`);
  }
  return created;
}

/**
 * Upserts every scheduler now, then keeps them: again when Redis is `ready` after an outage, and every
 * `checkEveryMs` for any that vanished. Returns `stop`.
 */
export async function keepJobSchedules(
  services: { jobs: Jobs; log: Logger },
  opts: { checkEveryMs?: number } = {},
): Promise<() => void> {
  const { log } = services;
  await upsertJobSchedules(services, { onlyMissing: false });
  let running: Promise<void> | undefined;
  const check = (why: 'redis ready' | 'timer') => {
    if (running || !services.jobs.ready) return;
    running = upsertJobSchedules(services, { onlyMissing: true })
      .then((created) => {
        if (created.length) log.info({ schedulers: created, why }, 'job schedulers Redis had lost are re-created');
      })
      .catch((err: unknown) => {
        // Redis going away is reported once by the process (create-services.ts).
        if (isRedisConnectionError(err)) log.debug({ err, why }, 'job schedulers not checked: redis unreachable');
        else log.error({ err, why }, 'checking the job schedulers failed; the next check retries');
      })
      .finally(() => (running = undefined));
  };
  const timer = setInterval(() => check('timer'), opts.checkEveryMs ?? SCHEDULE_CHECK_MS);
  const onReady = () => check('redis ready');
  const stopListening = services.jobs.onReady(onReady);
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
