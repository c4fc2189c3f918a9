// A manager gives back some seats of a booking of their cinema: refunded once, audited once. Money
// taken in cash goes back in cash from their open shift.
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import type { TServices } from '../services';
import { findBookingInCinema } from './find-booking-in-cinema';
import { refundSeats, type TSeatRefundOutcome } from './refund-seats';

export async function refundSeatsForStaff(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  {
    actor,
    bookingId,
    seatLabels,
    reason,
  }: { actor: TStaffActor; bookingId: string; seatLabels: string[]; reason: string },
): Promise<TSeatRefundOutcome> {
  await findBookingInCinema(services, bookingId, actor.cinemaId);
  const outcome = await refundSeats(services, {
    bookingId,
    seatLabels,
    requestedBy: 'MANAGER',
    requestedById: actor.userId,
    cashier: actor,
    reason,
  });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'booking.refund-seats',
    entityType: 'Booking',
    entityId: bookingId,
    data: { reason, seats: seatLabels, amountPaise: outcome.amountPaise, refundIds: outcome.refundIds },
  });
  return outcome;
}
