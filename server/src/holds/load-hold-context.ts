// Everything holds.create needs to decide, in one statement shared with the other holds being read
// at the same moment: the showtime and its fees and prices, which requested seats are blocked, the
// holder's open hold, whether an overdue hold sits on any requested seat, and which seats around the
// selection are taken (for the seat rules). The screen's layout comes from memory
// (showtime-layout.ts), checked against the version this query returns.
import type { TRuleSeat, TSeatType } from '@marquee/shared';
import pg from 'pg';
import { groupBatchesPer } from '../db/group-batches';
import type { TSql } from '../db/prisma';
import { isUuid } from '../http/is-uuid';
import { metrics } from '../metrics/metrics';
import { showtimeLayout, type TShowtimeLayout } from './showtime-layout';

export interface THoldContext {
  id: string;
  /** The show's cinema: a kiosk holds its own cinema's seats only. */
  cinemaId: string;
  screenId: string;
  startsAt: Date;
  onSale: boolean;
  cancelled: boolean;
  kioskFeePaise: number;
  webFeePaise: number;
  prices: { seatType: TSeatType; pricePaise: number }[];
  seats: { id: string; type: TSeatType }[];
  blockedSeatIds: string[];
  previous: { id: string; expiresAt: Date; seatIds: string[]; qrId: string | null } | null;
  hasOverdue: boolean;
  noSingleSeatGap: boolean;
  /** Every seat of the rows the request touches, and the wheelchair spaces of requested companion seats, for the seat rules. */
  ruleSeats: TRuleSeat[];
}

// The seats' state is read for the seat rules only where the cinema applies the gap rule (every seat
// of the rows the selection touches); the companion rule needs the layout alone. One statement reads
// the context of every hold in a batch (see db/group-batches.ts), a row per request (q.i) whose
// showtime exists; each request's seat lists travel as array literals ('{id,id}').
const HOLD_CONTEXTS = `
  SELECT q.i::int AS i, s.id::text, c.id::text AS "cinemaId", s."startsAt", s."onSale", s.cancelled, c."kioskFeePaise", c."webFeePaise", c."noSingleSeatGap", s."screenId"::text AS "screenId", sc."layoutVersion",
    (SELECT coalesce(array_agg(rs.id::text), '{}') FROM unnest(q.rule_ids::uuid[]) AS rs(id)
      WHERE c."noSingleSeatGap"
        AND (EXISTS (SELECT 1 FROM "BookingSeat" bs JOIN "Booking" bb ON bb.id = bs."bookingId"
                      WHERE bs."showtimeId" = s.id AND bs."seatId" = rs.id AND bs.active AND NOT (bb.holder = q.holder AND bb.status = 'PENDING'))
             OR EXISTS (SELECT 1 FROM "SeatBlock" k WHERE k."showtimeId" = s.id AND k."seatId" = rs.id))) AS "takenRuleSeatIds",
    (SELECT coalesce(json_agg(json_build_object('seatType', p."seatType", 'pricePaise', p."pricePaise")), '[]')
       FROM "ShowtimePrice" p WHERE p."showtimeId" = s.id) AS prices,
    (SELECT coalesce(array_agg(b."seatId"::text), '{}')
       FROM "SeatBlock" b WHERE b."showtimeId" = s.id AND b."seatId" = ANY(q.seat_ids::uuid[])) AS "blockedSeatIds",
    (SELECT json_build_object('id', pb.id, 'expiresAt', pb."expiresAt", 'qrId', pb."razorpayQrId",
              'seatIds', (SELECT coalesce(array_agg(ps."seatId"), '{}') FROM "BookingSeat" ps WHERE ps."bookingId" = pb.id AND ps.active))
       FROM "Booking" pb WHERE pb.holder = q.holder AND pb."showtimeId" = s.id AND pb.status = 'PENDING' LIMIT 1) AS previous,
    EXISTS (SELECT 1 FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId"
             WHERE bs."showtimeId" = s.id AND bs."seatId" = ANY(q.seat_ids::uuid[]) AND bs.active
               AND b.status = 'PENDING' AND b."expiresAt" <= q.now) AS "hasOverdue"
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) WITH ORDINALITY AS q(showtime_id, seat_ids, holder, now, rule_ids, i)
  JOIN "Showtime" s ON s.id = q.showtime_id JOIN "Screen" sc ON sc.id = s."screenId" JOIN "Cinema" c ON c.id = sc."cinemaId"`;

