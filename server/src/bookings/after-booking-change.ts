// What follows a committed change of a booking's state, in one place: the seats' Redis keys
// released, the seat change and the booking's new status published to every client, the UPI QR
// closed, the outbox relayed (receipt, reminder), and a recorded refund sent. It runs after COMMIT:
// nothing here can undo the change, which Postgres already holds.
import type { TSeatChangeEvent } from '@marquee/shared';
import { releaseSeatKeys } from '../seat-keys';
import { relayBookingOutbox } from '../jobs/outbox/relay-outbox';
import { closeBookingQrs, closeQrQuietly } from '../razorpay/close-booking-qrs';
import type { TServices } from '../services';
import { announceBookingStatus } from './booking-events';
import type { TClosedStatus } from './booking-lifecycle';
import type { TFreedSeat } from './close-pending-bookings';
import type { TConfirmedBooking } from './confirm-booking';
import { sendRefund } from './send-refund';

export type TBookingChange =
  /** Paid: PENDING → CONFIRMED (confirm-booking.ts). */
  | ({ kind: 'confirmed' } & TConfirmedBooking)
  /** Holds closed on their own: expired, or released by the customer (close-pending-bookings.ts). */
  | { kind: 'closed'; status: TClosedStatus; freed: TFreedSeat[] }
  /** Holds closed with their cancelled show, whose seat event (all seats blocked) the caller sends. */
  | { kind: 'closed-with-show'; freed: TFreedSeat[] }
  /** Seats given back (refund-seats.ts): on sale again, the refunds recorded; REFUNDED when none stand. */
  | {
      kind: 'refunded';
      bookingId: string;
      status: 'CONFIRMED' | 'REFUNDED' | 'EXCHANGED';
      showtimeId: string;
      seatIds: string[];
      seatVersion: number;
      refundIds: string[];
    }
  /** A refund recorded for a payment that cannot be honoured, or one an outage left unsent (`now`: the reconciler's clock). */
  | { kind: 'refund-recorded'; refundId: string; now?: Date };

/** The services each kind of change needs, so a caller passes only what its change uses. */
interface TChangeNeeds {
  confirmed: 'pg' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'razorpay';
  closed: 'prisma' | 'redis' | 'seatEvents' | 'bookingEvents' | 'log' | 'razorpay';
  'closed-with-show': 'redis' | 'bookingEvents' | 'log';
  refunded: 'prisma' | 'seatEvents' | 'bookingEvents' | 'log' | 'razorpay';
  'refund-recorded': 'prisma' | 'bookingEvents' | 'log' | 'razorpay';
}
type TNeeds<K extends keyof TChangeNeeds> = Pick<TServices, TChangeNeeds[K]>;

export async function afterBookingChange<C extends TBookingChange>(
  services: TNeeds<C['kind']>,
  change: C,
): Promise<void> {
  // Each case uses only the services its kind declares in TChangeNeeds, which the signature asked for.
  const c: TBookingChange = change;
  switch (c.kind) {
    case 'confirmed':
      return afterConfirmed(services, c);
    case 'closed':
      return afterPendingClosed(services, c.freed, c.status);
    case 'closed-with-show':
      return afterClosedWithShow(services, c.freed);
    case 'refunded':
      return afterRefunded(services, c);
    case 'refund-recorded':
      return afterRefundRecorded(services, c);
  }
}

/** A recorded refund is sent to Razorpay, or found made there by an earlier send (send-refund.ts). */
function afterRefundRecorded(
  services: TNeeds<'refund-recorded'>,
  change: Extract<TBookingChange, { kind: 'refund-recorded' }>,
): Promise<void> {
  return sendRefund(services, change.refundId, change.now);
}

/** Paid: the hold's Redis keys go, the seats show sold, the QR stops taking money, the receipt and reminder are relayed. */
async function afterConfirmed(services: TNeeds<'confirmed'>, s: TConfirmedBooking): Promise<void> {
  await releaseSeatKeys(services, { bookingId: s.bookingId, showtimeId: s.showtimeId, seatIds: s.seatIds });
  await services.seatEvents.publish({
    showtimeId: s.showtimeId,
    version: s.seatVersion,
    seats: s.seatIds.map((id) => ({ id, state: 'sold' as const })),
  });
  if (s.qrId) await closeQrQuietly(services, s.qrId);
  if (s.exchanged) {
    // The booking it replaced ended with it: its seats are on sale again.
    await services.seatEvents.publish({
      showtimeId: s.exchanged.showtimeId,
      version: s.exchanged.seatVersion,
      seats: s.exchanged.seatIds.map((id) => ({ id, state: 'available' as const })),
    });
    await announceBookingStatus(services, s.exchanged.bookingId, 'EXCHANGED');
  }
  await relayBookingOutbox(services, s.bookingId);
  await announceBookingStatus(services, s.bookingId, 'CONFIRMED');
}

/** Holds closed with their show: the show's seat event says blocked, so each hold only loses its keys and hears CANCELLED. */
async function afterClosedWithShow(services: TNeeds<'closed-with-show'>, freed: TFreedSeat[]): Promise<void> {
  for (const [bookingId, hold] of byBooking(freed)) {
    await releaseSeatKeys(services, { bookingId, ...hold });
    await announceBookingStatus(services, bookingId, 'CANCELLED');
  }
}

/** Refunded: the seats are on sale again (their Redis keys went at confirmation), then the refunds are sent. */
async function afterRefunded(
  services: TNeeds<'refunded'>,
  change: Extract<TBookingChange, { kind: 'refunded' }>,
): Promise<void> {
  await services.seatEvents.publish({
    showtimeId: change.showtimeId,
    version: change.seatVersion,
    seats: change.seatIds.map((id) => ({ id, state: 'available' as const })),
  });
  await announceBookingStatus(services, change.bookingId, change.status);
  for (const refundId of change.refundIds) await sendRefund(services, refundId);
}

/** The freed seats of each booking, in the order they came. */
function byBooking(freed: TFreedSeat[]): Map<string, { showtimeId: string; seatIds: string[] }> {
  const bookings = new Map<string, { showtimeId: string; seatIds: string[] }>();
  for (const f of freed) {
    const booking = bookings.get(f.bookingId) ?? { showtimeId: f.showtimeId, seatIds: [] };
    booking.seatIds.push(f.seatId);
    bookings.set(f.bookingId, booking);
  }
  return bookings;
}

/** After holds closed without payment: drop their Redis keys, tell every client, per showtime, and close their QR codes. */
async function afterPendingClosed(
  services: TNeeds<'closed'>,
  freed: TFreedSeat[],
  status: TClosedStatus,
): Promise<void> {
  const bookings = byBooking(freed);
  const byShowtime = new Map<string, TSeatChangeEvent>();
  for (const f of freed) {
    const event = byShowtime.get(f.showtimeId) ?? { showtimeId: f.showtimeId, version: f.seatVersion, seats: [] };
    event.seats.push({ id: f.seatId, state: 'available' });
    byShowtime.set(f.showtimeId, event);
  }
  await Promise.all([...bookings].map(([bookingId, b]) => releaseSeatKeys(services, { bookingId, ...b })));
  await Promise.all([...byShowtime.values()].map((event) => services.seatEvents.publish(event)));
  await Promise.all([...bookings.keys()].map((bookingId) => announceBookingStatus(services, bookingId, status)));
  await closeBookingQrs(services, [...bookings.keys()]);
}
