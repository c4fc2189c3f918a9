// A show's seat layout (its screen's seats: position, label, type, companion space), kept in memory.
// Seats are written only when a screen is created (the seed), never
// while the screen has shows, so a layout read once stays right; a hold then reads from Postgres
// only what changes: the show, its prices and blocks, and the seats' state.
import type { TRuleSeat, TSeatType } from '@marquee/shared';
import type { TSql } from '../db/prisma';

type TLayoutSeat = Omit<TRuleSeat, 'taken'> & { type: TSeatType };

export interface TShowtimeLayout {
  screenId: string;
  seats: ReadonlyMap<string, TLayoutSeat>;
  /** What the seat rules must see for a selection: every seat of the rows it touches, and the wheelchair spaces of its companion seats. */
  ruleSeatIds(selectedIds: readonly string[]): string[];
}

const MAX_SHOWS = 2_000;
const layouts = new Map<string, Promise<TShowtimeLayout | null>>();

const LAYOUT = `
  SELECT s."screenId"::text AS "screenId",
    coalesce(json_agg(json_build_object('id', st.id, 'x', st.x, 'y', st.y, 'label', st.label, 'type', st.type, 'companionOfId', st."companionOfId")) FILTER (WHERE st.id IS NOT NULL), '[]') AS seats
  FROM "Showtime" s LEFT JOIN "Seat" st ON st."screenId" = s."screenId"
  WHERE s.id = $1::uuid GROUP BY s."screenId"`;

function layoutOf(screenId: string, list: TLayoutSeat[]): TShowtimeLayout {
  const seats = new Map(list.map((s) => [s.id, s]));
  const rows = new Map<number, string[]>();
  for (const s of list) rows.set(s.y, [...(rows.get(s.y) ?? []), s.id]);
  return {
    screenId,
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

/** The layout of the show's screen, or null when there is no such show (not remembered: it may be created next). */
export function showtimeLayout(db: TSql, showtimeId: string): Promise<TShowtimeLayout | null> {
  let layout = layouts.get(showtimeId);
  if (!layout) {
    layout = db.query<{ screenId: string; seats: TLayoutSeat[] }>({ name: 'showtime-layout', text: LAYOUT, values: [showtimeId] }).then(({ rows: [row] }) => (row ? layoutOf(row.screenId, row.seats) : null));
    layouts.set(showtimeId, layout);
    const forget = () => {
      if (layouts.get(showtimeId) === layout) layouts.delete(showtimeId);
    };
    void layout.then((l) => l ?? forget(), forget);
    if (layouts.size > MAX_SHOWS) layouts.delete(layouts.keys().next().value!);
  }
  return layout;
}
