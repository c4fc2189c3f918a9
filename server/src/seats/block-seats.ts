// Seats a manager takes out of sale for one show (a broken seat, a reserved row), told to live clients
// and audited in the same transaction.
import type { TSeatChangeEvent } from '@marquee/shared';
import type { TStaffActor } from '../audit/record-audit';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

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
