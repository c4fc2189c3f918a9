// Sends one booking's receipt: the email with its PDF tickets, at most once per receipt log entry.
import { formatRupees, splitGst } from '@marquee/shared';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Transporter } from 'nodemailer';
import { sendOnce } from '../../mail/send-once';
import type { TServices } from '../../services';
import { renderTicketsPdf } from './render-tickets-pdf';

export type TReceiptOutcome = 'sent' | 'already sent' | 'no email' | 'not confirmed';

export async function sendReceipt(
  services: Pick<TServices, 'prisma' | 'env' | 'log'>,
  mailer: Transporter,
  { bookingId, dedupeKey }: { bookingId: string; dedupeKey: string },
): Promise<TReceiptOutcome> {
  const { prisma } = services;
  const booking = await prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: {
      tickets: { orderBy: { seatLabel: 'asc' }, include: { bookingSeat: { select: { pricePaise: true } } } },
      showtime: { include: { movie: true, screen: { include: { cinema: true } } } },
    },
  });
  if (booking.status !== 'CONFIRMED') return 'not confirmed';
  if (!booking.customerEmail) return 'no email';

  const to = booking.customerEmail;
  const cinema = booking.showtime.screen.cinema;
  const showsAt = format(new TZDate(booking.showtime.startsAt.getTime(), cinema.timeZone), "EEE d MMM yyyy, h:mm aaa");
  const pdf = await renderTicketsPdf({
    code: booking.code,
    movieTitle: booking.showtime.movie.title,
    certificate: booking.showtime.movie.certificate,
    cinemaName: cinema.name,
    screenName: booking.showtime.screen.name,
    showsAt,
    tickets: booking.tickets.map((t) => ({ seatLabel: t.seatLabel, token: t.token, pricePaise: t.bookingSeat.pricePaise })),
  });
  const ticketsTotal = booking.amountPaise - booking.feePaise;
  const gst = booking.tickets.reduce((sum, t) => sum + splitGst(t.bookingSeat.pricePaise).gstPaise, 0);
  const seats = booking.tickets.map((t) => t.seatLabel).join(', ');
  const text = [
    `Your tickets for ${booking.showtime.movie.title}`,
    `${showsAt}, ${booking.showtime.screen.name}, ${cinema.name}`,
    `Seats: ${seats}`,
    `Booking code: ${booking.code}`,
    '',
    `Tickets: ${formatRupees(ticketsTotal)} (includes GST ${formatRupees(gst)})`,
    ...(booking.feePaise ? [`Booking fee: ${formatRupees(booking.feePaise)}`] : []),
    `Total paid: ${formatRupees(booking.amountPaise)}`,
    '',
    'Show the QR codes in the attached PDF at the door. Enjoy the show!',
  ].join('\n');

  return sendOnce(services, { dedupeKey, bookingId, kind: 'RECEIPT', to }, () =>
    mailer.sendMail({
      from: services.env.MAIL_FROM,
      to,
      subject: `Your Marquee tickets: ${booking.showtime.movie.title}, ${showsAt} (${booking.code})`,
      text,
      attachments: [{ filename: `marquee-${booking.code}.pdf`, content: pdf, contentType: 'application/pdf' }],
    }),
  );
}
