// Reconciliation: ask Razorpay about open bookings' orders and QR codes, so a lost webhook still
// confirms (or refunds) a payment, and retry refunds an outage left unsent.
import { withTransaction } from '../db/prisma';
import type { TServices } from '../services';
import type { TRzpPayment } from './razorpay-gateway';
import { executeRefund } from './refund-payment';
import { afterSettlement, settleCapturedPayment, type TCapturedPayment } from './settle-payment';

/** How far back an ended hold is still checked: a QR stays payable up to ~16 minutes after it was shown. */
const LOOKBACK_MS = 30 * 60_000;

export async function reconcilePayments(
  services: TServices,
  now = new Date(),
): Promise<{ checked: number; settled: number; refundsRetried: number }> {
  const { prisma, razorpay, log } = services;
  const open = await prisma.booking.findMany({
    where: {
      OR: [{ razorpayOrderId: { not: null } }, { razorpayQrId: { not: null } }],
      status: { in: ['PENDING', 'EXPIRED', 'CANCELLED'] },
      expiresAt: { gt: new Date(now.getTime() - LOOKBACK_MS) },
    },
    select: { id: true, razorpayOrderId: true, razorpayQrId: true },
  });
  let settled = 0;
  for (const booking of open) {
    try {
      const captured: TCapturedPayment[] = [];
      const keep = (payments: TRzpPayment[], method: TCapturedPayment['method']) => {
        for (const p of payments) {
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
      for (const payment of captured) {
        const settlement = await withTransaction(services.pg, (tx) =>
          settleCapturedPayment(tx, services, payment, now),
        );
        if (settlement.kind !== 'already') settled += 1;
        await afterSettlement(services, settlement, 'reconcile');
      }
    } catch (err) {
      log.warn({ err, bookingId: booking.id }, 'reconciliation of a booking failed; next run retries');
    }
  }
  const unsent = await prisma.refund.findMany({
    where: { razorpayRefundId: null, status: 'PENDING' },
    select: { id: true },
  });
  for (const refund of unsent) await executeRefund(services, refund.id);
  if (settled || unsent.length)
    log.info({ checked: open.length, settled, refundsRetried: unsent.length }, 'reconciled payments');
  return { checked: open.length, settled, refundsRetried: unsent.length };
}
