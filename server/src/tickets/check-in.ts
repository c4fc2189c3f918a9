// A ticket at the door: its signature, its show's hours, its booking's state, then "checked in"
// exactly once (one conditional UPDATE decides between any number of simultaneous scans).
import type { TCheckInResult } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import type { TStaffActor } from '../audit/record-audit';
import { assertAdmissible, ticketOf, usedError } from './door-ticket';

export async function checkIn(
  services: Pick<TServices, 'pg' | 'env' | 'log'>,
  { token, door, actor, at = new Date() }: { token: string; door: string; actor: TStaffActor; at?: Date },
): Promise<TCheckInResult> {
  const ticket = await ticketOf(services, token, actor.cinemaId);
  assertAdmissible(ticket, at);
  // Once: only the scan that finds it unused (and its booking still paid) marks it.
  const marked = await services.pg.query(
    `UPDATE "Ticket" t SET "checkedInAt" = $2, "checkedInDoor" = $3, "checkedInById" = $4::uuid
     WHERE t.id = $1::uuid AND t."checkedInAt" IS NULL AND t."voidedAt" IS NULL AND EXISTS (SELECT 1 FROM "Booking" b WHERE b.id = t."bookingId" AND b.status = 'CONFIRMED')`,
    [ticket.id, at, door, actor.userId],
  );
  if (marked.rowCount !== 1) {
    const now = await ticketOf(services, token, actor.cinemaId);
    if (now.checkedInAt) throw usedError(now, now.checkedInAt, now.checkedInDoor);
    assertAdmissible(now, at); // refunded in the meantime
    throw new AppError('TICKET_INVALID', { message: `ticket ${ticket.id} could not be marked` });
  }
  const { rows } = await services.pg.query<{ checkedIn: number; tickets: number }>(
    `SELECT count(t."checkedInAt")::int AS "checkedIn", count(*)::int AS tickets
     FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId" WHERE t."showtimeId" = $1::uuid AND b.status = 'CONFIRMED' AND t."voidedAt" IS NULL`,
    [ticket.showtimeId],
  );
  return {
    ticketId: ticket.id,
    bookingCode: ticket.bookingCode,
    seatLabel: ticket.seatLabel,
    showtimeId: ticket.showtimeId,
    movieTitle: ticket.movieTitle,
    screenName: ticket.screenName,
    startsAt: ticket.startsAt.toISOString(),
    checkedIn: rows[0]!.checkedIn,
    tickets: rows[0]!.tickets,
  };
}
