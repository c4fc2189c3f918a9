// The one idempotent transition for a captured payment, used by payments.verify and the webhook:
// a PENDING booking with the right amount becomes CONFIRMED with one signed ticket per seat; any
// other captured payment (the hold ended, the booking was already paid another way, a wrong
// amount) is refunded automatically, once, and the booking says why.
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { announceBookingStatus } from '../bookings/booking-events';
import { releaseSeatKeys } from '../holds/release-seat-keys';
import type { TServices } from '../services';
import { signTicketToken, ticketSigningKey } from '../tickets/ticket-keys';
import { recordConfirmationWork } from '../jobs/outbox/outbox-entries';
import { relayBookingOutbox } from '../jobs/outbox/relay-outbox';
import { closeQrQuietly } from '../razorpay/close-booking-qrs';
import { executeRefund } from './refund-payment';

export interface TCapturedPayment {
  bookingId: string;
  paymentId: string;
  orderId: string | null;
  amountPaise: number;
  method: 'CHECKOUT' | 'UPI_QR';
}

export type TSettlement =
  | {
      kind: 'confirmed';
      bookingId: string;
      showtimeId: string;
      startsAt: Date;
      seatIds: string[];
      seatVersion: number;
      qrId: string | null;
    }
  | { kind: 'already'; bookingId: string }
  | { kind: 'refund'; bookingId: string; refundId: string | null; reason: string };

/** Runs inside the caller's transaction (the webhook records its event id in the same one). */
export async function settleCapturedPayment(
  tx: pg.PoolClient,
  services: Pick<TServices, 'env'>,
  p: TCapturedPayment,
  now = new Date(),
): Promise<TSettlement> {
  const { rows } = await tx.query<{
    status: string;
    razorpayPaymentId: string | null;
    amountPaise: number;
    showtimeId: string;
    razorpayQrId: string | null;
    startsAt: Date;
  }>(
    `SELECT b.status, b."razorpayPaymentId", b."amountPaise", b."showtimeId"::text, b."razorpayQrId", s."startsAt"
       FROM "Booking" b JOIN "Showtime" s ON s.id = b."showtimeId" WHERE b.id = $1 FOR UPDATE OF b`,
    [p.bookingId],
  );
  const booking = rows[0];
  if (!booking) throw new Error(`settle: booking ${p.bookingId} not found`);
  if (booking.status === 'CONFIRMED' && booking.razorpayPaymentId === p.paymentId)
    return { kind: 'already', bookingId: p.bookingId };

  await tx.query(
    `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "razorpayOrderId", "razorpayPaymentId", "amountPaise", "createdAt", "updatedAt")
     VALUES ($1, $2, $3::"PaymentMethod", 'CAPTURED', $4, $5, $6, $7, $7)
     ON CONFLICT ("razorpayPaymentId") DO UPDATE SET status = 'CAPTURED', "updatedAt" = $7`,
    [uuidv7(), p.bookingId, p.method, p.orderId ?? booking.razorpayQrId ?? '', p.paymentId, p.amountPaise, now],
  );

  if (booking.status === 'PENDING' && p.amountPaise === booking.amountPaise) {
    await tx.query(
      `UPDATE "Booking" SET status = 'CONFIRMED', "confirmedAt" = $2, "razorpayPaymentId" = $3, "updatedAt" = $2 WHERE id = $1`,
      [p.bookingId, now, p.paymentId],
    );
    const seats = await tx.query<{ id: string; seatId: string; label: string }>(
      `SELECT bs.id::text, bs."seatId"::text, s.label FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."bookingId" = $1 ORDER BY s.label`,
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
    const bumped = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion"`,
      [booking.showtimeId, now],
    );
    return {
      kind: 'confirmed',
      bookingId: p.bookingId,
      showtimeId: booking.showtimeId,
      startsAt: booking.startsAt,
      seatIds: seats.rows.map((s) => s.seatId),
      seatVersion: bumped.rows[0]!.seatVersion,
      qrId: booking.razorpayQrId,
    };
  }

  const reason =
    booking.status === 'CONFIRMED'
      ? 'paid twice; the second payment was refunded'
      : booking.status === 'PENDING'
        ? `paid ${p.amountPaise} paise instead of ${booking.amountPaise}; refunded`
        : 'paid after the hold ended; refunded';
  const refund = await tx.query<{ id: string }>(
    `INSERT INTO "Refund" (id, "bookingId", "razorpayPaymentId", "amountPaise", status, reason, "requestedBy", "createdAt")
     VALUES ($1, $2, $3, $4, 'PENDING', $5, 'SYSTEM', $6) ON CONFLICT ("razorpayPaymentId") DO NOTHING RETURNING id::text`,
    [uuidv7(), p.bookingId, p.paymentId, p.amountPaise, reason, now],
  );
  if (booking.status !== 'CONFIRMED')
    await tx.query(`UPDATE "Booking" SET "statusReason" = $2, "updatedAt" = $3 WHERE id = $1`, [
      p.bookingId,
      reason,
      now,
    ]);
  return { kind: 'refund', bookingId: p.bookingId, refundId: refund.rows[0]?.id ?? null, reason };
}

/** What follows a committed settlement: Redis holds cleared, the QR closed, seats shown sold, the refund sent. */
export async function afterSettlement(
  services: Pick<TServices, 'pg' | 'prisma' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'razorpay'>,
  s: TSettlement,
  via: 'verify' | 'webhook' | 'reconcile',
): Promise<void> {
  if (s.kind === 'confirmed') {
    services.log.info({ bookingId: s.bookingId, via }, 'booking confirmed');
    await releaseSeatKeys(services, { bookingId: s.bookingId, showtimeId: s.showtimeId, seatIds: s.seatIds });
    await services.seatEvents.publish({
      showtimeId: s.showtimeId,
      version: s.seatVersion,
      seats: s.seatIds.map((id) => ({ id, state: 'sold' as const })),
    });
    if (s.qrId) await closeQrQuietly(services, s.qrId);
    await relayBookingOutbox(services, s.bookingId);
    await announceBookingStatus(services, s.bookingId, 'CONFIRMED');
  } else if (s.kind === 'refund' && s.refundId) {
    services.log.warn({ bookingId: s.bookingId, reason: s.reason, via }, 'refunding a payment that cannot be honoured');
    await executeRefund(services, s.refundId);
  }
}
