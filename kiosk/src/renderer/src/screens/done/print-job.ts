import type { TBooking } from '@marquee/shared';
import type { TPrintJob } from '../../../../common/print-job';

/** One printed ticket per seat, each with its own signed token. */
export function printJobFor(booking: TBooking): TPrintJob {
  const prices = new Map(booking.seats.map((s) => [s.label, s.pricePaise]));
  const { showtime } = booking;
  return {
    tickets: booking.tickets.map((ticket) => ({
      cinemaName: showtime.cinemaName,
      movieTitle: showtime.movieTitle,
      certificate: showtime.certificate,
      startsAt: showtime.startsAt,
      timeZone: showtime.timeZone,
      screenName: showtime.screenName,
      seatLabel: ticket.seatLabel,
      pricePaise: prices.get(ticket.seatLabel) ?? 0,
      bookingCode: booking.code,
      token: ticket.token,
    })),
  };
}
