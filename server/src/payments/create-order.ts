// payments.createOrder: the booking's Razorpay order (created once, then reused) and, for UPI, a
// single-use fixed-amount QR code. The amount always comes from the booking, never the client.
import type { TCreateOrderOutput } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { RazorpayApiError } from '../razorpay/razorpay-gateway';

/** Razorpay refuses a QR close_by under 15 minutes ahead; a minute's margin covers clock skew. */
const QR_MIN_LIFETIME_S = 16 * 60;

export async function loadPayableBooking(
  { prisma }: Pick<TServices, 'prisma'>,
  holder: THolder,
  bookingId: string,
  now: Date,
) {
  const booking = await prisma.booking.findFirst({ where: { id: bookingId, holder: holder.key } });
  if (!booking)
    throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found for ${holder.key}` });
  if (booking.status === 'CONFIRMED')
    throw new AppError('BOOKING_ALREADY_PAID', { message: `booking ${bookingId} is confirmed` });
  if (booking.status !== 'PENDING' || booking.expiresAt <= now)
    throw new AppError('BOOKING_EXPIRED', {
      message: `booking ${bookingId} is ${booking.status}, expires ${booking.expiresAt.toISOString()}`,
    });
  return booking;
}

function providerError(err: unknown): never {
  if (err instanceof RazorpayApiError)
    throw new AppError('PAY_PROVIDER_UNAVAILABLE', { message: err.message, cause: err });
  throw err;
}

export async function createOrder(
  services: Pick<TServices, 'prisma' | 'razorpay' | 'log'>,
  {
    holder,
    bookingId,
    method,
    now = new Date(),
  }: { holder: THolder; bookingId: string; method: 'checkout' | 'upi_qr'; now?: Date },
): Promise<Omit<TCreateOrderOutput, 'checkoutScriptUrl'>> {
  const { prisma, razorpay } = services;
  const booking = await loadPayableBooking(services, holder, bookingId, now);
  const notes = { bookingId: booking.id, code: booking.code };
  // An exchange's new booking is paid only the difference: the booking it replaces covers the rest.
  const duePaise = booking.amountPaise - booking.creditPaise;

  let orderId = booking.razorpayOrderId;
  if (!orderId) {
    const order = await razorpay.createOrder({ amount: duePaise, receipt: booking.code, notes }).catch(providerError);
    // Only the first order is kept if two requests race; the other is never paid for and lapses.
    const saved = await prisma.booking.updateMany({
      where: { id: booking.id, razorpayOrderId: null },
      data: { razorpayOrderId: order.id },
    });
    orderId = saved.count
      ? order.id
      : (await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).razorpayOrderId!;
  }

  let qr: TCreateOrderOutput['qr'] = null;
  if (method === 'upi_qr') {
    let qrId = booking.razorpayQrId;
    if (!qrId) {
      const created = await razorpay
        .createQr({
          amount: duePaise,
          closeBy: Math.floor(now.getTime() / 1000) + QR_MIN_LIFETIME_S,
          name: 'Marquee',
          description: `Booking ${booking.code}`,
          notes,
        })
        .catch(providerError);
      const saved = await prisma.booking.updateMany({
        where: { id: booking.id, razorpayQrId: null },
        data: { razorpayQrId: created.id },
      });
      qrId = saved.count
        ? created.id
        : (await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).razorpayQrId!;
    }
    qr = { id: qrId, imageUrl: `/payments/qr/${qrId}.png` };
  }

  return {
    bookingId: booking.id,
    keyId: razorpay.keyId,
    orderId,
    amountPaise: duePaise,
    currency: 'INR',
    name: 'Marquee',
    description: `Booking ${booking.code}`,
    prefill: {
      ...(booking.customerEmail ? { email: booking.customerEmail } : {}),
      ...(booking.customerPhone ? { contact: booking.customerPhone } : {}),
    },
    expiresAt: booking.expiresAt.toISOString(),
    qr,
  };
}
