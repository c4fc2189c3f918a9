/**
 * Redis key of one seat's hold. Every key of a showtime shares the hash tag `{st:<id>}`, so the
 * multi-seat script runs on one Redis Cluster slot.
 */
export function holdKey(showtimeId: string, seatId: string): string {
  return `hold:{st:${showtimeId}}:${seatId}`;
}
