import { announceBookingStatus } from '../bookings/booking-events';
import type { TServices } from '../services';

/**
 * Sends a recorded Refund to Razorpay. The Refund row exists first (unique per payment), so a
 * payment is refunded at most once however often this runs; a row left PENDING by an outage is
 * retried by the reconciler.
 */
export async function executeRefund(
  services: Pick<TServices, 'prisma' | 'razorpay' | 'log' | 'bookingEvents'>,
  refundId: string,
): Promise<void> {
  const { prisma, razorpay, log } = services;
  const refund = await prisma.refund.findUniqueOrThrow({ where: { id: refundId } });
  if (refund.razorpayRefundId) return;
  try {
    const sent = await razorpay.refund(refund.razorpayPaymentId, {
      amount: refund.amountPaise,
      notes: { bookingId: refund.bookingId, reason: refund.reason.slice(0, 200) },
    });
    await prisma.refund.update({
      where: { id: refundId },
      data: {
        razorpayRefundId: sent.id,
        status: sent.status === 'processed' ? 'PROCESSED' : sent.status === 'failed' ? 'FAILED' : 'PENDING',
        processedAt: sent.status === 'processed' ? new Date() : null,
      },
    });
    const booking = await prisma.booking.findUniqueOrThrow({
      where: { id: refund.bookingId },
      select: { status: true },
    });
    // A booking that was never honoured ends as REFUNDED; a confirmed one refunded for a double payment stays CONFIRMED.
    if (booking.status !== 'CONFIRMED') {
      await prisma.booking.update({ where: { id: refund.bookingId }, data: { status: 'REFUNDED' } });
      await announceBookingStatus(services, refund.bookingId, 'REFUNDED');
    }
  } catch (err) {
    log.error({ err, refundId }, 'refund not sent; it stays PENDING for the reconciler');
  }
}
