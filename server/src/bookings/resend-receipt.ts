import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';
import { enqueueReceiptResend, resendReceiptJobId } from '../jobs/receipts/index';

/**
 * A manager's "resend receipt": its own job with its own id and its own receipt-log entry, so it is
 * sent even though the first receipt went out, and a retry of it still sends it once. Audited.
 */
export async function resendReceipt(
  services: Pick<TServices, 'prisma' | 'jobs'>,
  { bookingId, requestedById }: { bookingId: string; requestedById: string | null },
): Promise<{ jobId: string }> {
  const booking = await services.prisma.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, customerEmail: true },
  });
  if (!booking || booking.status !== 'CONFIRMED')
    throw new AppError('BOOKING_NOT_FOUND', {
      message: `booking ${bookingId} is not confirmed`,
      userMessage: 'Only a confirmed booking has a receipt to resend.',
    });
  if (!booking.customerEmail)
    throw new AppError('INPUT_INVALID', {
      message: `booking ${bookingId} has no email`,
      userMessage: 'This booking has no email address to send to.',
    });
  const resendId = uuidv7();
  const jobId = resendReceiptJobId(resendId);
  await recordAudit(services.prisma, {
    by: requestedById,
    action: 'receipt.resend',
    entityType: 'Booking',
    entityId: bookingId,
    data: { jobId },
  });
  return enqueueReceiptResend(services, { bookingId, resendId });
}
