// The refunds queue: a cancelled show's bookings, one job per booking. Each job refunds (once per
// payment, whatever retries happen) and then mails the customer (once per booking, by the email log).
// A sweeper every minute queues any booking of a cancelled show still unrefunded (a job lost with Redis).
import { TZDate } from '@date-fns/tz';
import { UnrecoverableError } from 'bullmq';
import { format } from 'date-fns';
import type { Transporter } from 'nodemailer';
import { formatRupees } from '@marquee/shared';
import { createMailer } from '../../mail/mailer';
import { sendOnce } from '../../mail/send-once';
import { refundBooking } from '../../bookings';
import { loadInvoice } from '../../tax-invoices';
import type { TServices } from '../../services';
import { SHOW_CANCELLED_REASON } from '../../showtimes';
import { startWorker, type TRunningWorker } from '../../jobs/queues';
import { enqueueCancellationRefunds, REFUNDS_QUEUE, ZRefundJobSchema } from '../../jobs/refunds/index';

/** Refunds one booking of a cancelled show and tells the customer. Safe to run any number of times. */
export async function refundCancelledBooking(
  services: TServices,
  mailer: Transporter,
  bookingId: string,
): Promise<'refunded' | 'already refunded' | 'skipped'> {
  const booking = await services.prisma.booking.findUnique({
    where: { id: bookingId },
    include: { showtime: { include: { movie: true, screen: { include: { cinema: true } } } } },
  });
  if (!booking || !booking.showtime.cancelled) return 'skipped';
  if (booking.status !== 'CONFIRMED' && booking.status !== 'REFUNDED') return 'skipped';
  const { alreadyRefunded } = await refundBooking(services, {
    bookingId,
    requestedBy: 'SYSTEM',
    reason: SHOW_CANCELLED_REASON,
  });
  if (booking.customerEmail) {
    const cinema = booking.showtime.screen.cinema;
    const at = format(new TZDate(booking.showtime.startsAt.getTime(), cinema.timeZone), 'EEE d MMM, h:mm aaa');
    // The refund's credit note, as issued with it, cancels the tax invoice the e-ticket was.
    const note = (await loadInvoice(services.prisma, bookingId))?.creditNotes.at(-1);
    const creditNote = note ? `\nCredit note ${note.number} cancels tax invoice ${note.invoiceNumber}.` : '';
    await sendOnce(
      services,
      { dedupeKey: `cancellation:${bookingId}`, bookingId, kind: 'CANCELLATION', to: booking.customerEmail },
      () =>
        mailer.sendMail({
          from: services.env.MAIL_FROM,
          to: booking.customerEmail!,
          subject: `Cancelled: ${booking.showtime.movie.title} at ${at} (${booking.code}), refunded`,
          text: `We are sorry: ${cinema.name} has cancelled ${booking.showtime.movie.title} on ${at} (${booking.showtime.screen.name}).\nYour booking ${booking.code} is refunded in full, ${formatRupees(booking.amountPaise)}, to the way you paid. Banks usually show it within 5-7 working days.\nYour tickets for this show are no longer valid.${creditNote}`,
        }),
    );
  }
  return alreadyRefunded ? 'already refunded' : 'refunded';
}

export function startRefundWorker(services: TServices): TRunningWorker {
  const mailer = createMailer(services.env);
  const running = startWorker(
    services,
    REFUNDS_QUEUE,
    async (job) => {
      if (job.name === 'sweep') {
        const missed = await services.prisma.booking.findMany({
          where: { status: 'CONFIRMED', showtime: { cancelled: true } },
          select: { id: true },
          take: 1000,
        });
        await enqueueCancellationRefunds(
          services,
          missed.map((b) => b.id),
        );
        return `queued ${missed.length}`;
      }
      const parsed = ZRefundJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad refund job payload: ${parsed.error.message}`);
      const outcome = await refundCancelledBooking(services, mailer, parsed.data.bookingId);
      services.log.info(
        { bookingId: parsed.data.bookingId, outcome, attempt: job.attemptsMade + 1 },
        'cancelled show booking processed',
      );
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
