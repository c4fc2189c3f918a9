// A kiosk serves one customer at a time, so it keeps one open hold: when it holds seats, any older
// hold it still has at another show (a customer who walked away, a release that never arrived) is
// released. A device (or a stolen device token) cannot collect holds across shows.
import type { THolder } from '../auth';
import type { TServices } from '../services';
import { releaseHold } from './release-hold';

export async function releaseOlderKioskHolds(
  services: Pick<TServices, 'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'log'>,
  { holder, bookingId }: { holder: THolder; bookingId: string },
): Promise<void> {
  // Booking ids are UUIDv7, ordered by time: only holds older than this one go (two concurrent
  // holds from one device must not release each other).
  const older = await services.prisma.booking.findMany({
    where: { holder: holder.key, status: 'PENDING', id: { lt: bookingId } },
    select: { id: true },
  });
  for (const { id } of older) {
    try {
      await releaseHold(services, { holder, bookingId: id });
      services.log.info({ bookingId: id, replacedBy: bookingId, holder: holder.key }, 'released an older kiosk hold');
    } catch (err) {
      // Paid in the meantime, or Postgres failed: the new hold stands; the old one expires by itself.
      services.log.warn({ err, bookingId: id, holder: holder.key }, 'could not release an older kiosk hold');
    }
  }
}
