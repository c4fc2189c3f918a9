// A manager sends a booking's receipt again (a booking of their cinema only).
import type { TStaffActor } from '../audit/record-audit';
import { resendReceipt } from './resend-receipt';
import type { TServices } from '../services';
import { findBookingInCinema } from './find-booking-in-cinema';

export async function resendReceiptForStaff(
  services: Pick<TServices, 'prisma' | 'jobs'>,
  { actor, bookingId }: { actor: TStaffActor; bookingId: string },
): Promise<{ jobId: string }> {
  await findBookingInCinema(services, bookingId, actor.cinemaId);
  return resendReceipt(services, { bookingId, requestedById: actor.userId });
}
