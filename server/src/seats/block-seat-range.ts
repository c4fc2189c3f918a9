// The same seats blocked over a range of shows ("house seats for a week"): every show of one screen
// starting between two cinema dates, one reason, recorded as one group and released as one. A seat
// held or sold in any of those shows refuses the whole range, naming the show and the seat.
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { formatShowTime, type TSeatChangeEvent } from '@marquee/shared';
import type { TStaffActor } from '../audit/record-audit';
import { dayBounds } from '../catalog';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

type TServicesUsed = Pick<TServices, 'pg' | 'prisma' | 'seatEvents' | 'log'>;

/** The group's audit entry, in the transaction that made the change. */
async function audit(tx: PoolClient, action: string, actor: TStaffActor, groupId: string, data: object) {
  await tx.query(
    `INSERT INTO "AuditLog" (id, "actorKind", "actorUserId", action, "entityType", "entityId", data, "createdAt") VALUES (gen_random_uuid(), 'STAFF', $1, $2, 'SeatBlockGroup', $3, $4, now())`,
    [actor.userId, action, groupId, JSON.stringify(data)],
  );
}

/**
 * Blocks `seatIds` of `screenId` in every show starting on `fromDate`..`toDate` (cinema dates, both
 * included). The shows' rows are locked first (in one order, so two ranges cannot deadlock), as
 * every hold's insert updates its show's row: a hold either commits before the check sees it, or
 * waits and then finds the seat blocked. Seats already blocked in a show on their own stay as they are.
 */
export async function blockSeatRange(
  services: TServicesUsed,
  {
    actor,
    screenId,
    seatIds,
    reason,
    fromDate,
    toDate,
  }: { actor: TStaffActor; screenId: string; seatIds: string[]; reason: string; fromDate: string; toDate: string },
): Promise<{ groupId: string; shows: number; blocked: number }> {
  const unique = [...new Set(seatIds)];
  const groupId = randomUUID();
  const events = await retryOnDeadlock(() =>
    withTransaction(services.pg, async (tx) => {
      const screen = await tx.query<{ timeZone: string }>(
        `SELECT c."timeZone" FROM "Screen" sc JOIN "Cinema" c ON c.id = sc."cinemaId" WHERE sc.id = $1::uuid AND sc."cinemaId" = $2::uuid`,
        [screenId, actor.cinemaId],
      );
      const timeZone = screen.rows[0]?.timeZone;
      if (!timeZone)
        throw new AppError('SEAT_BLOCK_SCREEN_NOT_FOUND', { message: `screen ${screenId} not in ${actor.cinemaId}` });
      const start = dayBounds(fromDate, timeZone).start;
      const end = dayBounds(toDate, timeZone).end;
      const shows = await tx.query<{ id: string; startsAt: Date }>(
        `SELECT id::text, "startsAt" FROM "Showtime" WHERE "screenId" = $1::uuid AND "startsAt" >= $2 AND "startsAt" < $3 AND NOT cancelled
       ORDER BY id FOR UPDATE`,
        [screenId, start, end],
      );
      if (!shows.rows.length)
        throw new AppError('SEAT_BLOCK_RANGE_EMPTY', {
          message: `no shows on screen ${screenId} from ${fromDate} to ${toDate}`,
          userMessage: `This screen has no shows from ${fromDate} to ${toDate}. Pick days that have shows.`,
        });
      const known = await tx.query<{ id: string }>(
        `SELECT id::text FROM "Seat" WHERE "screenId" = $1::uuid AND id = ANY($2::uuid[])`,
        [screenId, unique],
      );
      const unknown = unique.filter((id) => !known.rows.some((r) => r.id === id));
      if (unknown.length)
        throw new AppError('HOLD_SEAT_UNKNOWN', {
          message: `seats not in the screen: ${unknown.join(', ')}`,
          data: { unknownSeatIds: unknown },
        });
      const showIds = shows.rows.map((s) => s.id);
      const taken = await tx.query<{ seatId: string; label: string; startsAt: Date }>(
        `SELECT bs."seatId"::text, s.label, st."startsAt" FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId"
       JOIN "Showtime" st ON st.id = bs."showtimeId"
       WHERE bs."showtimeId" = ANY($1::uuid[]) AND bs.active AND bs."seatId" = ANY($2::uuid[]) ORDER BY st."startsAt", s.label`,
        [showIds, unique],
      );
      const first = taken.rows[0];
      if (first) {
        const more = taken.rows.length > 1 ? ` (and ${taken.rows.length - 1} more)` : '';
        throw new AppError('HOLD_SEAT_TAKEN', {
          message: `range block refused: ${taken.rows.length} seats held or sold`,
          userMessage: `${first.label} is held or sold for the ${formatShowTime(first.startsAt.toISOString(), timeZone)} show${more}. Nothing was blocked: refund that booking first, or pick other seats or days.`,
          data: { takenSeatIds: [...new Set(taken.rows.map((r) => r.seatId))] },
        });
      }
      const inserted = await tx.query<{ showtimeId: string; seatId: string }>(
        `INSERT INTO "SeatBlock" (id, "showtimeId", "seatId", reason, "groupId", "createdById", "createdAt")
       SELECT gen_random_uuid(), st, x, $3, $4::uuid, $5::uuid, now() FROM unnest($1::uuid[]) AS st CROSS JOIN unnest($2::uuid[]) AS x
       ON CONFLICT ("showtimeId", "seatId") DO NOTHING RETURNING "showtimeId"::text, "seatId"::text`,
        [showIds, unique, reason, groupId, actor.userId],
      );
      const changed = await bumpShows(tx, inserted.rows, 'blocked');
      await audit(tx, 'seats.block-range', actor, groupId, {
        screenId,
        fromDate,
        toDate,
        reason,
        seatIds: unique,
        showtimeIds: showIds,
        blocked: inserted.rows.length,
      });
      return { changed, shows: showIds.length, blocked: inserted.rows.length };
    }),
  );
  for (const event of events.changed) await services.seatEvents.publish(event);
  return { groupId, shows: events.shows, blocked: events.blocked };
}

