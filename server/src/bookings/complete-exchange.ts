// The end of an exchange or a move, inside the transaction that confirms the booking replacing
// this one (box-office/exchange-booking.ts starts it; a UPI payment's settlement may finish it):
// the old booking's standing seats and tickets void, EXCHANGED, and a credit note of what stood;
// and what a booking is worth to its replacement: its standing seats' prices and the fee they keep.
import { creditNoteLines, feeKeptPaise } from '@marquee/shared';
import type { TSql } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { issueCreditNote } from '../tax-invoices';
import type { TConfirmedBooking } from './confirm-booking';
import { invoiceLinesOf } from './refund-seats';

export interface TExchangedBooking {
  id: string;
  code: string;
  status: string;
  channel: 'KIOSK' | 'WEB' | 'BOX_OFFICE';
  showtimeId: string;
  startsAt: Date;
  feePaise: number;
  customerEmail: string | null;
  customerPhone: string | null;
}

/** The booking as an exchange reads it, locked when in the exchanging transaction. */
export async function readExchangedBooking(
  tx: TSql,
  bookingId: string,
  lock: boolean,
): Promise<TExchangedBooking & { creditPaise: number }> {
  const { rows } = await tx.query<TExchangedBooking>(
    `SELECT b.id::text, b.code, b.status::text AS status, b.channel::text AS channel, b."showtimeId"::text, s."startsAt",
            b."feePaise", b."customerEmail", b."customerPhone"
       FROM "Booking" b JOIN "Showtime" s ON s.id = b."showtimeId" WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
    [bookingId],
  );
  const old = rows[0];
  if (!old) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found` });
  const seats = await tx.query<{ pricePaise: number; active: boolean }>(
    `SELECT "pricePaise", active FROM "BookingSeat" WHERE "bookingId" = $1`,
    [bookingId],
  );
  const standing = seats.rows.filter((s) => s.active);
  const creditPaise =
    standing.reduce((sum, s) => sum + s.pricePaise, 0) +
    (seats.rows.length ? feeKeptPaise(old.feePaise, seats.rows.length, standing.length) : 0);
  return { ...old, creditPaise };
}

export function assertChangeable(old: TExchangedBooking, now: Date): void {
  if (old.status !== 'CONFIRMED')
    throw new AppError('BOOKING_NOT_CHANGEABLE', {
      message: `booking ${old.id} is ${old.status}; only a confirmed booking can be exchanged`,
      userMessage:
        old.status === 'EXCHANGED'
          ? 'This booking was exchanged already.'
          : 'Only a paid booking can be moved or exchanged.',
    });
  if (old.startsAt <= now)
    throw new AppError('BOOKING_NOT_CHANGEABLE', {
      message: `booking ${old.id}'s show started at ${old.startsAt.toISOString()}`,
      userMessage: 'Its show has started: it can no longer be moved or exchanged.',
    });
}

/**
 * Inside a transaction confirming `newBookingId`, ends the booking it replaces: its standing seats
 * and tickets void, EXCHANGED, and a credit note of what stood. Refuses (BOOKING_NOT_CHANGEABLE)
 * if it is not confirmed any more or is no longer worth the credit the new booking counted on.
 * Returns what afterBookingChange needs to put the old seats back on sale. In a batch of
 * confirmations (`batched`), the old show's seat version is moved by the batch at its end with its
 * other shows, in id order (confirm-batch.ts), and filled in then; alone, it is moved here.
 */
export async function completeExchange(
  tx: TSql,
  {
    oldBookingId,
    newCode,
    worthPaise,
    now,
    batched = false,
  }: {
    oldBookingId: string;
    newCode: string;
    /** What the old booking was worth when the exchange was priced: it must be worth that still. */
    worthPaise: number;
    now: Date;
    batched?: boolean;
  },
): Promise<NonNullable<TConfirmedBooking['exchanged']>> {
  const old = await readExchangedBooking(tx, oldBookingId, true);
  assertChangeable(old, now);
  if (old.creditPaise !== worthPaise)
    throw new AppError('BOOKING_NOT_CHANGEABLE', {
      message: `booking ${oldBookingId} is worth ${old.creditPaise}, not the ${worthPaise} its exchange counted on`,
      userMessage: 'The booking changed while it was being exchanged. Start the exchange again.',
    });
  const seats = await tx.query<{ id: string; seatId: string; label: string; pricePaise: number; active: boolean }>(
    `SELECT bs.id::text, bs."seatId"::text, s.label, bs."pricePaise", bs.active
       FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."bookingId" = $1`,
    [oldBookingId],
  );
  const standing = seats.rows.filter((s) => s.active);
  await tx.query(`UPDATE "BookingSeat" SET active = false WHERE id = ANY($1::uuid[])`, [standing.map((s) => s.id)]);
  await tx.query(`UPDATE "Ticket" SET "voidedAt" = $2 WHERE "bookingSeatId" = ANY($1::uuid[]) AND "voidedAt" IS NULL`, [
    standing.map((s) => s.id),
    now,
  ]);
  await tx.query(
    `UPDATE "Booking" SET status = 'EXCHANGED', "statusReason" = $2, "closedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
    [oldBookingId, `exchanged for booking ${newCode}`, now],
  );
  const lines = await invoiceLinesOf(tx, oldBookingId);
  if (lines && standing.length) {
    const credit = creditNoteLines(lines, {
      seats: seats.rows,
      feePaise: old.feePaise,
      standing: standing.map((s) => s.label),
      refunding: standing.map((s) => s.label),
    });
    await issueCreditNote(tx, { bookingId: oldBookingId, refundId: null, now, ...credit });
  }
  const exchanged = {
    bookingId: oldBookingId,
    showtimeId: old.showtimeId,
    seatIds: standing.map((s) => s.seatId),
    seatVersion: 0,
  };
  if (batched) return exchanged;
  const bumped = await tx.query<{ seatVersion: number }>(
    `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion"`,
    [old.showtimeId, now],
  );
  exchanged.seatVersion = bumped.rows[0]!.seatVersion;
  return exchanged;
}
