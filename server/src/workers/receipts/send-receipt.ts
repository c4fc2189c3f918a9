// Sends one booking's receipt: the email with its PDF tickets, at most once per receipt log entry.
import { formatRupees, taxDocumentText } from '@marquee/shared';
import type { Transporter } from 'nodemailer';
import { sendOnce } from '../../mail/send-once';
import type { TServices } from '../../services';
import { loadTicketDocument } from '../../tickets';
import { renderTicketsPdf } from '../../tickets';

export type TReceiptOutcome = 'sent' | 'already sent' | 'no email' | 'not confirmed';

export async function sendReceipt(
  services: Pick<TServices, 'prisma' | 'env' | 'log'>,
  mailer: Transporter,
  { bookingId, dedupeKey }: { bookingId: string; dedupeKey: string },
): Promise<TReceiptOutcome> {
  const { booking, document } = await loadTicketDocument(services.prisma, bookingId);
  if (booking.status !== 'CONFIRMED') return 'not confirmed';
  if (!booking.customerEmail) return 'no email';

  const to = booking.customerEmail;
  const cinema = booking.showtime.screen.cinema;
  const { showsAt } = document;
  const pdf = await renderTicketsPdf(document);
  const seats = booking.tickets.map((t) => t.seatLabel).join(', ');
  const text = [
    `Your tickets for ${booking.showtime.movie.title}`,
    `${showsAt}, ${booking.showtime.screen.name}, ${cinema.name}`,
    `Seats: ${seats}`,
    `Booking code: ${booking.code}`,
    '',
    `Total paid: ${formatRupees(booking.amountPaise)}`,
    '',
    // The e-ticket is the tax invoice: the stored one, as issued, so the email says what support sees.
    ...(document.invoice ? [...taxDocumentText(document.invoice), ''] : []),
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
