// Capture on Marquee's terms: an authorized Checkout payment (the account captures manually, or the
// method authorizes first) is captured only while its booking's hold stands, then settled like any
// captured payment (settle-payment.ts). One that comes after the hold ended, or for another amount,
// is never captured: it is recorded RELEASED and Razorpay refunds the authorization by itself.
//
// The hold cannot end under a capture: the claim (one transaction, the booking's row locked) checks
// the hold and sets Booking.captureLeaseUntil, and expiry leaves a booking alone until its lease is
// over (bookings/close-pending-bookings.ts). Exactly once: Razorpay refuses a second capture ("This
// payment has already been captured"), which every path takes as success, and settlement is idempotent.
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { RazorpayApiError, type TRzpPayment } from '../razorpay/razorpay-gateway';
import type { TServices } from '../services';
import { settleInBatch } from './settle-in-batches';
import { settleCapturedPayment, type TSettlement } from './settle-payment';

/**
 * How long expiry leaves a hold alone once a capture is claimed: the capture call (its timeout is
 * 10 s), and after a crash the payment.captured webhook Razorpay sends at once or the next minute's
 * reconciliation, which settle it while the seats are still held. Bounded: an abandoned claim
 * delays the expiry by at most this.
 */
export const CAPTURE_LEASE_MS = 2 * 60_000;

export interface TAuthorizedPayment {
  bookingId: string;
  paymentId: string;
  orderId: string;
  amountPaise: number;
}

export type TCaptureOutcome =
  | { kind: 'settled'; settlement: TSettlement }
  | { kind: 'released'; bookingId: string; bookingStatus: string; why: TReleasedWhy; reason: string };

/** Why an authorized payment was not captured: its hold had ended, or it was for another amount. */
type TReleasedWhy = 'HOLD_ENDED' | 'WRONG_AMOUNT';

type TClaim =
  | { kind: 'capture' }
  /** Captured and settled before: settle again (it answers "already"). */
  | { kind: 'settle' }
  /** The hold ended after a capture of ours was claimed: only Razorpay knows whether it went through. */
  | { kind: 'ask' }
  | { kind: 'released'; bookingStatus: string; why: TReleasedWhy; reason: string };

type TOwner = Pick<TServices, 'pg' | 'log' | 'env' | 'razorpay'>;

async function recordReleased(
  tx: pg.PoolClient,
  p: TAuthorizedPayment,
  why: { code: TReleasedWhy; reason: string; bookingStatus: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "razorpayOrderId", "razorpayPaymentId", "amountPaise", "errorCode", "errorDescription", "createdAt", "updatedAt")
     VALUES ($1, $2, 'CHECKOUT', 'RELEASED', $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT ("razorpayPaymentId") DO UPDATE SET status = 'RELEASED', "errorCode" = $6, "errorDescription" = $7, "updatedAt" = $8
       WHERE "PaymentAttempt".status <> 'CAPTURED'`,
    [uuidv7(), p.bookingId, p.orderId, p.paymentId, p.amountPaise, why.code, why.reason, now],
  );
  // A confirmed booking (paid another way) keeps its reason; a PENDING one is closed by expiry with its own.
  if (why.bookingStatus !== 'CONFIRMED' && why.bookingStatus !== 'PENDING')
    await tx.query(`UPDATE "Booking" SET "statusReason" = $2, "updatedAt" = $3 WHERE id = $1`, [
      p.bookingId,
      why.reason,
      now,
    ]);
}

/** Decides, under the booking's row lock, whether this payment may be captured, and if so holds off expiry. */
async function claimCapture(pool: pg.Pool, p: TAuthorizedPayment, now: Date): Promise<TClaim> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{
      status: string;
      amountPaise: number;
      creditPaise: number;
      expiresAt: Date;
      razorpayPaymentId: string | null;
      captureLeaseUntil: Date | null;
    }>(
      `SELECT status, "amountPaise", "creditPaise", "expiresAt", "razorpayPaymentId", "captureLeaseUntil"
         FROM "Booking" WHERE id = $1 FOR UPDATE`,
      [p.bookingId],
    );
    const booking = rows[0];
    if (!booking) throw new Error(`capture: booking ${p.bookingId} not found`);
    const attempt = (
      await tx.query<{ status: string }>(`SELECT status FROM "PaymentAttempt" WHERE "razorpayPaymentId" = $1`, [
        p.paymentId,
      ])
    ).rows[0];
    if (attempt?.status === 'CAPTURED' || booking.razorpayPaymentId === p.paymentId) return { kind: 'settle' };

    const duePaise = booking.amountPaise - booking.creditPaise;
    const leased =
      attempt?.status === 'CAPTURING' && booking.captureLeaseUntil !== null && booking.captureLeaseUntil > now;
    const standing = booking.status === 'PENDING' && (booking.expiresAt > now || leased);
    if (standing && p.amountPaise === duePaise) {
      await tx.query(
        `UPDATE "Booking" SET "captureLeaseUntil" = GREATEST("captureLeaseUntil", $2), "updatedAt" = $3 WHERE id = $1`,
        [p.bookingId, new Date(now.getTime() + CAPTURE_LEASE_MS), now],
      );
      await tx.query(
        `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "razorpayOrderId", "razorpayPaymentId", "amountPaise", "createdAt", "updatedAt")
         VALUES ($1, $2, 'CHECKOUT', 'CAPTURING', $3, $4, $5, $6, $6)
         ON CONFLICT ("razorpayPaymentId") DO UPDATE SET status = 'CAPTURING', "updatedAt" = $6`,
        [uuidv7(), p.bookingId, p.orderId, p.paymentId, p.amountPaise, now],
      );
      return { kind: 'capture' };
    }
    if (attempt?.status === 'CAPTURING') return { kind: 'ask' };
    const why = standing
      ? {
          code: 'WRONG_AMOUNT' as const,
          reason: `authorized ${p.amountPaise} paise instead of ${duePaise}; not captured, the bank releases it`,
        }
      : { code: 'HOLD_ENDED' as const, reason: 'paid after the hold ended; not captured, the bank releases it' };
    await recordReleased(tx, p, { ...why, bookingStatus: booking.status }, now);
    return { kind: 'released', bookingStatus: booking.status, why: why.code, reason: why.reason };
  });
}

/** True for Razorpay's refusal of a capture because the payment is captured already. */
function isAlreadyCaptured(err: unknown): boolean {
  return err instanceof RazorpayApiError && err.statusCode === 400 && /already been captured/i.test(err.message);
}

/** Razorpay's capture; "already captured" (a racing path, or our own call before a crash) is success. */
async function capture(services: TOwner, p: TAuthorizedPayment, now: Date): Promise<TRzpPayment> {
  try {
    return await services.razorpay.capturePayment(p.paymentId, p.amountPaise);
  } catch (err) {
    if (isAlreadyCaptured(err)) {
      services.log.info(
        { bookingId: p.bookingId, paymentId: p.paymentId },
        'payment was captured already; settling it',
      );
      return fetchPayment(services, p);
    }
    if (err instanceof RazorpayApiError && err.statusCode !== null && err.statusCode < 500) {
      // A refusal: nothing was captured, so the hold need not wait for this payment any more.
      await withTransaction(services.pg, async (tx) => {
        await tx.query(
          `UPDATE "PaymentAttempt" SET status = 'FAILED', "errorCode" = $2, "errorDescription" = $3, "updatedAt" = $4
            WHERE "razorpayPaymentId" = $1 AND status = 'CAPTURING'`,
          [p.paymentId, err.code, err.message, now],
        );
        await tx.query(`UPDATE "Booking" SET "captureLeaseUntil" = NULL WHERE id = $1`, [p.bookingId]);
      });
      throw new AppError('PAY_CAPTURE_REFUSED', { message: err.message, cause: err });
    }
    // No answer (a timeout, an outage): it may have gone through. The lease keeps the hold while
    // Razorpay's webhook retry or reconciliation finds out.
    throw new AppError('PAY_PROVIDER_UNAVAILABLE', {
      message: `capture of ${p.paymentId} unanswered: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
}

