import type { TServices } from '../services';
import { closeQrQuietly } from './settle-payment';

/**
 * When holds end (expired, released, replaced), their UPI QR codes must stop taking money: Razorpay
 * keeps a QR open for at least 15 minutes, longer than a hold, so Marquee closes it itself.
 */
export async function closeBookingQrs(
  services: Pick<TServices, 'prisma' | 'razorpay' | 'log'>,
  bookingIds: string[],
): Promise<void> {
  if (bookingIds.length === 0) return;
  const withQr = await services.prisma.booking.findMany({
    where: { id: { in: bookingIds }, razorpayQrId: { not: null } },
    select: { razorpayQrId: true },
  });
  await Promise.all(withQr.map((b) => closeQrQuietly(services, b.razorpayQrId!)));
}
