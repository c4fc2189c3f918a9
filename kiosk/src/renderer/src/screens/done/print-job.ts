import { splitGst, type TBooking } from '@marquee/shared';
import type { TPrintJob } from '../../../../common/print-job';

/**
 * One printed ticket per seat, each with its own signed token, numbered "i of N", with its seat's
 * type and GST-inclusive price (and the GST in it, by the date the booking was paid for). Labels
 * print in `language`, the one the customer used (English for a reprint nobody asked for in Hindi).
 */
export function printJobFor(booking: TBooking, language: 'en' | 'hi' = 'en'): TPrintJob {
  const seats = new Map(booking.seats.map((s) => [s.label, s]));
  const { showtime } = booking;
  const suppliedAt = new Date(booking.confirmedAt ?? Date.now());
  return {
    tickets: booking.tickets.map((ticket, i) => {
      const seat = seats.get(ticket.seatLabel);
      const pricePaise = seat?.pricePaise ?? 0;
      const gst = splitGst(pricePaise, suppliedAt);
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
        gstPaise: gst.gstPaise,
        gstRatePercent: gst.ratePercent,
        language,
        bookingCode: booking.code,
        token: ticket.token,
      };
    }),
  };
}
