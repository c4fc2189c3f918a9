// Where a customer is in a purchase, as a path: the web app keeps it in the address bar (so Back,
// reload and shared links work), the kiosk in memory (it has no address bar; its Back is the
// on-screen button). The booking id is also kept in storage so that a crash or reload mid-payment
// comes back to the same booking (its state is then read from the server).
export type TStep =
  | { name: 'attract' }
  | { name: 'movies' }
  | { name: 'showtimes'; movieId: string }
  | { name: 'seats'; showtimeId: string }
  | { name: 'pay'; bookingId: string }
  | { name: 'done'; bookingId: string }
  | { name: 'find' }
  | { name: 'unknown' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const segment = (s: string) => encodeURIComponent(s);

/** The path of each screen. `day` (YYYY-MM-DD) is the web app's date tab; the kiosk sells today only. */
/** Why the customer is back on a show's seat map after their hold ended: the message it shows. */
export type TEndNotice = 'timeUp' | 'paymentNotTaken';

export const paths = {
  home: (day?: string | null) => (day ? `/?day=${day}` : '/'),
  movies: '/movies',
  movie: (movieId: string, day?: string | null) => `/movies/${segment(movieId)}${day ? `?day=${day}` : ''}`,
  show: (showtimeId: string) => `/shows/${segment(showtimeId)}`,
  pay: (bookingId: string) => `/bookings/${segment(bookingId)}/pay`,
  booking: (bookingId: string) => `/bookings/${segment(bookingId)}`,
  find: '/find',
} as const;

/**
 * The screen a path names. The kiosk's `/` is its attract screen, the web app's its film list.
 * Anything else (a mistyped or old link) is `unknown`: the app shows its home page.
 */
export function stepFromPath(path: string, home: 'attract' | 'movies'): TStep {
  let parts: string[];
  try {
    parts = path.split('?', 1)[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'unknown' }; // a malformed escape (`/shows/%`): not one of ours
  }
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: home };
  if (first === 'movies' && parts.length === 1) return { name: 'movies' };
  if (first === 'movies' && parts.length === 2) return { name: 'showtimes', movieId: second! };
  if (first === 'shows' && parts.length === 2) return { name: 'seats', showtimeId: second! };
  if (first === 'bookings' && parts.length === 2) return { name: 'done', bookingId: second! };
  if (first === 'bookings' && parts.length === 3 && third === 'pay') return { name: 'pay', bookingId: second! };
  if (first === 'find' && parts.length === 1) return { name: 'find' };
  return { name: 'unknown' };
}

/** The `day` of a query string when it is a date, else null (a bad value falls back to today). */
export function dayFromSearch(search: string): string | null {
  const day = new URLSearchParams(search).get('day');
  return day && DAY.test(day) ? day : null;
}

const KEY = 'marquee.booking';

export const savedBooking = {
  get: (storage: Storage): string | null => storage.getItem(KEY),
  set: (storage: Storage, bookingId: string) => storage.setItem(KEY, bookingId),
  clear: (storage: Storage) => storage.removeItem(KEY),
};
