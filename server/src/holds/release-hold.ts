import type { TBookingStatus } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import { afterBookingChange } from '../bookings';
import { closePendingBookings } from '../bookings';
import type { TServices } from '../services';

/**
 * Releases the holder's PENDING booking ("cancel", page refresh, abandoned kiosk). Idempotent: a
 * booking already closed answers its status. Someone else's booking is NOT_FOUND, never FORBIDDEN,
 * so its existence is not revealed.
 */
export async function releaseHold(
  services: Pick<TServices, 'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'log'>,
  { holder, bookingId, now = new Date() }: { holder: THolder; bookingId: string; now?: Date },
): Promise<{ bookingId: string; status: TBookingStatus }> {
  const booking = await services.prisma.booking.findFirst({
    where: { id: bookingId, holder: holder.key },
    select: { status: true },
  });
  if (!booking)
    throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found for ${holder.key}` });
  if (booking.status === 'CONFIRMED')
    throw new AppError('BOOKING_ALREADY_PAID', { message: `booking ${bookingId} is confirmed` });
  if (booking.status !== 'PENDING') return { bookingId, status: booking.status };

  const freed = await closePendingBookings(services.pg, {
    scope: { bookingIds: [bookingId] },
    status: 'CANCELLED',
    reason: 'released by the customer',
    onlyOverdue: false,
    now,
  });
  if (freed.length === 0) {
    // Something else closed it between our read and our update (expiry, payment): report what it is now.
    const now2 = await services.prisma.booking.findUniqueOrThrow({
      where: { id: bookingId },
      select: { status: true },
    });
    if (now2.status === 'CONFIRMED')
      throw new AppError('BOOKING_ALREADY_PAID', { message: `booking ${bookingId} was confirmed meanwhile` });
    return { bookingId, status: now2.status };
  }
  await afterBookingChange(services, { kind: 'closed', status: 'CANCELLED', freed });
  return { bookingId, status: 'CANCELLED' };
}
