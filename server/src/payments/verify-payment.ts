// payments.verify: Checkout's handler response, checked in constant time against the key secret,
// then settled exactly as the webhook would settle it (whichever arrives first wins; the other is a no-op).
// An authorized payment is captured first while the hold stands (capture-authorized-payment.ts); one
// that came too late is not taken, and the customer is told so (PAY_NOT_CAPTURED).
import type { TBookingStatus } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { RazorpayApiError } from '../razorpay/razorpay-gateway';
import { captureAuthorizedPayment } from './capture-authorized-payment';
import { settleInBatch } from './settle-in-batches';
import { afterSettlement, settleCapturedPayment, type TSettlement } from './settle-payment';
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
  if (payment.order_id !== p.orderId)
    throw new AppError('PAY_SIGNATURE_INVALID', {
      message: `payment ${p.paymentId} is for order ${payment.order_id ?? 'none'}, not ${p.orderId}`,
    });
  let settlement: TSettlement;
  if (payment.status === 'authorized') {
    const outcome = await captureAuthorizedPayment(services, {
      bookingId: booking.id,
      paymentId: payment.id,
      orderId: p.orderId,
      amountPaise: payment.amount,
    });
    if (outcome.kind === 'released') {
      // A booking paid another way meanwhile stays paid; any other customer hears why nothing was taken.
      if (outcome.bookingStatus === 'CONFIRMED') return { bookingId: booking.id, status: 'CONFIRMED' };
      // For another amount while the hold stands: the customer stays on the payment screen to pay again.
      if (outcome.why === 'WRONG_AMOUNT' && outcome.bookingStatus === 'PENDING')
        throw new AppError('PAY_AMOUNT_MISMATCH', {
          message: `payment ${p.paymentId} not captured: ${outcome.reason}`,
        });
      throw new AppError('PAY_NOT_CAPTURED', { message: `payment ${p.paymentId} not captured: ${outcome.reason}` });
    }
    settlement = outcome.settlement;
  } else if (payment.status === 'captured' || (payment.status === 'refunded' && payment.captured)) {
    // A payment refunded since (it came too late) still settles: the customer is told it was refunded.
    settlement = await settleInBatch(services, {
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
  } else if (payment.status === 'refunded') {
    // Refunded without being captured: an authorization that lapsed, never taken.
    throw new AppError('PAY_NOT_CAPTURED', { message: `payment ${p.paymentId} lapsed uncaptured` });
  } else {
    throw new AppError('PAY_SIGNATURE_INVALID', { message: `payment ${p.paymentId} is ${payment.status}` });
  }
  await afterSettlement(services, settlement, 'verify');
  const after = await services.prisma.booking.findUniqueOrThrow({
    where: { id: booking.id },
    select: { status: true },
  });
  return { bookingId: booking.id, status: after.status };
}
