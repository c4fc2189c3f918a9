// The outbox's rows: written in the transaction of the change that calls for the work, marked done by
// the consumer once the work's effect is recorded. Each kind is queued through its queue's contract
// (jobs/receipts/, jobs/reminders/), so the relay queues the very job a direct producer would (same id,
// same retries).
import type { Queue } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import type { TSql } from '../../db/prisma';
import type { TServices } from '../../services';
import type { Jobs } from '../queues';
import { enqueueReceipt, receiptJobId } from '../receipts';
import { enqueueBeforeShowReminder, REMINDER_BEFORE_SHOW_MS, reminderJobId } from '../reminders';

export type TOutboxKind = 'RECEIPT' | 'REMINDER';

export interface TOutboxRow {
  id: string;
  kind: TOutboxKind;
  bookingId: string;
  jobId: string;
}

/** The BullMQ job an outbox row stands for: the queue that holds it, and how to queue it there. */
export function outboxJob(
  jobs: Pick<Jobs, 'receipts' | 'reminders'>,
  row: Pick<TOutboxRow, 'kind' | 'bookingId'>,
): { queue: Queue; enqueue: () => Promise<void> } {
  if (row.kind === 'RECEIPT')
    return { queue: jobs.receipts, enqueue: () => enqueueReceipt({ jobs }, { bookingId: row.bookingId }) };
  return { queue: jobs.reminders, enqueue: () => enqueueBeforeShowReminder({ jobs }, { bookingId: row.bookingId }) };
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
