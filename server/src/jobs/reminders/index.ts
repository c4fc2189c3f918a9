// The reminders queue's contract: one reminder per booking 2 hours before its show (recorded in the
// outbox at confirmation and relayed here when due), and a daily run at 06:00 cinema time that queues
// one job per booking with a show that day. Consumed by reminder-worker.ts.
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { TJobSchedule, TScheduledJob } from '../scheduled-job';

export const REMINDERS_QUEUE = 'reminders';

/** `dedupeKey` is the email log's key: one email per key (`reminder:<bookingId>` if absent). */
export const ZReminderJobSchema = z.object({ bookingId: z.uuid(), dedupeKey: z.string().optional() });
export type TReminderJob = z.infer<typeof ZReminderJobSchema>;

export type TReminderJobName = 'before-show' | 'daily-one' | 'daily';
export type TRemindersQueue = Queue<TReminderJob | TScheduledJob, unknown, TReminderJobName>;
type TReminderProducer = { jobs: { reminders: TRemindersQueue } };

/** A show reminder goes out this long before the show. */
export const REMINDER_BEFORE_SHOW_MS = 2 * 3600_000;

export const reminderJobId = (bookingId: string): string => `reminder-${bookingId}`;
/** The daily run's job of a booking, once per cinema day. */
export const dailyReminderJobId = (bookingId: string, date: string): string => `reminder-daily-${bookingId}-${date}`;

export const DAILY_REMINDERS_SCHEDULE: TJobSchedule<'daily'> = {
  id: 'daily-reminders',
  repeat: { pattern: '0 6 * * *', tz: 'Asia/Kolkata' },
  name: 'daily',
  keepFailedSeconds: 7 * 24 * 3600,
};

/** The booking's reminder before its show, under its business job id. Throws when Redis does not take it (the outbox retries). */
export async function enqueueBeforeShowReminder(
  { jobs }: TReminderProducer,
  { bookingId }: { bookingId: string },
): Promise<void> {
  await jobs.reminders.add(
    'before-show',
    { bookingId },
    {
      jobId: reminderJobId(bookingId),
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
}

/** One booking of the daily run (`date` is the cinema's day, YYYY-MM-DD): its own job, so retries are per booking. */
export async function enqueueDailyReminder(
  { jobs }: TReminderProducer,
  { bookingId, date }: { bookingId: string; date: string },
): Promise<void> {
  await jobs.reminders.add(
    'daily-one',
    { bookingId, dedupeKey: `reminder-daily:${bookingId}:${date}` },
    {
      jobId: dailyReminderJobId(bookingId, date),
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
    },
  );
}
