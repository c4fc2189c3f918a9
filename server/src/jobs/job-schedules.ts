// Every BullMQ job scheduler of the system, in one list, and the keeper that makes sure they exist.
// Schedulers live in Redis: a Redis flushed or replaced empty loses them, and nothing would run the
// expiry sweep, reconciliation or the refund sweep again until a worker restarted. So each worker
// upserts them at start, again whenever its producer connection is `ready` after an outage, and
// checks every few seconds that none has vanished (a FLUSHALL keeps the connection up).
import type { Queue, RepeatOptions } from 'bullmq';
import { isRedisConnectionError } from '../redis';
import type { TServices } from '../services';
import { SWEEP_EVERY_MS, SWEEP_SCHEDULER_ID } from './expiry/expiry-worker';
import { RECONCILE_EVERY_MS, RECONCILE_SCHEDULER_ID } from './reconcile/reconcile-worker';
import { REFUND_SWEEP_SCHEDULER_ID } from './refunds/refund-worker';
import { DAILY_REMINDERS_SCHEDULER_ID } from './reminders/reminder-worker';
import { CLEANUP_SCHEDULER_ID } from './cleanup/cleanup-worker';
import type { Jobs } from './queues';

interface TJobSchedule {
  queue: (jobs: Jobs) => Queue;
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  name: string;
  keepFailedSeconds: number;
}

const WEEK_S = 7 * 24 * 3600;

export const JOB_SCHEDULES: readonly TJobSchedule[] = [
  {
    queue: (j) => j.expiry,
    id: SWEEP_SCHEDULER_ID,
    repeat: { every: SWEEP_EVERY_MS },
    name: 'sweep',
    keepFailedSeconds: WEEK_S,
  },
  {
    queue: (j) => j.reconcile,
    id: RECONCILE_SCHEDULER_ID,
    repeat: { every: RECONCILE_EVERY_MS },
    name: 'reconcile',
    keepFailedSeconds: WEEK_S,
  },
  {
    queue: (j) => j.refunds,
    id: REFUND_SWEEP_SCHEDULER_ID,
    repeat: { every: 60_000 },
    name: 'sweep',
    keepFailedSeconds: WEEK_S,
  },
  {
    queue: (j) => j.reminders,
    id: DAILY_REMINDERS_SCHEDULER_ID,
    repeat: { pattern: '0 6 * * *', tz: 'Asia/Kolkata' },
    name: 'daily',
    keepFailedSeconds: WEEK_S,
  },
  {
    queue: (j) => j.cleanup,
    id: CLEANUP_SCHEDULER_ID,
    repeat: { pattern: '0 3 * * 0', tz: 'Asia/Kolkata' },
    name: 'cleanup',
    keepFailedSeconds: 30 * 24 * 3600,
  },
];

/** How often a running worker checks that every scheduler still exists: one HGETALL per scheduler. */
export const SCHEDULE_CHECK_MS = 5_000;

/**
 * Upserts the schedulers (`onlyMissing`: only those Redis no longer has, so a healthy check changes
 * nothing) and returns the ids it (re-)created.
 */
export async function upsertJobSchedules(
  { jobs }: Pick<TServices, 'jobs'>,
  opts: { onlyMissing: boolean },
): Promise<string[]> {
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
  services: Pick<TServices, 'jobs' | 'log'>,
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
