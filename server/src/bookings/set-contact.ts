import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import { enqueueReceiptAfterContactChange } from '../jobs/receipts';
import type { TServices } from '../services';

/**
 * The customer's email (for the receipt) and phone (to find the booking again). On a booking
 * already confirmed, a new email gets the receipt; the receipt log still sends it once.
 */
export async function setContact(
  services: Pick<TServices, 'prisma' | 'jobs' | 'log'>,
  { holder, bookingId, email, phone }: { holder: THolder; bookingId: string; email?: string; phone?: string },
): Promise<{ bookingId: string }> {
  const booking = await services.prisma.booking.findFirst({
    where: { id: bookingId, holder: holder.key },
    select: { status: true },
  });
  if (!booking || (booking.status !== 'PENDING' && booking.status !== 'CONFIRMED')) {
    throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not open for ${holder.key}` });
  }
  await services.prisma.booking.update({
    where: { id: bookingId },
    data: {
      ...(email !== undefined ? { customerEmail: email.toLowerCase() } : {}),
      ...(phone !== undefined ? { customerPhone: phone.replace(/^\+91/, '') } : {}),
    },
  });
  if (booking.status === 'CONFIRMED' && email !== undefined)
    await enqueueReceiptAfterContactChange(services, { bookingId });
  return { bookingId };
}
