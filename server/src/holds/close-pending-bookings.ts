// The one transition out of PENDING without payment (expired, released, replaced). A single
// statement: the bookings change state, their seats stop counting for the partial unique index,
// and each showtime's seat version moves on, all at once or not at all.
import type { PrismaClient, TTransaction } from '../db/prisma';

export type TClosePendingScope = { bookingIds: string[] } | { showtimeId: string; seatIds: string[] } | { all: true };

export interface TFreedSeat {
  bookingId: string;
  showtimeId: string;
  seatId: string;
  /** The showtime's seat version after the change. */
  seatVersion: number;
}

export async function closePendingBookings(
  db: PrismaClient | TTransaction,
  opts: { scope: TClosePendingScope; status: 'EXPIRED' | 'CANCELLED'; reason: string; onlyOverdue: boolean; now: Date },
): Promise<TFreedSeat[]> {
  const { scope, now } = opts;
  const bookingIds = 'bookingIds' in scope ? scope.bookingIds : null;
  const showtimeId = 'showtimeId' in scope ? scope.showtimeId : null;
  const seatIds = 'seatIds' in scope ? scope.seatIds : null;
  // An explicit cast keeps the enum literal a parameter without a separate query per status.
  return db.$queryRaw<TFreedSeat[]>`
    WITH closed AS (
      UPDATE "Booking" b
         SET status = ${opts.status}::"BookingStatus", "closedAt" = ${now}, "statusReason" = ${opts.reason}, "updatedAt" = ${now}
       WHERE b.status = 'PENDING'
         AND (NOT ${opts.onlyOverdue} OR b."expiresAt" <= ${now})
         AND (${bookingIds}::uuid[] IS NULL OR b.id = ANY(${bookingIds}::uuid[]))
         AND (${showtimeId}::uuid IS NULL OR b.id IN (
               SELECT bs."bookingId" FROM "BookingSeat" bs
                WHERE bs."showtimeId" = ${showtimeId}::uuid AND bs."seatId" = ANY(${seatIds}::uuid[]) AND bs.active))
      RETURNING b.id, b."showtimeId"
    ), freed AS (
      UPDATE "BookingSeat" bs SET active = false
        FROM closed c WHERE bs."bookingId" = c.id AND bs.active
      RETURNING bs."bookingId", bs."showtimeId", bs."seatId"
    ), bumped AS (
      UPDATE "Showtime" s SET "seatVersion" = s."seatVersion" + 1, "updatedAt" = ${now}
       WHERE s.id IN (SELECT DISTINCT "showtimeId" FROM closed)
      RETURNING s.id, s."seatVersion"
    )
    SELECT f."bookingId"::text AS "bookingId", f."showtimeId"::text AS "showtimeId", f."seatId"::text AS "seatId", b."seatVersion"
      FROM freed f JOIN bumped b ON b.id = f."showtimeId"`;
}
