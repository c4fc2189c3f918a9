// A ticket as the door sees it, and the door's rules for it: the token must be genuine and this
// cinema's, and the ticket may enter only while its booking is paid and its show is on.
import { DOOR_OPENS_BEFORE_MS, formatClock, verifyTicketToken } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { ticketPublicKeys } from './ticket-keys';
import { isUuid } from '../http/is-uuid';

export interface TTicketRow {
  id: string;
  bookingId: string;
  bookingCode: string;
  bookingStatus: string;
  seatLabel: string;
  showtimeId: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  movieTitle: string;
  screenName: string;
  timeZone: string;
  checkedInAt: Date | null;
  checkedInDoor: string | null;
  /** Set when its seat was refunded or exchanged: it admits nobody, whatever its booking. */
  voidedAt: Date | null;
}

const TICKET_SQL = `
  SELECT t.id::text, t."bookingId"::text, b.code AS "bookingCode", b.status::text AS "bookingStatus", t."seatLabel", t."showtimeId"::text,
         st."startsAt", st."endsAt", st.cancelled, m.title AS "movieTitle", sc.name AS "screenName", c."timeZone", t."checkedInAt", t."checkedInDoor", t."voidedAt"
  FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId" JOIN "Showtime" st ON st.id = t."showtimeId"
  JOIN "Screen" sc ON sc.id = st."screenId" JOIN "Cinema" c ON c.id = sc."cinemaId" JOIN "Movie" m ON m.id = st."movieId"
  WHERE t.id = $1::uuid AND t.token = $2 AND sc."cinemaId" = $3::uuid`;

/** The ticket a token names, if the token is genuine and the ticket is this cinema's; else TICKET_INVALID. */
export async function ticketOf(
  services: Pick<TServices, 'pg' | 'env' | 'log'>,
  token: string,
  cinemaId: string,
): Promise<TTicketRow> {
  const verified = verifyTicketToken(token, ticketPublicKeys(services.env));
  if (!verified.ok || !isUuid(verified.payload.tid)) {
    services.log.warn({ reason: verified.ok ? 'bad_ticket_id' : verified.reason }, 'door refused a token');
    throw new AppError('TICKET_INVALID', {
      message: `ticket token refused: ${verified.ok ? 'bad ticket id' : verified.reason}`,
    });
  }
  const { rows } = await services.pg.query<TTicketRow>(TICKET_SQL, [verified.payload.tid, token, cinemaId]);
  const ticket = rows[0];
  if (!ticket || ticket.bookingId !== verified.payload.bid || ticket.showtimeId !== verified.payload.st) {
    throw new AppError('TICKET_INVALID', {
      message: `signed ticket ${verified.payload.tid} unknown in cinema ${cinemaId}`,
    });
  }
  return ticket;
}

export function usedError(ticket: TTicketRow, usedAt: Date, door: string | null): AppError {
  const where = door ? ` at ${door}` : '';
  return new AppError('TICKET_ALREADY_USED', {
    message: `ticket ${ticket.id} already checked in`,
    userMessage: `Already used at ${formatClock(usedAt.toISOString(), ticket.timeZone)}${where} (seat ${ticket.seatLabel}).`,
    data: { ticket: { seatLabel: ticket.seatLabel, usedAt: usedAt.toISOString(), usedAtDoor: door } },
  });
}

/** Refuses a ticket that may not enter at `at`: refunded, cancelled show, too early, show over. */
export function assertAdmissible(ticket: TTicketRow, at: Date): void {
  const seat = { ticket: { seatLabel: ticket.seatLabel } };
  if (ticket.cancelled)
    throw new AppError('TICKET_SHOW_CANCELLED', { message: `ticket ${ticket.id}: show cancelled`, data: seat });
  if (ticket.bookingStatus === 'EXCHANGED')
    throw new AppError('TICKET_REFUNDED', {
      message: `ticket ${ticket.id}: booking exchanged`,
      userMessage: 'This ticket was exchanged for another and cannot be used.',
      data: seat,
    });
  if (ticket.voidedAt || ticket.bookingStatus === 'REFUNDED' || ticket.bookingStatus === 'CANCELLED')
    throw new AppError('TICKET_REFUNDED', {
      message: `ticket ${ticket.id}: ${ticket.voidedAt ? 'seat refunded' : `booking ${ticket.bookingStatus}`}`,
      data: seat,
    });
  if (ticket.bookingStatus !== 'CONFIRMED')
    throw new AppError('TICKET_INVALID', { message: `ticket ${ticket.id}: booking ${ticket.bookingStatus}` });
  const opens = new Date(ticket.startsAt.getTime() - DOOR_OPENS_BEFORE_MS);
  if (at < opens) {
    throw new AppError('TICKET_TOO_EARLY', {
      message: `ticket ${ticket.id}: too early`,
      userMessage: `Too early: doors open at ${formatClock(opens.toISOString(), ticket.timeZone)} for the ${formatClock(ticket.startsAt.toISOString(), ticket.timeZone)} show.`,
      data: seat,
    });
  }
  if (at > ticket.endsAt)
    throw new AppError('TICKET_SHOW_OVER', {
      message: `ticket ${ticket.id}: show over`,
      userMessage: `This show ended at ${formatClock(ticket.endsAt.toISOString(), ticket.timeZone)}.`,
      data: seat,
    });
}
