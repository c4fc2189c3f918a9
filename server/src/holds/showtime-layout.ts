// A show's seat layout (its screen's seats: position, label, type, companion space), kept in memory,
// so a hold reads from Postgres only what changes from one hold to the next: the show, its prices
// and blocks, and the seats' state. A manager may still edit a screen's layout (seats can always be
// added); every save moves Screen.layoutVersion on, the hold's query returns it, and a kept layout
// of another version is read again (loadHoldContext).
import type { TRuleSeat, TSeatType } from '@marquee/shared';
import type { TSql } from '../db/prisma';

type TLayoutSeat = Omit<TRuleSeat, 'taken'> & { type: TSeatType };

export interface TShowtimeLayout {
  screenId: string;
  version: number;
  seats: ReadonlyMap<string, TLayoutSeat>;
  /** What the seat rules must see for a selection: every seat of the rows it touches, and the wheelchair spaces of its companion seats. */
  ruleSeatIds(selectedIds: readonly string[]): string[];
}

const MAX_SHOWS = 2_000;
const layouts = new Map<string, Promise<TShowtimeLayout | null>>();

const LAYOUT = `
  SELECT s."screenId"::text AS "screenId", sc."layoutVersion" AS version,
    coalesce(json_agg(json_build_object('id', st.id, 'x', st.x, 'y', st.y, 'label', st.label, 'type', st.type, 'companionOfId', st."companionOfId")) FILTER (WHERE st.id IS NOT NULL), '[]') AS seats
  FROM "Showtime" s JOIN "Screen" sc ON sc.id = s."screenId" LEFT JOIN "Seat" st ON st."screenId" = s."screenId"
  WHERE s.id = $1::uuid GROUP BY s."screenId", sc."layoutVersion"`;

function layoutOf(screenId: string, version: number, list: TLayoutSeat[]): TShowtimeLayout {
  const seats = new Map(list.map((s) => [s.id, s]));
  const rows = new Map<number, string[]>();
  for (const s of list) rows.set(s.y, [...(rows.get(s.y) ?? []), s.id]);
  return {
    screenId,
    version,
    seats,
    ruleSeatIds(selectedIds) {
      const ids = new Set<string>();
      for (const id of selectedIds) {
        const seat = seats.get(id);
        if (!seat) continue;
        for (const rowSeat of rows.get(seat.y)!) ids.add(rowSeat);
        if (seat.companionOfId && seats.has(seat.companionOfId)) ids.add(seat.companionOfId);
      }
      return [...ids];
    },
  };
}

/**
 * The layout of the show's screen, or null when there is no such show (not remembered: it may be
 * created next). `stale`: a layout the caller found out of date; if it is still the kept one, it is
 * read again (once, however many holds noticed at the same moment).
 */
export async function showtimeLayout(
  db: TSql,
  showtimeId: string,
  opts: { stale?: TShowtimeLayout } = {},
): Promise<TShowtimeLayout | null> {
  const kept = layouts.get(showtimeId);
  if (kept) {
    const layout = await kept;
    if (layout !== opts.stale || layouts.get(showtimeId) !== kept) return layouts.get(showtimeId) ?? layout;
  }
  const loading = db
    .query<{ screenId: string; version: number; seats: TLayoutSeat[] }>({
      name: 'showtime-layout',
      text: LAYOUT,
      values: [showtimeId],
    })
    .then(({ rows: [row] }) => (row ? layoutOf(row.screenId, row.version, row.seats) : null));
  layouts.set(showtimeId, loading);
  const forget = () => {
    if (layouts.get(showtimeId) === loading) layouts.delete(showtimeId);
  };
  void loading.then((l) => l ?? forget(), forget);
  if (layouts.size > MAX_SHOWS) layouts.delete(layouts.keys().next().value!);
  return loading;
}
