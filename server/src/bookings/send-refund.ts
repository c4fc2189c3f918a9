// Sends a recorded Refund to Razorpay, so that Razorpay makes it once whoever sends it and however
// often. A send first claims the row (one conditional UPDATE: its lease free, no Razorpay refund id
// yet), so two senders never send it at once. Every refund we make carries the row's id as its
// receipt and in notes.refundId: a send after the first (an earlier one's answer lost to a timeout or
// a dropped connection, or a crash before its outcome was stored) lists the payment's refunds at
// Razorpay and adopts the one made under this row instead of making another.
import type { Refund } from '../generated/prisma/client';
import type { TRzpRefund } from '../razorpay/razorpay-gateway';
import type { TServices } from '../services';
import { announceBookingStatus } from './booking-events';
import { markUnhonouredBookingRefunded } from './mark-refunded';

/**
 * How long a claimed send keeps the row to itself: the Razorpay calls (10 s timeout each), and
 * after a send whose answer was lost, the time Razorpay has to finish what it was making before the
 * next send (the reconciler's, a minute later or more) looks for it.
 */
export const REFUND_SEND_LEASE_MS = 2 * 60_000;

type TSendNeeds = Pick<TServices, 'prisma' | 'bookingEvents' | 'log' | 'razorpay'>;

/** Claims the row for one send, counting the attempt; null when it is not ours to send now. */
async function claimSend({ prisma }: TSendNeeds, refundId: string, now: Date): Promise<Refund | null> {
  const { count } = await prisma.refund.updateMany({
    where: {
      id: refundId,
      status: 'PENDING',
      razorpayRefundId: null,
      // Cash is handed back at the counter when the refund is recorded; only Razorpay's are sent.
      razorpayPaymentId: { not: null },
      OR: [{ sendLeaseUntil: null }, { sendLeaseUntil: { lte: now } }],
    },
    data: { sendAttempts: { increment: 1 }, sendLeaseUntil: new Date(now.getTime() + REFUND_SEND_LEASE_MS) },
  });
  // Nobody else changes the row while the lease is ours, so what is read is what was claimed.
  return count === 1 ? prisma.refund.findUniqueOrThrow({ where: { id: refundId } }) : null;
}

/** The refund Razorpay made for this row, by the receipt and notes every send of ours gives it. */
function madeFor(refunds: TRzpRefund[], refundId: string): TRzpRefund | undefined {
  return refunds.find((r) => r.receipt === refundId || (!Array.isArray(r.notes) && r.notes.refundId === refundId));
}

/**
 * Sends a recorded Refund to Razorpay, or adopts the refund an earlier send of it made. A row that
 * is cash, sent already or claimed by another send is left alone; one whose send fails or goes
 * unanswered stays PENDING, and the reconciler sends it again once its lease is over.
 */
export async function sendRefund(services: TSendNeeds, refundId: string, now = new Date()): Promise<void> {
  const { prisma, razorpay, log } = services;
  const refund = await claimSend(services, refundId, now);
  if (!refund) return;
  const paymentId = refund.razorpayPaymentId!;
  try {
    const made =
      refund.sendAttempts > 1 ? madeFor(await razorpay.fetchPaymentRefunds(paymentId), refund.id) : undefined;
    if (made)
      log.warn(
        { refundId, razorpayRefundId: made.id, attempt: refund.sendAttempts },
        'refund was made by an earlier send whose answer was lost; adopting it',
      );
    const sent =
      made ??
      (await razorpay.refund(paymentId, {
        amount: refund.amountPaise,
        receipt: refund.id,
        notes: { refundId: refund.id, bookingId: refund.bookingId, reason: refund.reason.slice(0, 200) },
      }));
    await prisma.refund.update({
      where: { id: refundId },
      data: {
        razorpayRefundId: sent.id,
        status: sent.status === 'processed' ? 'PROCESSED' : sent.status === 'failed' ? 'FAILED' : 'PENDING',
        processedAt: sent.status === 'processed' ? new Date() : null,
        sendLeaseUntil: null,
      },
    });
    if (await markUnhonouredBookingRefunded(services, refund.bookingId))
      await announceBookingStatus(services, refund.bookingId, 'REFUNDED');
  } catch (err) {
    log.error(
      { err, refundId, attempt: refund.sendAttempts },
      'refund not sent, or its answer lost; it stays PENDING for the reconciler',
    );
  }
}
