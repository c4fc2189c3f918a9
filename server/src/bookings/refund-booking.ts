// CONFIRMED → REFUNDED: a full refund of a confirmed booking, asked by customer service, a manager
// or the system (a cancelled show). Recorded before it is sent, once per payment, with the credit
// note of its invoice; the seats go back on sale. Any other booking is refused and left as it is.
import { v7 as uuidv7 } from 'uuid';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { issueCreditNote } from '../tax-invoices';
import { afterBookingChange } from './after-booking-change';

export async function refundBooking(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  p: {
    bookingId: string;
    requestedBy: 'CUSTOMER_SERVICE' | 'SYSTEM' | 'MANAGER';
    requestedById?: string | null;
    reason: string;
    now?: Date;
  },
): Promise<{ refundId: string; alreadyRefunded: boolean }> {
  const now = p.now ?? new Date();
  const result = await withTransaction(services.pg, async (tx) => {
    const { rows } = await tx.query<{
      status: string;
      razorpayPaymentId: string | null;
      amountPaise: number;
      showtimeId: string;
    }>(
      `SELECT status, "razorpayPaymentId", "amountPaise", "showtimeId"::text FROM "Booking" WHERE id = $1 FOR UPDATE`,
      [p.bookingId],
    );
    const booking = rows[0];
    if (!booking) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${p.bookingId} not found` });
    if (booking.status === 'REFUNDED') {
      const existing = await tx.query<{ id: string }>(
        `SELECT id::text FROM "Refund" WHERE "bookingId" = $1 ORDER BY "createdAt" LIMIT 1`,
        [p.bookingId],
      );
      return { refundId: existing.rows[0]!.id, alreadyRefunded: true, freed: null };
    }
    if (booking.status !== 'CONFIRMED' || !booking.razorpayPaymentId) {
      throw new AppError('BOOKING_NOT_FOUND', {
        message: `booking ${p.bookingId} is ${booking.status}; only a paid booking can be refunded`,
        userMessage: 'Only a paid booking can be refunded.',
      });
    }
    const refundId = uuidv7();
    await tx.query(
      `INSERT INTO "Refund" (id, "bookingId", "razorpayPaymentId", "amountPaise", status, reason, "requestedBy", "requestedById", "createdAt")
       VALUES ($1, $2, $3, $4, 'PENDING', $5, $6::"RefundRequester", $7, $8)`,
      [
        refundId,
        p.bookingId,
        booking.razorpayPaymentId,
        booking.amountPaise,
        p.reason,
        p.requestedBy,
        p.requestedById ?? null,
        now,
      ],
    );
    await tx.query(
      `UPDATE "Booking" SET status = 'REFUNDED', "statusReason" = $2, "closedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
      [p.bookingId, p.reason, now],
    );
    const seats = await tx.query<{ seatId: string }>(
      `UPDATE "BookingSeat" SET active = false WHERE "bookingId" = $1 AND active RETURNING "seatId"::text`,
      [p.bookingId],
    );
    const bumped = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion"`,
      [booking.showtimeId, now],
    );
    await issueCreditNote(tx, { bookingId: p.bookingId, refundId, now });
    return {
      refundId,
      alreadyRefunded: false,
      freed: {
        showtimeId: booking.showtimeId,
        seatIds: seats.rows.map((s) => s.seatId),
        version: bumped.rows[0]!.seatVersion,
      },
    };
  });
  if (result.freed) {
    services.log.info(
      { bookingId: p.bookingId, requestedBy: p.requestedBy, requestedById: p.requestedById },
      'booking refunded',
    );
    await afterBookingChange(services, {
      kind: 'refunded',
      bookingId: p.bookingId,
      showtimeId: result.freed.showtimeId,
      seatIds: result.freed.seatIds,
      seatVersion: result.freed.version,
      refundId: result.refundId,
    });
  }
  return { refundId: result.refundId, alreadyRefunded: result.alreadyRefunded };
}
