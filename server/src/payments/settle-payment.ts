// The one idempotent settlement of a captured payment, used by payments.verify, the webhook and the
// reconciler: the payment is recorded, and a PENDING booking with the right amount is confirmed
// (bookings/confirm-booking.ts); any other captured payment (the hold ended, the booking was already
// paid another way, a wrong amount) is refunded automatically, once, and the booking says why.
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterBookingChange } from '../bookings';
import { completeExchange, confirmPaidBooking, type TConfirmBatch, type TConfirmedBooking } from '../bookings';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

export interface TCapturedPayment {
  bookingId: string;
  paymentId: string;
  orderId: string | null;
  amountPaise: number;
  method: 'CHECKOUT' | 'UPI_QR';
}

export type TSettlement =
  | ({ kind: 'confirmed' } & TConfirmedBooking)
  | { kind: 'already'; bookingId: string }
  | { kind: 'refund'; bookingId: string; refundId: string | null; reason: string };

/**
 * Runs inside the caller's transaction (the webhook records its event id in the same one), given
 * the batch of that transaction by settleInBatch (settle-in-batches.ts); without one, a booking
 * confirmed here moves its show's seat version and takes its invoice number at once.
 */
export async function settleCapturedPayment(
  tx: pg.PoolClient,
  services: Pick<TServices, 'env'>,
  p: TCapturedPayment,
  now = new Date(),
  batch?: TConfirmBatch,
): Promise<TSettlement> {
  const { rows } = await tx.query<{
    status: string;
    razorpayPaymentId: string | null;
    amountPaise: number;
    showtimeId: string;
    razorpayQrId: string | null;
    startsAt: Date;
    code: string;
    creditPaise: number;
    replacesBookingId: string | null;
  }>(
    `SELECT b.status, b."razorpayPaymentId", b."amountPaise", b."showtimeId"::text, b."razorpayQrId", s."startsAt",
            b.code, b."creditPaise", b."replacesBookingId"::text
       FROM "Booking" b JOIN "Showtime" s ON s.id = b."showtimeId" WHERE b.id = $1 FOR UPDATE OF b`,
    [p.bookingId],
  );
  const booking = rows[0];
  if (!booking) throw new Error(`settle: booking ${p.bookingId} not found`);
  // The payment the booking was confirmed with: another event of it (Razorpay sends payment.captured
  // and order.paid, and retries each for a day), or verify after the webhook, changes nothing, also
  // after the booking was refunded or exchanged since (that money is accounted for already).
  if (booking.razorpayPaymentId === p.paymentId) return { kind: 'already', bookingId: p.bookingId };

  const attempt = await tx.query<{ id: string }>(
    `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "razorpayOrderId", "razorpayPaymentId", "amountPaise", "createdAt", "updatedAt")
     VALUES ($1, $2, $3::"PaymentMethod", 'CAPTURED', $4, $5, $6, $7, $7)
     ON CONFLICT ("razorpayPaymentId") DO UPDATE SET status = 'CAPTURED', "updatedAt" = $7 RETURNING id::text`,
    [uuidv7(), p.bookingId, p.method, p.orderId ?? booking.razorpayQrId ?? '', p.paymentId, p.amountPaise, now],
  );

  // An exchange's new booking is paid the difference: the booking it replaces covers the rest.
  const duePaise = booking.amountPaise - booking.creditPaise;
  let unchangeable: string | null = null;
  if (booking.status === 'PENDING' && p.amountPaise === duePaise) {
    // An exchange ends the booking it replaces in the same transaction, if that one still stands as it was.
    let exchanged: TConfirmedBooking['exchanged'];
    if (booking.replacesBookingId) {
      exchanged = await completeExchange(tx, {
        oldBookingId: booking.replacesBookingId,
        newCode: booking.code,
        // Only a dearer exchange waits for a payment: its credit is the old booking's whole worth.
        worthPaise: booking.creditPaise,
        now,
        batched: Boolean(batch),
      }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'BOOKING_NOT_CHANGEABLE') {
          unchangeable = err.message;
          return undefined;
        }
        throw err;
      });
    }
    if (!unchangeable) {
      const confirmed = await confirmPaidBooking(tx, services, p, booking, now, batch);
      // The row is locked FOR UPDATE above, so a PENDING booking is still PENDING here.
      if (!confirmed) throw new Error(`settle: booking ${p.bookingId} is not PENDING under its lock`);
      // The same object, not a copy: a batch fills in its seat version when it finishes.
      return Object.assign(confirmed, { kind: 'confirmed' as const }, exchanged ? { exchanged } : {});
    }
  }

  const reason = unchangeable
    ? 'paid for an exchange of a booking that changed meanwhile; refunded'
    : booking.status === 'CONFIRMED'
      ? 'paid twice; the second payment was refunded'
      : booking.status === 'PENDING'
        ? `paid ${p.amountPaise} paise instead of ${duePaise}; refunded`
        : 'paid after the hold ended; refunded';
  const refund = await tx.query<{ id: string }>(
    `INSERT INTO "Refund" (id, "bookingId", "paymentId", "razorpayPaymentId", "amountPaise", status, reason, "requestedBy", "idempotencyKey", "createdAt")
     VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, 'SYSTEM', 'payment:' || $4, $7) ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING id::text`,
    [uuidv7(), p.bookingId, attempt.rows[0]!.id, p.paymentId, p.amountPaise, reason, now],
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
    await afterBookingChange(services, s);
  } else if (s.kind === 'refund' && s.refundId) {
    services.log.warn({ bookingId: s.bookingId, reason: s.reason, via }, 'refunding a payment that cannot be honoured');
    await afterBookingChange(services, { kind: 'refund-recorded', refundId: s.refundId });
  }
}
