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

// The booking, its seats and the showtime's next seat version in one call (one round trip, one
// transaction), closing the holder's previous PENDING booking first when there is one ($1). The
// function commits its transaction without waiting for the WAL flush (see its migrations).
const HOLD = `SELECT marquee_replace_hold($1::uuid, $11, $2::uuid, $3, $4::uuid, $5::"Channel", $6, $7::uuid, $8, $9, $10, $12::uuid[], $13::int[]) AS "seatVersion"`;

function holdValues(previousBookingId: string | null, h: TNewHold): unknown[] {
  return [previousBookingId, h.bookingId, h.code, h.showtimeId, h.channel, h.holder, h.kioskId, h.amountPaise, h.feePaise, h.expiresAt, h.now, h.lines.map((l) => l.seatId), h.lines.map((l) => l.pricePaise)];
}

/**
 * Writes the PENDING booking and its seats, closing the holder's previous PENDING booking first if
 * given, and moves the showtime's seat version on: one call, one transaction. The partial unique
 * index on active booking seats refuses it whole if any seat is taken. Returns the new seat version.
 */
export async function writeHold(db: TSql, previousBookingId: string | null, h: TNewHold): Promise<number> {
  const { rows } = await db.query<{ seatVersion: number }>({ name: 'hold', text: HOLD, values: holdValues(previousBookingId, h) });
  return rows[0]!.seatVersion;
}
