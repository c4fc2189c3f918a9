// PENDING → CONFIRMED: a paid booking gets one signed ticket per seat and its tax invoice, its
// receipt and reminder are recorded in the outbox, and the show's seat version moves. Payment
// settlement decides that the payment honours the booking and calls this inside its transaction,
// with the booking row locked.
//
// The show's row and the cinema's invoice counter are the two rows every confirmation of a show
// (of a cinema) must lock until it commits: they are taken last. A caller confirming several
// bookings in one transaction passes a batch (confirm-batch.ts), and both steps are left
// to its end, where they are taken once for all of them.
import { v7 as uuidv7 } from 'uuid';
import type { TSql } from '../db/prisma';
import type { TServices } from '../services';
import { signTicketToken, ticketSigningKey } from '../tickets';
import { recordConfirmationWork } from '../jobs/outbox/outbox-entries';
import { issueInvoice, prepareInvoice, type TPreparedInvoice } from '../tax-invoices';

export interface TConfirmedBooking {
  bookingId: string;
  showtimeId: string;
  startsAt: Date;
  seatIds: string[];
  seatVersion: number;
  qrId: string | null;
  /** The booking this one replaced, ended in the same transaction: its seats go back on sale. */
  exchanged?: { bookingId: string; showtimeId: string; seatIds: string[]; seatVersion: number };
}

/**
 * Confirmations made in one transaction whose seat version and invoice number are taken together
 * at its end (confirm-batch.ts): `add` records one, with its invoice worked out.
 */
export interface TConfirmBatch {
  add(confirmed: TConfirmedBooking, invoice: TPreparedInvoice | null): void;
}

/** Confirms a PENDING booking; returns null (and changes nothing) if the booking is not PENDING. */
export async function confirmPaidBooking(
  tx: TSql,
  services: Pick<TServices, 'env'>,
  /** The Razorpay payment that paid it; null for cash, a complimentary booking or an exchange's credit. */
  p: { bookingId: string; paymentId: string | null },
  booking: { showtimeId: string; startsAt: Date; razorpayQrId: string | null },
  now: Date,
  batch?: TConfirmBatch,
): Promise<TConfirmedBooking | null> {
  const confirmed = await tx.query(
    `UPDATE "Booking" SET status = 'CONFIRMED', "confirmedAt" = $2, "razorpayPaymentId" = $3, "updatedAt" = $2 WHERE id = $1 AND status = 'PENDING'`,
    [p.bookingId, now, p.paymentId],
  );
  if (confirmed.rowCount === 0) return null;
  const seats = await tx.query<{ id: string; seatId: string; label: string; pricePaise: number }>(
    `SELECT bs.id::text, bs."seatId"::text, s.label, bs."pricePaise" FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."bookingId" = $1 ORDER BY s.label`,
    [p.bookingId],
  );
  const key = ticketSigningKey(services.env);
  const tickets = seats.rows.map((seat) => {
    const id = uuidv7();
    return {
      id,
      bookingSeatId: seat.id,
      label: seat.label,
      token: signTicketToken({ tid: id, bid: p.bookingId, st: booking.showtimeId, seat: seat.label }, key),
    };
  });
  await tx.query(
    `INSERT INTO "Ticket" (id, "bookingId", "bookingSeatId", "showtimeId", "seatLabel", token, "keyId", "issuedAt")
     SELECT t.id, $1, t.bs, $2, t.label, t.token, $3, $4 FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::text[]) AS t(id, bs, label, token)`,
    [
      p.bookingId,
      booking.showtimeId,
      key.kid,
      now,
      tickets.map((t) => t.id),
      tickets.map((t) => t.bookingSeatId),
      tickets.map((t) => t.label),
      tickets.map((t) => t.token),
    ],
  );
  // The receipt and the reminder are recorded with the confirmation: they happen even if Redis is down now.
  await recordConfirmationWork(tx, { bookingId: p.bookingId, startsAt: booking.startsAt, now });
  const result = {
    bookingId: p.bookingId,
    showtimeId: booking.showtimeId,
    startsAt: booking.startsAt,
    seatIds: seats.rows.map((s) => s.seatId),
    seatVersion: 0,
    qrId: booking.razorpayQrId,
  };
  if (batch) {
    // The batch moves the seat version (and fills it in here) and numbers the invoice at its end.
    batch.add(result, await prepareInvoice(tx, { bookingId: p.bookingId, now, seats: seats.rows }));
    return result;
  }
  const bumped = await tx.query<{ seatVersion: number }>(
    `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion"`,
    [booking.showtimeId, now],
  );
  result.seatVersion = bumped.rows[0]!.seatVersion;
  // Last, so the cinema's invoice counter is locked only for the rest of this transaction.
  await issueInvoice(tx, { bookingId: p.bookingId, now, seats: seats.rows });
  return result;
}
