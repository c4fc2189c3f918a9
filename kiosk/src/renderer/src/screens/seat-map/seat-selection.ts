// The customer's selection while they pick seats, and what a live update does to it.
import {
  bookingFeePaise,
  MAX_SEATS_PER_HOLD,
  type TBookingChannel,
  type TSeat,
  type TSeatChangeEvent,
  type TSeatMap,
} from '@marquee/shared';

export type TToggleResult =
  { selected: Set<string>; refused: null } | { selected: Set<string>; refused: 'max-seats' | 'unavailable' };

export function toggleSeat(selected: ReadonlySet<string>, seat: TSeat, max = MAX_SEATS_PER_HOLD): TToggleResult {
  const next = new Set(selected);
  if (next.delete(seat.id)) return { selected: next, refused: null };
  if (seat.state !== 'available') return { selected: next, refused: 'unavailable' };
  if (next.size >= max) return { selected: next, refused: 'max-seats' };
  next.add(seat.id);
  return { selected: next, refused: null };
}

/**
 * Applies a live change to the map. Events carry the showtime's seat version: one that does not
 * follow the map's version means some were missed, and the caller must refetch the whole map.
 */
export function applySeatChange(map: TSeatMap, event: TSeatChangeEvent): { map: TSeatMap; stale: boolean } {
  if (event.version <= map.version) return { map, stale: false };
  if (event.version !== map.version + 1) return { map, stale: true };
  const states = new Map(event.seats.map((s) => [s.id, s.state]));
  return {
    map: {
      ...map,
      version: event.version,
      seats: map.seats.map((s) => (states.has(s.id) ? { ...s, state: states.get(s.id)! } : s)),
    },
    stale: false,
  };
}

/** Selected seats someone else has taken meanwhile: they leave the selection, and the customer is told. */
export function lostSeats(map: TSeatMap, selected: ReadonlySet<string>): TSeat[] {
  return map.seats.filter((s) => selected.has(s.id) && s.state !== 'available');
}

/**
 * What the picked seats cost: their prices from the show, and the booking fee from the cinema's
 * rule (the same function holds.create charges with), so the total here is the total to pay.
 */
export function selectionPrice(
  map: Pick<TSeatMap, 'prices' | 'fee'>,
  picked: readonly Pick<TSeat, 'type'>[],
  channel: TBookingChannel,
): { seatsPaise: number; feePaise: number; totalPaise: number } {
  const prices = new Map(map.prices.map((p) => [p.seatType, p.pricePaise]));
  const seatsPaise = picked.reduce((sum, s) => sum + (prices.get(s.type) ?? 0), 0);
  const feePaise = bookingFeePaise(map.fee, channel, picked.length);
  return { seatsPaise, feePaise, totalPaise: seatsPaise + feePaise };
}
