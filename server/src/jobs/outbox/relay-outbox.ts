// The outbox relay: moves due rows into BullMQ under their business job ids (so relaying twice
// queues one job) and queues again any whose job vanished (Redis flushed or restarted empty). A row
// leaves the relay's sight only when its consumer marks it done, after recording the effect; the
// consumers' own once-only records (the email log) make a job that runs twice send one email.
// The worker runs it every second and whenever Redis is ready again; a confirmation runs it at once
// for its own booking, so the usual receipt does not wait for the timer.
import { metrics } from '../../metrics/metrics';
import { isRedisConnectionError } from '../../redis';
import type { TServices } from '../../services';
import { outboxJob, type TOutboxRow } from './outbox-entries';

/** What the relay needs from Postgres and BullMQ; tests substitute an in-memory model. */
export interface TRelayPorts {
  /** Rows due and not done, oldest first. */
  due(p: { now: Date; bookingId?: string; limit: number }): Promise<TOutboxRow[]>;
  isDone(row: TOutboxRow): Promise<boolean>;
  /** `pending`: waiting, delayed, active or retrying; `failed`: out of attempts, kept for a manager to retry. */
  jobState(row: TOutboxRow): Promise<'missing' | 'pending' | 'completed' | 'failed'>;
  /** Adds the job under its id; `replace` first removes a completed job of that id. */
  enqueue(row: TOutboxRow, opts: { replace: boolean }): Promise<void>;
  markEnqueued(row: TOutboxRow, now: Date): Promise<void>;
}

export const OUTBOX_RELAY_EVERY_MS = 1_000;
const BATCH = 500;

/** One pass over the due rows; returns how many were (re-)queued. Throws when Redis or Postgres fails. */
export async function relayDue(ports: TRelayPorts, p: { now: Date; bookingId?: string }): Promise<number> {
  let queued = 0;
  for (const row of await ports.due({ now: p.now, bookingId: p.bookingId, limit: BATCH })) {
    const state = await ports.jobState(row);
    if (state === 'pending' || state === 'failed') continue;
    // Missing: never queued (Redis was down) or lost with Redis. Completed without the row done: the
    // consumer's marking was lost; run it again, the email log keeps it to one email.
    if (await ports.isDone(row)) continue;
    await ports.enqueue(row, { replace: state === 'completed' });
    await ports.markEnqueued(row, p.now);
    queued += 1;
  }
  return queued;
}

export function outboxPorts(services: Pick<TServices, 'pg' | 'jobs'>): TRelayPorts {
  const { pg, jobs } = services;
  return {
    async due({ now, bookingId, limit }) {
      const { rows } = await pg.query<TOutboxRow>(
        `SELECT id::text, kind::text, "bookingId"::text, "jobId" FROM "OutboxEntry"
          WHERE "doneAt" IS NULL AND "dueAt" <= $1 AND ($2::uuid IS NULL OR "bookingId" = $2::uuid)
          ORDER BY "dueAt" LIMIT $3`,
        [now, bookingId ?? null, limit],
      );
      return rows;
    },
    async isDone(row) {
      const { rows } = await pg.query(`SELECT 1 FROM "OutboxEntry" WHERE id = $1 AND "doneAt" IS NOT NULL`, [row.id]);
      return rows.length > 0;
    },
    async jobState(row) {
      const job = await outboxJob(jobs, row).queue.getJob(row.jobId);
      if (!job) return 'missing';
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') return state;
      return state === 'unknown' ? 'missing' : 'pending';
    },
    async enqueue(row, { replace }) {
      const job = outboxJob(jobs, row);
      if (replace) await job.queue.remove(row.jobId);
      await job.enqueue();
    },
    async markEnqueued(row, now) {
      await pg.query(`UPDATE "OutboxEntry" SET "enqueuedAt" = $2, "relayCount" = "relayCount" + 1 WHERE id = $1`, [
        row.id,
        now,
      ]);
    },
  };
}

/**
 * Right after a confirmation commits: relay that booking's rows now. Without Redis it leaves them to
 * the worker's relay, which queues them once Redis is back.
 */
export async function relayBookingOutbox(
  services: Pick<TServices, 'pg' | 'jobs' | 'log'>,
  bookingId: string,
): Promise<void> {
  if (!services.jobs.ready) {
    metrics.degraded.inc({ operation: 'relay_outbox' });
    services.log.warn({ bookingId }, 'redis is down: the booking’s receipt and reminder wait in the outbox');
    return;
  }
  try {
    await relayDue(outboxPorts(services), { now: new Date(), bookingId });
  } catch (err) {
    metrics.degraded.inc({ operation: 'relay_outbox' });
    services.log.warn({ err, bookingId }, 'outbox not relayed at confirmation; the worker’s relay queues it');
  }
}

/** The worker's relay: every `everyMs` and whenever Redis is ready again, one pass at a time. `stop` waits for a pass. */
export function startOutboxRelay(
  services: Pick<TServices, 'pg' | 'jobs' | 'log'>,
  opts: { everyMs?: number } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let failing = false;
  const run = () => {
    if (running || !services.jobs.ready) return;
    running = relayDue(outboxPorts(services), { now: new Date() })
      .then((queued) => {
        metrics.outboxRelayPasses.inc({ outcome: 'done' });
        if (queued) services.log.info({ queued }, 'outbox relayed');
        if (failing) services.log.info('outbox relay works again');
        failing = false;
      })
      .catch((err: unknown) => {
        metrics.outboxRelayPasses.inc({ outcome: 'failed' });
        // One line when it starts failing, not one per tick.
        // Redis going away is reported once by the process; anything else once when it starts failing.
        if (failing || isRedisConnectionError(err)) services.log.debug({ err }, 'outbox relay pass failed');
        else services.log.warn({ err }, 'outbox relay failed; retrying every tick');
        failing = true;
      })
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, opts.everyMs ?? OUTBOX_RELAY_EVERY_MS);
  const stopListening = services.jobs.onReady(run);
  run();
  return async () => {
    clearInterval(timer);
    stopListening();
    await running;
  };
}
