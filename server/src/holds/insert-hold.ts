import type { TSql } from '../db/prisma';

export interface TNewHold {
  bookingId: string;
  code: string;
  showtimeId: string;
  channel: 'KIOSK' | 'WEB';
  holder: string;
  kioskId: string | null;
  amountPaise: number;
  feePaise: number;
  expiresAt: Date;
  lines: { seatId: string; pricePaise: number }[];
  now: Date;
}

const INSERT_HOLD = `
  WITH booking AS (
    INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "kioskId", "amountPaise", "feePaise", "expiresAt", "createdAt", "updatedAt")
    VALUES ($1::uuid, $2, $3::uuid, 'PENDING', $4::"Channel", $5, $6::uuid, $7, $8, $9, $10, $10)
    RETURNING id
  ), seats AS (
    INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise", active)
    SELECT gen_random_uuid(), $1::uuid, $3::uuid, x.seat_id, x.price, true
      FROM unnest($11::uuid[], $12::int[]) AS x(seat_id, price)
    RETURNING 1
  ), bumped AS (
    UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $10 WHERE id = $3::uuid
    RETURNING "seatVersion"
  )
  SELECT "seatVersion" FROM bumped, (SELECT count(*) FROM booking) b, (SELECT count(*) FROM seats) s`;

// The same twelve parameters as INSERT_HOLD, then the booking it replaces as $13.
const REPLACE_HOLD = `SELECT marquee_replace_hold($13::uuid, $10, $1::uuid, $2, $3::uuid, $4::"Channel", $5, $6::uuid, $7, $8, $9, $11::uuid[], $12::int[]) AS "seatVersion"`;

/** The parameters of both statements, in INSERT_HOLD's order. */
function holdValues(h: TNewHold): unknown[] {
  return [h.bookingId, h.code, h.showtimeId, h.channel, h.holder, h.kioskId, h.amountPaise, h.feePaise, h.expiresAt, h.now, h.lines.map((l) => l.seatId), h.lines.map((l) => l.pricePaise)];
}

/**
 * The PENDING booking, its seats and the showtime's next seat version, in one statement (one round
 * trip, atomic). The partial unique index on active booking seats refuses it whole if any seat is
 * taken. Returns the showtime's new seat version.
 */
export async function insertHold(db: TSql, h: TNewHold): Promise<number> {
  const { rows } = await db.query<{ seatVersion: number }>({ name: 'insert-hold', text: INSERT_HOLD, values: holdValues(h) });
  return rows[0]!.seatVersion;
}

/**
 * The same, replacing the holder's previous PENDING booking in the same call (one round trip, one
 * transaction; see the marquee_replace_hold migration).
 */
export async function replaceHold(db: TSql, previousBookingId: string, h: TNewHold): Promise<number> {
  const { rows } = await db.query<{ seatVersion: number }>({ name: 'replace-hold', text: REPLACE_HOLD, values: [...holdValues(h), previousBookingId] });
  return rows[0]!.seatVersion;
}
