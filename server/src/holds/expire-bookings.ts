// Expiry of PENDING bookings past expiresAt, and what follows any freeing of seats: Redis keys
// released, every client told.
import type { TSeatChangeEvent } from '@marquee/shared';
import { metrics } from '../metrics/metrics';
import { announceBookingStatus } from '../bookings/booking-events';
import { closeBookingQrs } from '../razorpay/close-booking-qrs';
import type { TServices } from '../services';
import { closePendingBookings, type TClosePendingScope, type TFreedSeat } from './close-pending-bookings';
import { releaseSeatKeys } from './release-seat-keys';

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
  await announceFreedSeats(services, freed, 'EXPIRED');
  return expiredIds;
}

/** After seats were freed in Postgres: drop their Redis keys and tell every client, per showtime. */
export async function announceFreedSeats(
  services: Pick<TServices, 'prisma' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'log'>,
  freed: TFreedSeat[],
  status: 'EXPIRED' | 'CANCELLED',
): Promise<void> {
  const byBooking = new Map<string, { showtimeId: string; seatIds: string[] }>();
  const byShowtime = new Map<string, TSeatChangeEvent>();
  for (const f of freed) {
    const booking = byBooking.get(f.bookingId) ?? { showtimeId: f.showtimeId, seatIds: [] };
    booking.seatIds.push(f.seatId);
    byBooking.set(f.bookingId, booking);
    const event = byShowtime.get(f.showtimeId) ?? { showtimeId: f.showtimeId, version: f.seatVersion, seats: [] };
    event.seats.push({ id: f.seatId, state: 'available' });
    byShowtime.set(f.showtimeId, event);
  }
  await Promise.all([...byBooking].map(([bookingId, b]) => releaseSeatKeys(services, { bookingId, ...b })));
  await Promise.all([...byShowtime.values()].map((event) => services.seatEvents.publish(event)));
  await Promise.all([...byBooking.keys()].map((bookingId) => announceBookingStatus(services, bookingId, status)));
  await closeBookingQrs(services, [...byBooking.keys()]);
}
