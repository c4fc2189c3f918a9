// Cancelling a show: off sale at once, open holds released, every paid booking refunded through the
// refunds queue (one job per booking, and a sweeper for jobs lost with Redis), each customer emailed
// once; kiosks and browsers hear it live.
import type { TSeatChangeEvent } from '@marquee/shared';
import { afterBookingChange } from '../bookings';
import { closePendingBookings } from '../bookings';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { enqueueCancellationRefunds } from '../jobs/refunds';
import type { TServices } from '../services';
import type { TStaffActor } from '../audit/record-audit';

export const SHOW_CANCELLED_REASON = 'show cancelled by the cinema';

export async function cancelShowtime(
  services: Pick<
    TServices,
    'pg' | 'prisma' | 'redis' | 'log' | 'jobs' | 'seatEvents' | 'bookingEvents' | 'catalogEvents'
  >,
  {
    actor,
    showtimeId,
    reason,
    now = new Date(),
  }: { actor: TStaffActor; showtimeId: string; reason: string; now?: Date },
): Promise<{ alreadyCancelled: boolean; releasedHolds: number; refunds: number }> {
  const result = await withTransaction(services.pg, async (tx) => {
    const inCinema = await tx.query(
      `SELECT 1 FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" WHERE st.id = $1 AND sc."cinemaId" = $2`,
      [showtimeId, actor.cinemaId],
    );
    if (!inCinema.rowCount)
      throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', {
        message: `showtime ${showtimeId} not in cinema ${actor.cinemaId}`,
      });
    // Bookings before their show, by id (the lock order of docs/design.md, Concurrency): a
    // settlement holds the booking it confirms while it waits for the show's row, so locking the
    // show first would wait on it in a circle. Holds written from here on wait for the show's lock
    // below (they key-share it), and the closing statement locks what they wrote before it.
    await tx.query(`SELECT 1 FROM "Booking" WHERE "showtimeId" = $1 AND status = 'PENDING' ORDER BY id FOR UPDATE`, [
      showtimeId,
    ]);
    const st = await tx.query<{ cancelled: boolean; endsAt: Date }>(
      `SELECT cancelled, "endsAt" FROM "Showtime" WHERE id = $1 FOR UPDATE`,
      [showtimeId],
    );
    const show = st.rows[0]!;
    if (show.cancelled) return null;
    if (show.endsAt <= now)
      throw new AppError('INPUT_INVALID', {
        message: `showtime ${showtimeId} is over`,
        userMessage: 'This show is already over; refund single bookings instead.',
      });
    const freed = await closePendingBookings(tx, {
      scope: { wholeShowtimeId: showtimeId },
      status: 'CANCELLED',
      reason: SHOW_CANCELLED_REASON,
      onlyOverdue: false,
      now,
    });
    const releasedHolds = new Set(freed.map((f) => f.bookingId)).size;
    // The seat version moves once for the cancellation: closing holds has already moved it.
    const v = await tx.query<{ seatVersion: number; screenId: string }>(
      `UPDATE "Showtime" SET cancelled = true, "onSale" = false, "cancelledAt" = $2, "seatVersion" = "seatVersion" + $3, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion", "screenId"::text`,
      [showtimeId, now, freed.length ? 0 : 1],
    );
    const paid = await tx.query<{ id: string }>(
      `SELECT id::text FROM "Booking" WHERE "showtimeId" = $1 AND status = 'CONFIRMED'`,
      [showtimeId],
    );
    await tx.query(
      `INSERT INTO "AuditLog" (id, "actorKind", "actorUserId", action, "entityType", "entityId", data, "createdAt") VALUES (gen_random_uuid(), 'STAFF', $1, 'showtime.cancel', 'Showtime', $2, $3, $4)`,
      [actor.userId, showtimeId, JSON.stringify({ reason, releasedHolds, refunds: paid.rows.length }), now],
    );
    const seats = await tx.query<{ id: string }>(`SELECT id::text FROM "Seat" WHERE "screenId" = $1`, [
      v.rows[0]!.screenId,
    ]);
    return {
      freed,
      releasedHolds,
      paid: paid.rows.map((r) => r.id),
      version: v.rows[0]!.seatVersion,
      seatIds: seats.rows.map((r) => r.id),
    };
  });
  if (!result) return { alreadyCancelled: true, releasedHolds: 0, refunds: 0 };

  services.log.info(
    { showtimeId, userId: actor.userId, releasedHolds: result.releasedHolds, refunds: result.paid.length },
    'show cancelled',
  );
  const event: TSeatChangeEvent = {
    showtimeId,
    version: result.version,
    seats: result.seatIds.map((id) => ({ id, state: 'blocked' })),
  };
  await services.seatEvents.publish(event);
  await services.catalogEvents.publish({ scope: 'all', showtimeId, change: 'cancelled' });
  await afterBookingChange(services, { kind: 'closed-with-show', freed: result.freed });
  // If Redis is down the refunds worker's sweeper queues them when it is back.
  await enqueueCancellationRefunds(services, result.paid).catch((err: unknown) =>
    services.log.warn({ err, showtimeId }, 'refund jobs not queued now; the sweeper will queue them'),
  );
  return { alreadyCancelled: false, releasedHolds: result.releasedHolds, refunds: result.paid.length };
}

/** Where a cancelled show's refunds stand, for the manager's progress bar. */
export async function cancellationProgress(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, showtimeId }: { cinemaId: string; showtimeId: string },
) {
  const show = await prisma.showtime.findFirst({
    where: { id: showtimeId, screen: { cinemaId } },
    select: { cancelled: true, cancelledAt: true },
  });
  if (!show)
    throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not in cinema ${cinemaId}` });
  const owed = {
    showtimeId,
    OR: [{ status: 'CONFIRMED' as const }, { refunds: { some: { reason: SHOW_CANCELLED_REASON } } }],
  };
  const [toRefund, toEmail, refunded, processed, emailed] = await Promise.all([
    prisma.booking.count({ where: owed }),
    // Only a booking with an email address is owed the cancellation email.
    prisma.booking.count({ where: { ...owed, customerEmail: { not: null } } }),
    prisma.refund.count({ where: { reason: SHOW_CANCELLED_REASON, booking: { showtimeId } } }),
    prisma.refund.count({ where: { reason: SHOW_CANCELLED_REASON, status: 'PROCESSED', booking: { showtimeId } } }),
    prisma.emailLog.count({ where: { kind: 'CANCELLATION', status: 'SENT', booking: { showtimeId } } }),
  ]);
  return {
    cancelled: show.cancelled,
    cancelledAt: show.cancelledAt?.toISOString() ?? null,
    bookings: toRefund,
    toEmail,
    refunded,
    processed,
    emailed,
  };
}
