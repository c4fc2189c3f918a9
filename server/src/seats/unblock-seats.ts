// Puts blocked seats of a show back on sale, tells live clients, and audits it.
import type { TSeatChangeEvent } from '@marquee/shared';
import type { TStaffActor } from '../audit/record-audit';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

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
