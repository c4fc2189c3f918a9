import { splitGst, type TBooking, type TInvoice, type TTaxLine } from '@marquee/shared';
import type { TPrintInvoice, TPrintJob } from '../../../../common/print-job';

const printLine = (l: TTaxLine) => ({
  sac: l.sac,
  taxablePaise: l.taxablePaise,
  ratePercent: l.ratePercent,
  cgstPaise: l.cgstPaise,
  sgstPaise: l.sgstPaise,
  amountPaise: l.amountPaise,
});

/** The stored invoice as one ticket prints it: this seat's line, and on the last ticket the fee and totals. */
function ticketInvoice(invoice: TInvoice, seatLabel: string, last: boolean): TPrintInvoice | undefined {
  const seat = invoice.lines.find((l) => l.kind === 'ADMISSION' && l.seatLabel === seatLabel);
  if (!seat) return undefined;
  const fee = invoice.lines.find((l) => l.kind === 'FEE');
  return {
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    sellerLegalName: invoice.sellerLegalName,
    sellerGstin: invoice.sellerGstin,
    seat: printLine(seat),
    ...(last && fee ? { fee: printLine(fee) } : {}),
    ...(last ? { totals: invoice.totals } : {}),
  };
}

/**
 * One printed ticket per seat, each with its own signed token, numbered "i of N", with its seat's
 * type and GST-inclusive price (and the GST in it, by the date the booking was paid for). Labels
 * print in `language`, the one the customer used (English for a reprint nobody asked for in Hindi).
 * Each carries the booking's tax invoice: its particulars and the seat's line, and the last ticket
 * the booking fee's line and the totals.
 */
export function printJobFor(booking: TBooking, language: 'en' | 'hi' = 'en'): TPrintJob {
  const seats = new Map(booking.seats.map((s) => [s.label, s]));
  const { showtime } = booking;
  const suppliedAt = new Date(booking.confirmedAt ?? Date.now());
  return {
    tickets: booking.tickets.map((ticket, i) => {
      const seat = seats.get(ticket.seatLabel);
      const pricePaise = seat?.pricePaise ?? 0;
      const invoice = booking.invoice
        ? ticketInvoice(booking.invoice, ticket.seatLabel, i === booking.tickets.length - 1)
        : undefined;
      // A paid booking prints its stored invoice's figures; the GST worked out here is only for a
      // booking without one.
      const gst = invoice ? undefined : splitGst(pricePaise, suppliedAt);
      return {
        cinemaName: showtime.cinemaName,
        movieTitle: showtime.movieTitle,
        certificate: showtime.certificate,
        startsAt: showtime.startsAt,
        timeZone: showtime.timeZone,
        screenName: showtime.screenName,
        seatLabel: ticket.seatLabel,
        seatType: seat?.type ?? 'STANDARD',
        ticketNumber: i + 1,
        ticketCount: booking.tickets.length,
        pricePaise,
        ...(gst ? { gstPaise: gst.gstPaise, gstRatePercent: gst.ratePercent } : {}),
        language,
        bookingCode: booking.code,
        token: ticket.token,
        ...(invoice ? { invoice } : {}),
      };
    }),
  };
}
