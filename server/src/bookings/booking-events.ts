import type { TBookingStatus } from '@marquee/shared';
import type { TServices } from '../services';

/** Tells the booking's holder, on whichever instance their kiosk or browser is connected. */
export async function announceBookingStatus(
  { bookingEvents }: Pick<TServices, 'bookingEvents'>,
  bookingId: string,
  status: TBookingStatus,
): Promise<void> {
  await bookingEvents.publish({ bookingId, status });
}
