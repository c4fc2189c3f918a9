import type { TServices } from '../services';

/**
 * A booking whose hold had already ended (EXPIRED, CANCELLED) when a payment for it arrived ends as
 * REFUNDED once that payment's refund is sent. A CONFIRMED booking refunded for a second payment
 * stays CONFIRMED, and a PENDING one refunded for a wrong amount stays PENDING: its seats are still
 * held for it, so the customer can pay the right amount, or the hold expires and frees them as any
 * other (marking it REFUNDED here would leave its seats taken for good). Returns whether the booking
 * changed.
 */
export async function markUnhonouredBookingRefunded(
  { prisma }: Pick<TServices, 'prisma'>,
  bookingId: string,
): Promise<boolean> {
  const booking = await prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true },
  });
  if (booking.status !== 'EXPIRED' && booking.status !== 'CANCELLED') return false;
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'REFUNDED' } });
  return true;
}
