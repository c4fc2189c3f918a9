// A customer back on the seat map with seats still held for them (Back from the pay screen): the
// public map shows those seats as held, like anyone else's; to their holder they are the selection.
import type { TSeatMap } from '@marquee/shared';

export interface TOwnHold {
  bookingId: string;
  seatIds: readonly string[];
  expiresAt: string;
}

/** The map as the holder sees it: their own held seats read as available (theirs to keep or change). */
export function withOwnHold(map: TSeatMap, seatIds: readonly string[]): TSeatMap {
  if (!seatIds.length) return map;
  const own = new Set(seatIds);
  return {
    ...map,
    seats: map.seats.map((s) => (own.has(s.id) && s.state === 'held' ? { ...s, state: 'available' as const } : s)),
  };
}

/** Whether the selection is exactly the held seats (then Continue keeps the hold instead of replacing it). */
export function isSameSelection(selected: ReadonlySet<string>, seatIds: readonly string[]): boolean {
  return selected.size === seatIds.length && seatIds.every((id) => selected.has(id));
}