async function fetchPayment(services: TOwner, p: TAuthorizedPayment): Promise<TRzpPayment> {
  return services.razorpay.fetchPayment(p.paymentId).catch((err: unknown) => {
    throw err instanceof RazorpayApiError
      ? new AppError('PAY_PROVIDER_UNAVAILABLE', { message: err.message, cause: err })
      : err;
  });
}

async function settle(services: TOwner, p: TAuthorizedPayment, amountPaise: number, now: Date): Promise<TSettlement> {
  return settleInBatch(services, {
    booking: { bookingId: p.bookingId },
    run: async (tx, batch) => {
      const settlement = await settleCapturedPayment(
        tx,
        services,
        { bookingId: p.bookingId, paymentId: p.paymentId, orderId: p.orderId, amountPaise, method: 'CHECKOUT' },
        now,
        batch,
      );
      await tx.query(`UPDATE "Booking" SET "captureLeaseUntil" = NULL WHERE id = $1`, [p.bookingId]);
      return settlement;
    },
  });
}

/**
 * Captures an authorized payment of a booking whose hold stands and settles it, or records it as
 * released. The caller runs afterSettlement on a settled outcome. Throws AppError
 * PAY_PROVIDER_UNAVAILABLE when Razorpay did not answer (the caller's retry finds out) and
 * PAY_CAPTURE_REFUSED when it refused.
 */
export async function captureAuthorizedPayment(
  services: TOwner,
  p: TAuthorizedPayment,
  now = new Date(),
): Promise<TCaptureOutcome> {
  const claim = await claimCapture(services.pg, p, now);
  const context = { bookingId: p.bookingId, paymentId: p.paymentId };
  if (claim.kind === 'released') {
    services.log.warn({ ...context, reason: claim.reason }, 'authorized payment not captured; the bank releases it');
    return { ...claim, bookingId: p.bookingId };
  }
  if (claim.kind === 'settle') return { kind: 'settled', settlement: await settle(services, p, p.amountPaise, now) };
  if (claim.kind === 'ask') {
    const payment = await fetchPayment(services, p);
    if (!payment.captured) {
      // Our capture never went through, and the hold has ended since: leave it to lapse.
      const reason = 'paid after the hold ended; not captured, the bank releases it';
      const bookingStatus = await withTransaction(services.pg, async (tx) => {
        const status = (
          await tx.query<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1 FOR UPDATE`, [p.bookingId])
        ).rows[0]!.status;
        await recordReleased(tx, p, { code: 'HOLD_ENDED', reason, bookingStatus: status }, now);
        return status;
      });
      services.log.warn({ ...context, reason }, 'authorized payment not captured; the bank releases it');
      return { kind: 'released', bookingId: p.bookingId, bookingStatus, why: 'HOLD_ENDED', reason };
    }
    return { kind: 'settled', settlement: await settle(services, p, payment.amount, now) };
  }
  services.log.info(context, 'capturing an authorized payment');
  const captured = await capture(services, p, now);
  if (!captured.captured)
    throw new AppError('PAY_CAPTURE_REFUSED', {
      message: `payment ${p.paymentId} is ${captured.status} after its capture`,
    });
  return { kind: 'settled', settlement: await settle(services, p, captured.amount, now) };
}
