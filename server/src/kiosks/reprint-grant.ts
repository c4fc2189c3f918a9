// Which bookings a kiosk may print: those it sold, and those a manager sent it to reprint in the
// last few minutes (the reprint's audit entry is the grant; bookingDesk.reprint writes it).
import type { TServices } from '../services';

/** How long a kiosk may fetch a booking a manager sent it to reprint. */
export const REPRINT_GRANT_MS = 10 * 60_000;

/** Whether this kiosk may print this booking: it sold it, or a manager sent it there just now. */
export async function mayReprint(
  { prisma }: Pick<TServices, 'prisma'>,
  { kioskId, bookingId, now = new Date() }: { kioskId: string; bookingId: string; now?: Date },
): Promise<boolean> {
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    select: { kioskId: true, status: true },
  });
  if (!booking || booking.status !== 'CONFIRMED') return false;
  if (booking.kioskId === kioskId) return true;
  const grant = await prisma.auditLog.findFirst({
    where: {
      action: 'booking.reprint',
      entityType: 'Booking',
      entityId: bookingId,
      createdAt: { gte: new Date(now.getTime() - REPRINT_GRANT_MS) },
      data: { path: ['kioskId'], equals: kioskId },
    },
    select: { id: true },
  });
  return grant !== null;
}
