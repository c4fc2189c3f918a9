// What a kiosk's printer reported for a booking's tickets: the attempt kiosks.collect opened, or a
// print at the sale or a reprint staff sent. Each is a TicketPrint row, shown in the booking's timeline.
import type { TKioskPrintResultInput } from '@marquee/shared/collect';
import { AppError } from '../errors/app-error';
import { REPRINT_GRANT_MS } from './reprint-grant';
import type { TServices } from '../services';

export async function recordPrint(
  services: Pick<TServices, 'prisma' | 'log'>,
  { kioskId, input, now = new Date() }: { kioskId: string; input: TKioskPrintResultInput; now?: Date },
): Promise<{ recorded: boolean }> {
  const { prisma, log } = services;
  const result = { ok: input.ok, errorCode: input.ok ? null : (input.errorCode ?? 'PRINTER_FAILED'), finishedAt: now };
  if (input.kind === 'COLLECT') {
    const updated = await prisma.ticketPrint.updateMany({
      where: { id: input.printId, kioskId, kind: 'COLLECT', ok: null },
      data: result,
    });
    if (updated.count === 0) {
      const known = await prisma.ticketPrint.count({ where: { id: input.printId, kioskId } });
      if (!known)
        throw new AppError('BOOKING_NOT_FOUND', { message: `print ${input.printId} is not kiosk ${kioskId}'s` });
      // Reported twice, or after the attempt was given up: the first word stands.
      log.warn({ printId: input.printId, kioskId }, 'collect: print result for a finished attempt ignored');
      return { recorded: false };
    }
    log.info({ printId: input.printId, kioskId, ok: input.ok, errorCode: result.errorCode }, 'collect: printed');
    return { recorded: true };
  }

  const booking = await prisma.booking.findUnique({
    where: { id: input.bookingId },
    select: { kioskId: true, status: true },
  });
  let requestedById: string | null = null;
  if (input.kind === 'REPRINT') {
    const grant = await prisma.auditLog.findFirst({
      where: {
        action: 'booking.reprint',
        entityType: 'Booking',
        entityId: input.bookingId,
        createdAt: { gte: new Date(now.getTime() - REPRINT_GRANT_MS) },
        data: { path: ['kioskId'], equals: kioskId },
      },
      orderBy: { createdAt: 'desc' },
      select: { actorUserId: true },
    });
    if (!grant && booking?.kioskId !== kioskId)
      throw new AppError('BOOKING_NOT_FOUND', { message: `kiosk ${kioskId} was not sent ${input.bookingId}` });
    requestedById = grant?.actorUserId ?? null;
  } else if (!booking || booking.kioskId !== kioskId) {
    throw new AppError('BOOKING_NOT_FOUND', { message: `kiosk ${kioskId} did not sell ${input.bookingId}` });
  }
  await prisma.ticketPrint.create({
    data: { bookingId: input.bookingId, kioskId, kind: input.kind, requestedById, createdAt: now, ...result },
  });
  return { recorded: true };
}
