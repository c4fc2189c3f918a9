// The one transition out of PENDING without payment: expired, released by the customer, or
// cancelled with its show (a hold replaced by a new selection is closed by marquee_write_holds, see
// booking-lifecycle.ts). A single statement: the bookings change state, their seats stop counting
// for the partial unique index, and each showtime's seat version moves on, all at once or not at all.
// Expiry waits for a capture in flight: the lease is a column of the row this statement updates, so
// a claim committed while the statement waits for the row's lock is seen when the row is rechecked.
import type { TSql } from '../db/prisma';
import type { TClosedStatus } from './booking-lifecycle';

export type TClosePendingScope =
  | { bookingIds: string[] }
  | { showtimeId: string; seatIds: string[] }
  /** Every PENDING booking of a show (the show is cancelled). */
  | { wholeShowtimeId: string }
  | { all: true };

export interface TFreedSeat {
  bookingId: string;
  showtimeId: string;
  seatId: string;
  /** The showtime's seat version after the change. */
  seatVersion: number;
}

const CLOSE_PENDING = `
  WITH closed AS (
    UPDATE "Booking" b
       SET status = $1::"BookingStatus", "closedAt" = $2, "statusReason" = $3, "updatedAt" = $2
     WHERE b.status = 'PENDING'
       -- Expiry leaves alone a hold whose authorized payment is being captured (its lease, see
       -- payments/capture-authorized-payment.ts); release and cancellation do not wait.
       AND (NOT $4 OR (b."expiresAt" <= $2 AND (b."captureLeaseUntil" IS NULL OR b."captureLeaseUntil" <= $2)))
       AND ($5::uuid[] IS NULL OR b.id = ANY($5::uuid[]))
       AND ($6::uuid IS NULL OR b.id IN (
             SELECT bs."bookingId" FROM "BookingSeat" bs
              WHERE bs."showtimeId" = $6::uuid AND bs."seatId" = ANY($7::uuid[]) AND bs.active))
       AND ($8::uuid IS NULL OR b."showtimeId" = $8::uuid)
    RETURNING b.id, b."showtimeId"
  ), freed AS (
    UPDATE "BookingSeat" bs SET active = false
      FROM closed c WHERE bs."bookingId" = c.id AND bs.active
    RETURNING bs."bookingId", bs."showtimeId", bs."seatId"
  ), bumped AS (
    -- The shows' rows locked in id order, as batched holds lock them (marquee_write_holds).
    UPDATE "Showtime" s SET "seatVersion" = s."seatVersion" + 1, "updatedAt" = $2
      FROM (SELECT id FROM "Showtime" WHERE id IN (SELECT "showtimeId" FROM closed) ORDER BY id FOR UPDATE) locked
     WHERE s.id = locked.id
    RETURNING s.id, s."seatVersion"
  )
  SELECT f."bookingId"::text AS "bookingId", f."showtimeId"::text AS "showtimeId", f."seatId"::text AS "seatId", b."seatVersion"
    FROM freed f JOIN bumped b ON b.id = f."showtimeId"`;

export async function closePendingBookings(
  db: TSql,
  opts: { scope: TClosePendingScope; status: TClosedStatus; reason: string; onlyOverdue: boolean; now: Date },
): Promise<TFreedSeat[]> {
  const { scope } = opts;
  const { rows } = await db.query<TFreedSeat>({
    name: 'close-pending',
    text: CLOSE_PENDING,
    values: [
      opts.status,
      opts.now,
      opts.reason,
      opts.onlyOverdue,
      'bookingIds' in scope ? scope.bookingIds : null,
      'showtimeId' in scope ? scope.showtimeId : null,
      'seatIds' in scope ? scope.seatIds : null,
      'wholeShowtimeId' in scope ? scope.wholeShowtimeId : null,
    ],
  });
  return rows;
}
