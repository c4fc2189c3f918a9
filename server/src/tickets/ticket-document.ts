// A confirmed booking's tickets as one document: the receipt email attaches it as a PDF, and the
// web customer downloads the same PDF from the e-ticket page. It carries the booking's tax invoice.
import { TZDate } from '@date-fns/tz';
import { splitGst } from '@marquee/shared';
import { format } from 'date-fns';
import type { PrismaClient } from '../db/prisma';
import { loadInvoice } from '../tax-invoices';
import type { TTicketDocument } from './render-tickets-pdf';

export async function loadTicketDocument(prisma: PrismaClient, bookingId: string) {
  const booking = await prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: {
      tickets: {
        where: { voidedAt: null },
        orderBy: { seatLabel: 'asc' },
        include: { bookingSeat: { select: { pricePaise: true } } },
      },
      showtime: { include: { movie: true, screen: { include: { cinema: true } } } },
    },
  });
  const cinema = booking.showtime.screen.cinema;
  const showsAt = format(new TZDate(booking.showtime.startsAt.getTime(), cinema.timeZone), 'EEE d MMM yyyy, h:mm aaa');
  // GST follows the date of supply: when the ticket was paid for (and so invoiced), not the show.
  const suppliedAt = booking.confirmedAt ?? booking.createdAt;
  // The stored invoice, as issued: the PDF and the email print its figures, never figures worked out again.
  const invoice = await loadInvoice(prisma, bookingId);
  const document: TTicketDocument = {
    code: booking.code,
    movieTitle: booking.showtime.movie.title,
    certificate: booking.showtime.movie.certificate,
    cinemaName: cinema.name,
    screenName: booking.showtime.screen.name,
    showsAt,
    suppliedAt,
    tickets: booking.tickets.map((t) => {
      // The seat's GST as its invoice line has it; worked out only for a booking without an invoice.
      const line = invoice?.lines.find((l) => l.kind === 'ADMISSION' && l.seatLabel === t.seatLabel);
      const { gstPaise, ratePercent } = line
        ? { gstPaise: line.cgstPaise + line.sgstPaise, ratePercent: line.ratePercent }
        : splitGst(t.bookingSeat.pricePaise, suppliedAt);
      return {
        seatLabel: t.seatLabel,
        token: t.token,
        pricePaise: t.bookingSeat.pricePaise,
        gstPaise,
        gstRatePercent: ratePercent,
      };
    }),
    invoice,
  };
  return { booking, document };
}
