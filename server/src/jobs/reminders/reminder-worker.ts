// Reminders: a daily run at 06:00 cinema time for that day's shows, and one per booking 2 hours
// before its show (recorded in the outbox at confirmation, relayed when due). Both skip refunded bookings and shows already started.
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { createMailer } from '../../mail/mailer';
import type { TServices } from '../../services';
import { markOutboxDone } from '../outbox/outbox-entries';
import { QUEUE_NAMES, startWorker, type TRunningWorker } from '../queues';
import { selectDailyReminders } from './select-reminders';
import { sendReminder } from './send-reminder';

export const DAILY_REMINDERS_SCHEDULER_ID = 'daily-reminders';
const ZReminderJob = z.object({ bookingId: z.uuid() });

export function startReminderWorker(services: TServices): TRunningWorker {
  const mailer = createMailer(services.env);
  const running = startWorker(
    services,
    QUEUE_NAMES.reminders,
    async (job) => {
      if (job.name === 'daily') {
        const due = await selectDailyReminders(services.prisma, new Date());
        // Each its own job: one failing address does not hold back the rest, and retries are per booking.
        await Promise.all(
          due.map((d) =>
            services.jobs.reminders.add(
              'daily-one',
              { bookingId: d.bookingId, dedupeKey: `reminder-daily:${d.bookingId}:${d.date}` },
              {
                jobId: `reminder-daily-${d.bookingId}-${d.date}`,
                attempts: 3,
                backoff: { type: 'exponential', delay: 60_000 },
              },
            ),
          ),
        );
        return `queued ${due.length}`;
      }
      const parsed = ZReminderJob.extend({ dedupeKey: z.string().optional() }).safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad reminder job payload: ${parsed.error.message}`);
      const outcome = await sendReminder(services, mailer, {
        bookingId: parsed.data.bookingId,
        dedupeKey: parsed.data.dedupeKey ?? `reminder:${parsed.data.bookingId}`,
      });
      // Sent, or nothing left to remind of: the outbox row (a before-show reminder's) is done.
      await markOutboxDone(services, job.id);
      return outcome;
    },
    { concurrency: 4 },
  );
  return {
    worker: running.worker,
    close: async () => {
      await running.close();
      mailer.close();
    },
  };
}
