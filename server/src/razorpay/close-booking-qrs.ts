// Closing UPI QR codes that must stop taking money: the QR of a hold that ended (expired, released,
// replaced) and the QR of a booking that was paid another way. Razorpay keeps a QR open for at least
// 15 minutes, longer than a hold, so Marquee closes it itself.
import type { TServices } from '../services';

/** A QR that was not the way the customer paid must not take money any more. Already closed is fine. */
export async function closeQrQuietly(services: Pick<TServices, 'razorpay' | 'log'>, qrId: string): Promise<void> {
  try {
    const qr = await services.razorpay.fetchQr(qrId);
    if (qr.status === 'active') await services.razorpay.closeQr(qrId);
  } catch (err) {
    // A payment that still slips through is refunded by settlement; the reconciler retries closing.
    services.log.warn({ err, qrId }, 'could not close the QR code');
  }
}

/** Closes the QR codes of these bookings, those that have one. */
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
