// Finding a booking at the door without its QR (the customer's phone died): the booking code and a
// piece of the contact it was booked with. Every miss gets the same answer, whichever part was
// wrong, and guesses are limited per staff member and per device so the four digits cannot be tried
// one after another.
import type { TAdmittedCount, TDoorContact, TDoorLookupResult } from '@marquee/shared';
import { limitByKey } from '../auth';
import type { TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

/** Lookups a staff member may make in a minute, and a device (address) for all its staff. */
export const DOOR_LOOKUPS_PER_MINUTE = 10;
export const DOOR_LOOKUPS_PER_ADDRESS_PER_MINUTE = 60;

export async function lookupBookingAtDoor(
  services: Pick<TServices, 'pg' | 'redis'>,
  { actor, address, code, contact }: { actor: TStaffActor; address: string; code: string; contact: TDoorContact },
): Promise<TDoorLookupResult> {
  await limitByKey(services, { name: 'door-lookup-staff', key: actor.userId, perMinute: DOOR_LOOKUPS_PER_MINUTE });
  await limitByKey(services, {
    name: 'door-lookup-address',
    key: address,
    perMinute: DOOR_LOOKUPS_PER_ADDRESS_PER_MINUTE,
  });
  const matches =
    contact.kind === 'phone4'
      ? `b."customerPhone" IS NOT NULL AND right(b."customerPhone", 4) = $3`
      : `b."customerEmail" IS NOT NULL AND left(lower(b."customerEmail"), 3) = $3`;
  const { rows } = await services.pg.query<{
    bookingCode: string;
    showtimeId: string;
    movieTitle: string;
    screenName: string;
    startsAt: Date;
    ticketId: string;
    seatLabel: string;
    token: string;
    checkedInAt: Date | null;
    checkedInDoor: string | null;
  }>(
    `SELECT b.code AS "bookingCode", st.id::text AS "showtimeId", m.title AS "movieTitle", sc.name AS "screenName", st."startsAt",
            t.id::text AS "ticketId", t."seatLabel", t.token, t."checkedInAt", t."checkedInDoor"
     FROM "Booking" b JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
     JOIN "Movie" m ON m.id = st."movieId" JOIN "Ticket" t ON t."bookingId" = b.id
     WHERE b.code = $1 AND sc."cinemaId" = $2::uuid AND b.status = 'CONFIRMED' AND t."voidedAt" IS NULL AND ${matches}
     ORDER BY t."seatLabel"`,
    [code, actor.cinemaId, contact.kind === 'phone4' ? contact.digits : contact.letters],
  );
  const first = rows[0];
  if (!first) {
    throw new AppError('TICKET_LOOKUP_NO_MATCH', {
      message: `door lookup of ${code} by ${actor.userId}: no confirmed booking with that contact`,
    });
  }
  return {
    bookingCode: first.bookingCode,
    showtimeId: first.showtimeId,
    movieTitle: first.movieTitle,
    screenName: first.screenName,
    startsAt: first.startsAt.toISOString(),
    tickets: rows.map((r) => ({
      ticketId: r.ticketId,
      seatLabel: r.seatLabel,
      token: r.token,
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
      checkedInDoor: r.checkedInDoor,
    })),
  };
}

/** A show's running count at the door: tickets admitted of tickets sold (confirmed bookings). */
export async function admittedCount(
  services: Pick<TServices, 'pg'>,
  { cinemaId, showtimeId }: { cinemaId: string; showtimeId: string },
): Promise<TAdmittedCount> {
  const { rows } = await services.pg.query<{ movieTitle: string; startsAt: Date; admitted: number; sold: number }>(
    `SELECT m.title AS "movieTitle", st."startsAt",
            (SELECT count(t."checkedInAt")::int FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId"
              WHERE t."showtimeId" = st.id AND b.status = 'CONFIRMED' AND t."voidedAt" IS NULL) AS admitted,
            (SELECT count(*)::int FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId"
              WHERE t."showtimeId" = st.id AND b.status = 'CONFIRMED' AND t."voidedAt" IS NULL) AS sold
     FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" JOIN "Movie" m ON m.id = st."movieId"
     WHERE st.id = $1::uuid AND sc."cinemaId" = $2::uuid`,
    [showtimeId, cinemaId],
  );
  const row = rows[0];
  if (!row) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not in ${cinemaId}` });
  return {
    showtimeId,
    movieTitle: row.movieTitle,
    startsAt: row.startsAt.toISOString(),
    admitted: row.admitted,
    sold: row.sold,
  };
}
