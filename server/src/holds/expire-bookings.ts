// Expiry of PENDING bookings past expiresAt: the hold path expires the overdue holds in its way, the
// expiry job one booking, the sweep all of them. The transition and what follows it belong to the
// booking lifecycle (bookings/close-pending-bookings.ts, bookings/after-booking-change.ts).
import { metrics } from '../metrics/metrics';
import { afterBookingChange } from '../bookings';
import { closePendingBookings, type TClosePendingScope } from '../bookings';
import type { TServices } from '../services';

/** Expires overdue PENDING bookings in scope; returns the ids it expired. Idempotent; never touches a CONFIRMED booking. */
export async function expireOverdueBookings(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'log'>,
  scope: TClosePendingScope,
  opts: { now?: Date; by: 'job' | 'sweep' | 'hold' },
): Promise<string[]> {
  const freed = await closePendingBookings(services.pg, {
    scope,
    status: 'EXPIRED',
    reason: 'hold expired',
    onlyOverdue: true,
    now: opts.now ?? new Date(),
  });
  if (freed.length === 0) return [];
  const expiredIds = [...new Set(freed.map((f) => f.bookingId))];
  metrics.expired.inc({ by: opts.by }, expiredIds.length);
  services.log.info({ bookingIds: expiredIds, by: opts.by }, `expired ${expiredIds.length} hold(s)`);
  await afterBookingChange(services, { kind: 'closed', status: 'EXPIRED', freed });
  return expiredIds;
}
