// A booking of the staff member's cinema; another cinema's booking reads as not found.
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

export async function findBookingInCinema({ prisma }: Pick<TServices, 'prisma'>, bookingId: string, cinemaId: string) {
  const booking = await prisma.booking.findFirst({
    where: { id: bookingId, showtime: { screen: { cinemaId } } },
    select: { id: true, status: true, kioskId: true },
  });
  if (!booking) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not in cinema ${cinemaId}` });
  return booking;
}
