import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Transporter } from 'nodemailer';
import { sendOnce } from '../../mail/send-once';
import type { TServices } from '../../services';

export type TReminderOutcome = 'sent' | 'already sent' | 'skipped';

/** One reminder email per dedupe key; only for a confirmed booking whose show has not started. */
export async function sendReminder(
  services: Pick<TServices, 'prisma' | 'env'>,
  mailer: Transporter,
  { bookingId, dedupeKey, now = new Date() }: { bookingId: string; dedupeKey: string; now?: Date },
): Promise<TReminderOutcome> {
  const { prisma } = services;
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    include: {
      tickets: { where: { voidedAt: null }, select: { seatLabel: true }, orderBy: { seatLabel: 'asc' } },
      showtime: { include: { movie: true, screen: { include: { cinema: true } } } },
    },
  });
  if (
    !booking ||
    booking.status !== 'CONFIRMED' ||
    !booking.customerEmail ||
    booking.showtime.cancelled ||
    booking.showtime.startsAt <= now
  )
    return 'skipped';
  const to = booking.customerEmail;
  const cinema = booking.showtime.screen.cinema;
  const at = format(new TZDate(booking.showtime.startsAt.getTime(), cinema.timeZone), 'EEE d MMM, h:mm aaa');
  return sendOnce(services, { dedupeKey, bookingId, kind: 'REMINDER', to }, () =>
    mailer.sendMail({
      from: services.env.MAIL_FROM,
      to,
      subject: `Reminder: ${booking.showtime.movie.title} at ${at} (${booking.code})`,
      text: `${booking.showtime.movie.title}, ${at}, ${booking.showtime.screen.name}, ${cinema.name}.\nSeats: ${booking.tickets.map((t) => t.seatLabel).join(', ')}. Booking code ${booking.code}.\nYour tickets are in the receipt email; see you at the show!`,
    }),
  );
}
