// What a manager does to a booking or a show: refund, resend the receipt, reprint at a kiosk, block
// seats. Each does one thing, checks the booking belongs to the manager's cinema, and is audited.
import type { TSeatChangeEvent } from '@marquee/shared';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { resendReceipt } from '../jobs/receipts/resend-receipt';
import { refundBooking } from '../bookings/refund-booking';
import type { TServices } from '../services';
import { recordAudit, type TStaffActor } from '../audit/record-audit';

async function assertBookingInCinema({ prisma }: Pick<TServices, 'prisma'>, bookingId: string, cinemaId: string) {
  const booking = await prisma.booking.findFirst({
    where: { id: bookingId, showtime: { screen: { cinemaId } } },
    select: { id: true, status: true, kioskId: true },
  });
  if (!booking) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not in cinema ${cinemaId}` });
  return booking;
}

export async function managerRefund(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  { actor, bookingId, reason }: { actor: TStaffActor; bookingId: string; reason: string },
): Promise<{ refundId: string; alreadyRefunded: boolean }> {
  await assertBookingInCinema(services, bookingId, actor.cinemaId);
  const result = await refundBooking(services, {
    bookingId,
    requestedBy: 'MANAGER',
    requestedById: actor.userId,
    reason,
  });
  if (!result.alreadyRefunded) {
    await recordAudit(services.prisma, {
      by: actor.userId,
      action: 'booking.refund',
      entityType: 'Booking',
      entityId: bookingId,
      data: { reason, refundId: result.refundId },
    });
  }
  return result;
}

export async function managerResend(
  services: Pick<TServices, 'prisma' | 'jobs'>,
  { actor, bookingId }: { actor: TStaffActor; bookingId: string },
): Promise<{ jobId: string }> {
  await assertBookingInCinema(services, bookingId, actor.cinemaId);
  return resendReceipt(services, { bookingId, requestedById: actor.userId });
}

/** How long a kiosk may fetch a booking a manager sent it to reprint. */
export const REPRINT_GRANT_MS = 10 * 60_000;

/**
 * Sends one reprint command to one kiosk of the cinema. The audit entry is also the kiosk's
 * permission to fetch that booking's tickets (kiosks.reprintJob) for the next few minutes.
 */
export async function managerReprint(
  services: Pick<TServices, 'prisma' | 'kioskCommands'>,
  { actor, bookingId, kioskId }: { actor: TStaffActor; bookingId: string; kioskId: string },
): Promise<void> {
  const booking = await assertBookingInCinema(services, bookingId, actor.cinemaId);
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

/**
 * Takes seats of a show out of sale. Only seats nobody holds or bought: the showtime row is locked
 * first, as every hold's insert updates it, so no hold slips in between the check and the block.
 */
export async function blockSeats(
  services: Pick<TServices, 'pg' | 'prisma' | 'seatEvents' | 'log'>,
  { actor, showtimeId, seatIds, reason }: { actor: TStaffActor; showtimeId: string; seatIds: string[]; reason: string },
): Promise<{ blocked: number }> {
  const unique = [...new Set(seatIds)];
  const event = await withTransaction(services.pg, async (tx) => {
    const st = await tx.query<{ screenId: string }>(
      `SELECT st."screenId"::text FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" WHERE st.id = $1 AND sc."cinemaId" = $2 FOR UPDATE OF st`,
      [showtimeId, actor.cinemaId],
    );
    if (!st.rows[0])
      throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', {
        message: `showtime ${showtimeId} not in cinema ${actor.cinemaId}`,
      });
    const known = await tx.query<{ id: string }>(
      `SELECT id::text FROM "Seat" WHERE "screenId" = $1 AND id = ANY($2::uuid[])`,
      [st.rows[0].screenId, unique],
    );
    const unknown = unique.filter((id) => !known.rows.some((r) => r.id === id));
    if (unknown.length)
      throw new AppError('HOLD_SEAT_UNKNOWN', {
        message: `seats not in the screen: ${unknown.join(', ')}`,
        data: { unknownSeatIds: unknown },
      });
    const taken = await tx.query<{ seatId: string; label: string }>(
      `SELECT bs."seatId"::text, s.label FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."showtimeId" = $1 AND bs.active AND bs."seatId" = ANY($2::uuid[]) ORDER BY s.label`,
      [showtimeId, unique],
    );
    if (taken.rows.length) {
      throw new AppError('HOLD_SEAT_TAKEN', {
        message: `block refused: seats held or sold`,
        userMessage: `${taken.rows.map((r) => r.label).join(', ')} ${taken.rows.length === 1 ? 'is' : 'are'} held or sold. Refund the booking first, or pick other seats.`,
        data: { takenSeatIds: taken.rows.map((r) => r.seatId) },
      });
    }
    const inserted = await tx.query<{ seatId: string }>(
      `INSERT INTO "SeatBlock" (id, "showtimeId", "seatId", reason, "createdById", "createdAt")
       SELECT gen_random_uuid(), $1, x, $3, $4, now() FROM unnest($2::uuid[]) AS x
       ON CONFLICT ("showtimeId", "seatId") DO NOTHING RETURNING "seatId"::text`,
      [showtimeId, unique, reason, actor.userId],
    );
    if (!inserted.rows.length) return null;
    const v = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = now() WHERE id = $1 RETURNING "seatVersion"`,
      [showtimeId],
    );
    await tx.query(
      `INSERT INTO "AuditLog" (id, "actorKind", "actorUserId", action, "entityType", "entityId", data, "createdAt") VALUES (gen_random_uuid(), 'STAFF', $1, 'seats.block', 'Showtime', $2, $3, now())`,
      [actor.userId, showtimeId, JSON.stringify({ seatIds: inserted.rows.map((r) => r.seatId), reason })],
    );
    return {
      showtimeId,
      version: v.rows[0]!.seatVersion,
      seats: inserted.rows.map((r) => ({ id: r.seatId, state: 'blocked' as const })),
    } satisfies TSeatChangeEvent;
  });
  if (event) await services.seatEvents.publish(event);
  return { blocked: event?.seats.length ?? 0 };
}

export async function unblockSeats(
  services: Pick<TServices, 'pg' | 'prisma' | 'seatEvents' | 'log'>,
  { actor, showtimeId, seatIds }: { actor: TStaffActor; showtimeId: string; seatIds: string[] },
): Promise<{ unblocked: number }> {
  const event = await withTransaction(services.pg, async (tx) => {
    const st = await tx.query(
      `SELECT 1 FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" WHERE st.id = $1 AND sc."cinemaId" = $2 FOR UPDATE OF st`,
      [showtimeId, actor.cinemaId],
    );
    if (!st.rowCount)
      throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', {
        message: `showtime ${showtimeId} not in cinema ${actor.cinemaId}`,
      });
    const removed = await tx.query<{ seatId: string }>(
      `DELETE FROM "SeatBlock" WHERE "showtimeId" = $1 AND "seatId" = ANY($2::uuid[]) RETURNING "seatId"::text`,
      [showtimeId, [...new Set(seatIds)]],
    );
    if (!removed.rows.length) return null;
    const v = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = now() WHERE id = $1 RETURNING "seatVersion"`,
      [showtimeId],
    );
    await tx.query(
      `INSERT INTO "AuditLog" (id, "actorKind", "actorUserId", action, "entityType", "entityId", data, "createdAt") VALUES (gen_random_uuid(), 'STAFF', $1, 'seats.unblock', 'Showtime', $2, $3, now())`,
      [actor.userId, showtimeId, JSON.stringify({ seatIds: removed.rows.map((r) => r.seatId) })],
    );
    return {
      showtimeId,
      version: v.rows[0]!.seatVersion,
      seats: removed.rows.map((r) => ({ id: r.seatId, state: 'available' as const })),
    } satisfies TSeatChangeEvent;
  });
  if (event) await services.seatEvents.publish(event);
  return { unblocked: event?.seats.length ?? 0 };
}
