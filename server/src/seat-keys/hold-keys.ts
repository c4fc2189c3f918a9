/**
 * Redis key of one seat's hold. Every key of a showtime shares the hash tag `{st:<id>}`, so the
 * multi-seat script runs on one Redis Cluster slot.
 */
export function holdKey(showtimeId: string, seatId: string): string {
  return `hold:{st:${showtimeId}}:${seatId}`;
}

/**
 * The show's per-address hold ledger (a hash in the show's slot): field = a seat's hold key,
 * value = "<address> <bookingId> <expiresAtMs>". Every release of a booking's keys drops that
 * booking's entries, so an entry here means the seat is still that booking's.
 */
export function addressSeatsKey(showtimeId: string): string {
  return `lim:{st:${showtimeId}}:seats`;
}

/**
 * One address's seats at a show (a hash: seat key → "<bookingId> <expiresAtMs>"), what the hold
 * script counts; each entry is checked against the ledger above, so releases need not touch it.
 */
export function addressOwnSeatsKey(showtimeId: string, address: string): string {
  return `lim:{st:${showtimeId}}:addr:${address}`;
}

/** When one address made its recent holds for a show (a sorted set of booking ids by time). */
export function addressHoldsKey(showtimeId: string, address: string): string {
  return `lim:{st:${showtimeId}}:made:${address}`;
}

/** A spent hold challenge, kept until it would have expired anyway. */
export function spentChallengeKey(showtimeId: string, signature: string): string {
  return `lim:{st:${showtimeId}}:pow:${signature}`;
}
