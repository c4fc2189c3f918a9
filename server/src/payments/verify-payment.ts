// payments.verify: Checkout's handler response, checked in constant time against the key secret,
// then settled exactly as the webhook would settle it (whichever arrives first wins; the other is a no-op).
import type { TBookingStatus } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { RazorpayApiError } from '../razorpay/razorpay-gateway';
import { settleInBatch } from './settle-in-batches';
import { afterSettlement, settleCapturedPayment } from './settle-payment';
import { isValidCheckoutSignature } from '../razorpay/signatures';

export async function verifyPayment(
  services: TServices,
  p: { holder: THolder; bookingId: string; orderId: string; paymentId: string; signature: string },
): Promise<{ bookingId: string; status: TBookingStatus }> {
  const booking = await services.prisma.booking.findFirst({ where: { id: p.bookingId, holder: p.holder.key } });
  if (!booking)
    throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${p.bookingId} not found for ${p.holder.key}` });
  if (!booking.razorpayOrderId || booking.razorpayOrderId !== p.orderId) {
    throw new AppError('PAY_ORDER_MISMATCH', {
      message: `order ${p.orderId} is not booking ${p.bookingId}'s (${booking.razorpayOrderId ?? 'none'})`,
    });
  }
  if (
    !isValidCheckoutSignature({
      orderId: p.orderId,
      paymentId: p.paymentId,
      signature: p.signature,
      keySecret: services.env.RAZORPAY_KEY_SECRET,
    })
  ) {
    throw new AppError('PAY_SIGNATURE_INVALID', { message: `bad Checkout signature for booking ${p.bookingId}` });
  }
  // The signature proves Checkout succeeded for this order; the payment itself says how much was captured.
  const payment = await services.razorpay.fetchPayment(p.paymentId).catch((err: unknown) => {
    throw err instanceof RazorpayApiError
      ? new AppError('PAY_PROVIDER_UNAVAILABLE', { message: err.message, cause: err })
      : err;
  });
  // A payment refunded since (it came too late) still settles: the customer is told it was refunded.
  if (payment.order_id !== p.orderId || (payment.status !== 'captured' && payment.status !== 'refunded')) {
    throw new AppError('PAY_SIGNATURE_INVALID', {
      message: `payment ${p.paymentId} is ${payment.status} for order ${payment.order_id ?? 'none'}`,
    });
  }
  const settlement = await settleInBatch(services, {
    booking: { bookingId: booking.id },
    run: (tx, batch) =>
      settleCapturedPayment(
        tx,
        services,
        {
          bookingId: booking.id,
          paymentId: payment.id,
          orderId: p.orderId,
          amountPaise: payment.amount,
          method: 'CHECKOUT',
        },
        undefined,
        batch,
      ),
  });
  await afterSettlement(services, settlement, 'verify');
  const after = await services.prisma.booking.findUniqueOrThrow({
    where: { id: booking.id },
    select: { status: true },
  });
  return { bookingId: booking.id, status: after.status };
}
