// The outbox's rows: written in the transaction of the change that calls for the work, marked done by
// the consumer once the work's effect is recorded. What each kind becomes in BullMQ is defined here,
// once, so the relay and any direct producer queue the very same job (same id, same retries).
import type { JobsOptions, Queue } from 'bullmq';
import type { TSql } from '../../db/prisma';
import type { TServices } from '../../services';
import { v7 as uuidv7 } from 'uuid';

export type TOutboxKind = 'RECEIPT' | 'REMINDER';

export interface TOutboxRow {
  id: string;
  kind: TOutboxKind;
  bookingId: string;
  jobId: string;
}

/** A show reminder goes out this long before the show. */
export const REMINDER_BEFORE_SHOW_MS = 2 * 3600_000;

export const receiptJobId = (bookingId: string): string => `receipt-${bookingId}`;
export const reminderJobId = (bookingId: string): string => `reminder-${bookingId}`;

/** The BullMQ job an outbox row stands for. */
export function outboxJob(
  jobs: TServices['jobs'],
  row: Pick<TOutboxRow, 'kind' | 'bookingId'>,
): { queue: Queue; name: string; data: object; opts: JobsOptions & { jobId: string } } {
  if (row.kind === 'RECEIPT')
    return {
      queue: jobs.receipts,
      name: 'send-receipt',
      data: { bookingId: row.bookingId, dedupeKey: `receipt:${row.bookingId}` },
      // The first retry after 5 minutes, then later each time; failed jobs are kept for managers to retry.
      opts: {
        jobId: receiptJobId(row.bookingId),
        attempts: 8,
        backoff: { type: 'exponential', delay: 5 * 60_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: false,
      },
    };
  return {
    queue: jobs.reminders,
    name: 'before-show',
    data: { bookingId: row.bookingId },
    opts: {
      jobId: reminderJobId(row.bookingId),
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  };
}

/**
 * In the confirming transaction: the receipt now, and the reminder 2 hours before the show if that is
 * still ahead. Confirming twice writes nothing new (the job id is unique).
 */
export async function recordConfirmationWork(
  tx: TSql,
  p: { bookingId: string; startsAt: Date; now: Date },
): Promise<void> {
  const remindAt = new Date(p.startsAt.getTime() - REMINDER_BEFORE_SHOW_MS);
  const rows: [TOutboxKind, string, Date][] = [['RECEIPT', receiptJobId(p.bookingId), p.now]];
  if (remindAt > p.now) rows.push(['REMINDER', reminderJobId(p.bookingId), remindAt]);
  await tx.query(
    `INSERT INTO "OutboxEntry" (id, kind, "bookingId", "jobId", "dueAt", "createdAt")
     SELECT r.id, r.kind::"OutboxKind", $1, r.job, r.due, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS r(id, kind, job, due)
     ON CONFLICT ("jobId") DO NOTHING`,
    [p.bookingId, p.now, rows.map(() => uuidv7()), rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/** Called by a consumer once its effect is recorded (or nothing is left to do). */
export async function markOutboxDone(services: Pick<TServices, 'pg'>, jobId: string | undefined): Promise<void> {
  if (!jobId) return;
  await services.pg.query(`UPDATE "OutboxEntry" SET "doneAt" = now() WHERE "jobId" = $1 AND "doneAt" IS NULL`, [jobId]);
}