/** Releases every block of a range group, in all its shows, at once. */
export async function releaseSeatBlockGroup(
  services: TServicesUsed,
  { actor, groupId }: { actor: TStaffActor; groupId: string },
): Promise<{ shows: number; unblocked: number }> {
  const result = await withTransaction(services.pg, async (tx) => {
    const shows = await tx.query<{ id: string }>(
      `SELECT st.id::text FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId"
       WHERE sc."cinemaId" = $2::uuid AND st.id IN (SELECT "showtimeId" FROM "SeatBlock" WHERE "groupId" = $1::uuid)
       ORDER BY st.id FOR UPDATE OF st`,
      [groupId, actor.cinemaId],
    );
    if (!shows.rows.length)
      throw new AppError('SEAT_BLOCK_GROUP_NOT_FOUND', { message: `group ${groupId} not in ${actor.cinemaId}` });
    const removed = await tx.query<{ showtimeId: string; seatId: string }>(
      `DELETE FROM "SeatBlock" WHERE "groupId" = $1::uuid AND "showtimeId" = ANY($2::uuid[]) RETURNING "showtimeId"::text, "seatId"::text`,
      [groupId, shows.rows.map((s) => s.id)],
    );
    const changed = await bumpShows(tx, removed.rows, 'available');
    await audit(tx, 'seats.release-range', actor, groupId, {
      showtimeIds: changed.map((e) => e.showtimeId),
      unblocked: removed.rows.length,
    });
    return { changed, shows: changed.length, unblocked: removed.rows.length };
  });
  for (const event of result.changed) await services.seatEvents.publish(event);
  return { shows: result.shows, unblocked: result.unblocked };
}

/**
 * Runs `write` again when Postgres chose it to break a deadlock: a batch of holds for several of the
 * range's shows share-locks them in its own order while the range locks them in id order.
 */
async function retryOnDeadlock<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 3) throw err;
    }
  }
}

/** One seat-change event per show touched, each with the show's new seat version. */
async function bumpShows(
  tx: PoolClient,
  rows: { showtimeId: string; seatId: string }[],
  state: 'blocked' | 'available',
): Promise<TSeatChangeEvent[]> {
  const byShow = new Map<string, string[]>();
  for (const r of rows) byShow.set(r.showtimeId, [...(byShow.get(r.showtimeId) ?? []), r.seatId]);
  const events: TSeatChangeEvent[] = [];
  for (const [showtimeId, seats] of byShow) {
    const v = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = now() WHERE id = $1::uuid RETURNING "seatVersion"`,
      [showtimeId],
    );
    events.push({ showtimeId, version: v.rows[0]!.seatVersion, seats: seats.map((id) => ({ id, state })) });
  }
  return events;
}

/** A show's blocked seats with their reasons and, for range blocks, the group's extent. */
export async function listSeatBlocks(
  services: Pick<TServices, 'pg'>,
  { actor, showtimeId }: { actor: TStaffActor; showtimeId: string },
) {
  const { rows } = await services.pg.query<{
    seatId: string;
    reason: string;
    groupId: string | null;
    shows: number | null;
    firstStartsAt: Date | null;
    lastStartsAt: Date | null;
  }>(
    `SELECT b."seatId"::text, b.reason, b."groupId"::text, g.shows, g."firstStartsAt", g."lastStartsAt"
     FROM "SeatBlock" b JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
     LEFT JOIN LATERAL (
       SELECT count(DISTINCT gb."showtimeId")::int AS shows, min(gs."startsAt") AS "firstStartsAt", max(gs."startsAt") AS "lastStartsAt"
       FROM "SeatBlock" gb JOIN "Showtime" gs ON gs.id = gb."showtimeId" WHERE gb."groupId" = b."groupId"
     ) g ON b."groupId" IS NOT NULL
     WHERE b."showtimeId" = $1::uuid AND sc."cinemaId" = $2::uuid`,
    [showtimeId, actor.cinemaId],
  );
  return rows.map((r) => ({
    seatId: r.seatId,
    reason: r.reason,
    groupId: r.groupId,
    group:
      r.groupId && r.shows && r.firstStartsAt && r.lastStartsAt
        ? { shows: r.shows, firstStartsAt: r.firstStartsAt.toISOString(), lastStartsAt: r.lastStartsAt.toISOString() }
        : null,
  }));
}
