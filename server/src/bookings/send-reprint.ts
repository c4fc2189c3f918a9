// A manager sends a confirmed booking's tickets to one kiosk of the cinema to print again.
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { findBookingInCinema } from './find-booking-in-cinema';

/**
 * Sends one reprint command to one kiosk of the cinema. The audit entry is also the kiosk's
 * permission to fetch that booking's tickets (kiosks.reprintJob) for the next few minutes.
 */
export async function sendReprint(
  services: Pick<TServices, 'prisma' | 'kioskCommands'>,
  { actor, bookingId, kioskId }: { actor: TStaffActor; bookingId: string; kioskId: string },
): Promise<void> {
  const booking = await findBookingInCinema(services, bookingId, actor.cinemaId);
  if (booking.status !== 'CONFIRMED')
    throw new AppError('BOOKING_NOT_FOUND', {
      message: `booking ${bookingId} is ${booking.status}`,
      userMessage: 'Only a confirmed booking has tickets to print.',
    });
  const kiosk = await services.prisma.kiosk.findFirst({
    where: { id: kioskId, cinemaId: actor.cinemaId, revokedAt: null, registeredAt: { not: null } },
    select: { name: true },
  });
  if (!kiosk)
    throw new AppError('INPUT_INVALID', {
      message: `kiosk ${kioskId} not usable in cinema ${actor.cinemaId}`,
      userMessage: 'That kiosk is not registered here.',
    });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'booking.reprint',
    entityType: 'Booking',
    entityId: bookingId,
    data: { kioskId, kioskName: kiosk.name },
  });
  await services.kioskCommands.publish({ type: 'reprint', kioskId, bookingId });
}
