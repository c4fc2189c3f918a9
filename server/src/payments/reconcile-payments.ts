// Reconciliation: ask Razorpay about the orders and QR codes of bookings not yet settled, so a lost
// webhook still confirms (or refunds) a payment however late it is found, and retry refunds an
// outage left unsent. There is no look-back window: a booking is asked about, less often as it ages
// (next check after a tenth of its age past expiresAt, between 1 minute and 1 hour), until it is
// CONFIRMED or REFUNDED, or it has been closed for RECONCILE_HORIZON_MS with every captured payment
// refunded. An authorized Checkout payment is captured and confirmed while its hold stands (a lost
// payment.authorized webhook); after the hold ended it is left to lapse, and the booking is asked
// about until it has.
import { afterBookingChange } from '../bookings';
import type { TServices } from '../services';
import type { TRzpPayment } from '../razorpay/razorpay-gateway';
import { captureAuthorizedPayment } from './capture-authorized-payment';
import { settleInBatch } from './settle-in-batches';
import { afterSettlement, settleCapturedPayment, type TCapturedPayment, type TSettlement } from './settle-payment';

/**
 * How long after its hold ended a booking with nothing unrefunded is still asked about. Razorpay
 * refunds an authorized payment that is not captured within 5 days; a QR code is closed when its hold
 * ends (and lapses by its own `close_by` 16 minutes after it was shown).
 */
export const RECONCILE_HORIZON_MS = 7 * 24 * 3600_000;
const MIN_DELAY_MS = 60_000;
const MAX_DELAY_MS = 3600_000;
/** Bookings asked about per run, the longest-waiting first; the rest wait for the next minute's run. */
const BATCH = 200;

/** When a booking whose hold ended (or ends) at `expiresAt` is asked about next. */
export function nextReconcileAt(expiresAt: Date, now: Date): Date {
  const age = Math.max(0, now.getTime() - expiresAt.getTime());
  return new Date(now.getTime() + Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, age / 10)));
}

export async function reconcilePayments(
  services: TServices,
  now = new Date(),
): Promise<{ checked: number; settled: number; refundsRetried: number }> {
  const { prisma, razorpay, log } = services;
  const due = await prisma.booking.findMany({
    where: {
      OR: [{ razorpayOrderId: { not: null } }, { razorpayQrId: { not: null } }],
      status: { in: ['PENDING', 'EXPIRED', 'CANCELLED'] },
      reconciledAt: null,
      AND: [{ OR: [{ reconcileAfter: null }, { reconcileAfter: { lte: now } }] }],
    },
    orderBy: [{ reconcileAfter: { sort: 'asc', nulls: 'first' } }],
    take: BATCH,
    select: { id: true, status: true, expiresAt: true, razorpayOrderId: true, razorpayQrId: true },
  });
  let settled = 0;
  for (const booking of due) {
    let done = false;
    try {
      const captured: TCapturedPayment[] = [];
      const authorized: TRzpPayment[] = [];
      const keep = (payments: TRzpPayment[], method: TCapturedPayment['method']) => {
        for (const p of payments) {
          if (p.status === 'authorized') authorized.push(p);
          if (p.status === 'captured')
            captured.push({
              bookingId: booking.id,
              paymentId: p.id,
              orderId: p.order_id,
              amountPaise: p.amount,
              method,
            });
        }
      };
      if (booking.razorpayOrderId) keep((await razorpay.fetchOrderPayments(booking.razorpayOrderId)).items, 'CHECKOUT');
      if (booking.razorpayQrId) keep((await razorpay.fetchQrPayments(booking.razorpayQrId)).items, 'UPI_QR');
      const followUp = async (settlement: TSettlement) => {
        // A refund already recorded (refundId null) is not news: count only what this run changed.
        if (settlement.kind === 'confirmed' || (settlement.kind === 'refund' && settlement.refundId)) settled += 1;
        await afterSettlement(services, settlement, 'reconcile');
      };
      for (const payment of captured)
        await followUp(
          await settleInBatch(services, {
            booking: { bookingId: payment.bookingId },
            run: (tx, batch) => settleCapturedPayment(tx, services, payment, now, batch),
          }),
        );
      let lapsing = 0;
      for (const p of authorized) {
        if (!p.order_id) {
          lapsing += 1;
          continue;
        }
        const outcome = await captureAuthorizedPayment(
          services,
          { bookingId: booking.id, paymentId: p.id, orderId: p.order_id, amountPaise: p.amount },
          now,
        );
        if (outcome.kind === 'released') lapsing += 1;
        else await followUp(outcome.settlement);
      }
      const closed = booking.status !== 'PENDING';
      done = closed && lapsing === 0 && now.getTime() - booking.expiresAt.getTime() > RECONCILE_HORIZON_MS;
    } catch (err) {
      log.warn({ err, bookingId: booking.id }, 'reconciliation of a booking failed; it is asked about again later');
    }
    // A booking confirmed above leaves the query by its status; the others come back later, less often.
    await prisma.booking.update({
      where: { id: booking.id },
      data: {
        reconcileAttempts: { increment: 1 },
        reconcileAfter: nextReconcileAt(booking.expiresAt, now),
        reconciledAt: done ? now : null,
      },
    });
  }
  // A refund whose send is in flight, or whose answer was lost less than a lease ago, waits (send-refund.ts).
  const unsent = await prisma.refund.findMany({
    where: {
      razorpayRefundId: null,
      razorpayPaymentId: { not: null },
      status: 'PENDING',
      OR: [{ sendLeaseUntil: null }, { sendLeaseUntil: { lte: now } }],
    },
    select: { id: true },
  });
  for (const refund of unsent)
    await afterBookingChange(services, { kind: 'refund-recorded', refundId: refund.id, now });
  if (settled || unsent.length)
    log.info({ checked: due.length, settled, refundsRetried: unsent.length }, 'reconciled payments');
  return { checked: due.length, settled, refundsRetried: unsent.length };
}
