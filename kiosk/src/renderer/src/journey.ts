// Where a customer is in a purchase. The booking id is kept in storage so that a crash or reload
// mid-payment comes back to the same booking (its state is then read from the server).
export type TStep =
  | { name: 'attract' }
  | { name: 'movies' }
  | { name: 'showtimes'; movieId: string }
  /** `notice` says why the customer is back here (their hold ran out). */
  | { name: 'seats'; movieId: string; showtimeId: string; notice?: string }
  /** `from` is the seat map the hold was made on, to return to; unknown after a reload. */
  | { name: 'pay'; bookingId: string; from?: { movieId: string; showtimeId: string } }
  | { name: 'done'; bookingId: string }
  | { name: 'find' };

const KEY = 'marquee.booking';

export const savedBooking = {
  get: (storage: Storage): string | null => storage.getItem(KEY),
  set: (storage: Storage, bookingId: string) => storage.setItem(KEY, bookingId),
  clear: (storage: Storage) => storage.removeItem(KEY),
};
