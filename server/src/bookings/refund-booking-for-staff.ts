// A manager refunds a booking of their cinema: refunded once, audited once.
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { refundBooking } from './refund-booking';
import type { TServices } from '../services';
import { findBookingInCinema } from './find-booking-in-cinema';

export async function refundBookingForStaff(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  { actor, bookingId, reason }: { actor: TStaffActor; bookingId: string; reason: string },
): Promise<Awaited<ReturnType<typeof refundBooking>>> {
  await findBookingInCinema(services, bookingId, actor.cinemaId);
  const result = await refundBooking(services, {
    bookingId,
    requestedBy: 'MANAGER',
    requestedById: actor.userId,
    cashier: actor,
    reason,
  });
  if (!result.alreadyRefunded) {
    await recordAudit(services.prisma, {
      by: actor.userId,
      action: 'booking.refund',
      entityType: 'Booking',
      entityId: bookingId,
      data: { reason, refundId: result.refundId, amountPaise: result.amountPaise },
    });
  }
  return result;
}
