import type { TServices } from '../services';

/**
 * A booking whose payment could not be honoured (it was no longer PENDING, or the amount was wrong)
 * ends as REFUNDED once that payment's refund is sent. A CONFIRMED booking refunded for a second
 * payment stays CONFIRMED. Returns whether the booking changed.
 */
export async function markUnhonouredBookingRefunded(
  { prisma }: Pick<TServices, 'prisma'>,
  bookingId: string,
): Promise<boolean> {
  const booking = await prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true },
  });
  if (booking.status === 'CONFIRMED') return false;
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'REFUNDED' } });
  return true;
}