type TRequest = { showtimeId: string; seatIds: string[]; holderKey: string; now: Date; ruleSeatIds: string[] };

type TRow = Pick<
  THoldContext,
  | 'id'
  | 'cinemaId'
  | 'startsAt'
  | 'onSale'
  | 'cancelled'
  | 'kioskFeePaise'
  | 'webFeePaise'
  | 'noSingleSeatGap'
  | 'prices'
  | 'blockedSeatIds'
  | 'hasOverdue'
> & {
  screenId: string;
  layoutVersion: number;
  takenRuleSeatIds: string[];
  previous: { id: string; expiresAt: string; seatIds: string[]; qrId: string | null } | null;
};

/**
 * A uuid[] literal. Anything else is left out: it names no seat (the layout reports it unknown), and
 * inside a batch it must not fail the other requests' cast or add elements to their lists.
 */
const arrayLiteral = (ids: readonly string[]) => `{${ids.filter(isUuid).join(',')}}`;

async function readContexts(db: TSql, requests: readonly TRequest[]): Promise<(TRow | null)[]> {
  metrics.holdBatchSize.observe({ statement: 'read' }, requests.length);
  const { rows } = await db.query<TRow & { i: number }>({
    name: 'hold-contexts',
    text: HOLD_CONTEXTS,
    values: [
      requests.map((r) => r.showtimeId),
      requests.map((r) => arrayLiteral(r.seatIds)),
      requests.map((r) => r.holderKey),
      requests.map((r) => r.now),
      requests.map((r) => arrayLiteral(r.ruleSeatIds)),
    ],
  });
  const byRequest: (TRow | null)[] = requests.map(() => null);
  for (const { i, ...row } of rows) byRequest[i - 1] = row;
  return byRequest;
}

/** Batches per pool; reads take no locks, so two may be out at once. */
const readBatched = groupBatchesPer<pg.Pool, TRequest, TRow | null>(readContexts, { maxBatchSize: 32, maxInFlight: 2 });

/** Reads one hold's context, batched with the others being read at the same moment (a client in a transaction reads it alone). */
function readContext(db: TSql, request: TRequest): Promise<TRow | null> {
  return db instanceof pg.Pool ? readBatched(db, request) : readContexts(db, [request]).then(([row]) => row!);
}

export async function loadHoldContext(
  db: TSql,
  { showtimeId, seatIds, holderKey, now }: { showtimeId: string; seatIds: string[]; holderKey: string; now: Date },
): Promise<THoldContext | null> {
  let layout = await showtimeLayout(db, showtimeId);
  for (let attempt = 1; ; attempt++) {
    if (!layout) return null;
    const ruleSeatIds = layout.ruleSeatIds(seatIds);
    const row = await readContext(db, { showtimeId, seatIds, holderKey, now, ruleSeatIds });
    if (!row) return null;
    // A manager saved the screen's layout since it was kept (or the show moved screens): read it
    // again, and the seats around the selection with it. (A save racing this very hold is the same race as between any read and write.)
    if ((row.layoutVersion !== layout.version || row.screenId !== layout.screenId) && attempt < 3) {
      layout = await showtimeLayout(db, showtimeId, { stale: layout });
      continue;
    }
    return contextOf(row, layout, seatIds, ruleSeatIds);
  }
}

function contextOf(row: TRow, layout: TShowtimeLayout, seatIds: string[], ruleSeatIds: string[]): THoldContext {
  const taken = new Set(row.takenRuleSeatIds);
  const { takenRuleSeatIds: _taken, layoutVersion: _version, ...rest } = row;
  return {
    ...rest,
    seats: seatIds.flatMap((id) => {
      const seat = layout.seats.get(id);
      return seat ? [{ id, type: seat.type }] : [];
    }),
    ruleSeats: ruleSeatIds.map((id) => ({ ...layout.seats.get(id)!, taken: taken.has(id) })),
    previous: row.previous && { ...row.previous, expiresAt: new Date(row.previous.expiresAt) },
  };
}
