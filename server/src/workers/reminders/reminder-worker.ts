// Reminders: a daily run at 06:00 cinema time for that day's shows, and one per booking 2 hours
// before its show (recorded in the outbox at confirmation, relayed when due). Both skip refunded bookings and shows already started.
import { UnrecoverableError } from 'bullmq';
import { createMailer } from '../../mail/mailer';
import type { TServices } from '../../services';
import { markOutboxDone } from '../../jobs/outbox/outbox-entries';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { enqueueDailyReminder, REMINDERS_QUEUE, ZReminderJobSchema } from '../../jobs/reminders/index';
import { selectDailyReminders } from './select-reminders';
import { sendReminder } from './send-reminder';

export function startReminderWorker(services: TServices): TRunningWorker {
  const mailer = createMailer(services.env);
  const running = startWorker(
    services,
    REMINDERS_QUEUE,
    async (job) => {
      if (job.name === 'daily') {
        const due = await selectDailyReminders(services.prisma, new Date());
        // Each its own job: one failing address does not hold back the rest, and retries are per booking.
        await Promise.all(due.map((d) => enqueueDailyReminder(services, d)));
        return `queued ${due.length}`;
      }
      const parsed = ZReminderJobSchema.safeParse(job.data);
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
