// The web app's addresses: every screen's path reads back as that screen, whatever its ids; anything
// else is `unknown` (the app shows its home page), never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromSearch, paths, stepFromPath } from './journey';

const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }));
const home = fc.constantFrom('attract' as const, 'movies' as const);

describe('paths and steps', () => {
  it('reads each screen back from its own path, ids of any characters included', () => {
    fc.assert(
      fc.property(id, home, (value, h) => {
        expect(stepFromPath(paths.movie(value), h)).toEqual({ name: 'showtimes', movieId: value });
        expect(stepFromPath(paths.movie(value, '2026-11-28'), h)).toEqual({ name: 'showtimes', movieId: value });
        expect(stepFromPath(paths.show(value), h)).toEqual({ name: 'seats', showtimeId: value });
        expect(stepFromPath(paths.pay(value), h)).toEqual({ name: 'pay', bookingId: value });
        expect(stepFromPath(paths.booking(value), h)).toEqual({ name: 'done', bookingId: value });
      }),
    );
  });

  it('the home path is the kiosk’s attract screen and the web app’s film list; /find and /movies are theirs', () => {
    expect(stepFromPath('/', 'attract')).toEqual({ name: 'attract' });
    expect(stepFromPath('/?day=2026-11-28', 'movies')).toEqual({ name: 'movies' });
    expect(stepFromPath(paths.movies, 'attract')).toEqual({ name: 'movies' });
    expect(stepFromPath(paths.find, 'movies')).toEqual({ name: 'find' });
    for (const odd of ['/shows', '/bookings', '/bookings/x/refund', '/find/x', '/manager', '/nope', '/shows/a/b'])
      expect(stepFromPath(odd, 'movies'), odd).toEqual({ name: 'unknown' });
  });

  it('never throws on any path, even a malformed escape', () => {
    fc.assert(
      fc.property(fc.string(), home, (p, h) => {
        const safe = (() => {
          try {
            return stepFromPath(`/${p}`, h);
          } catch (err) {
            return err;
          }
        })();
        expect(safe).not.toBeInstanceOf(Error);
      }),
    );
  });

  it('takes a day from the query only when it is a date', () => {
    expect(dayFromSearch('?day=2026-11-28')).toBe('2026-11-28');
    expect(dayFromSearch('day=2026-11-28&x=1')).toBe('2026-11-28');
    for (const bad of ['', '?day=', '?day=tomorrow', '?day=2026-11-28T00:00', '?day=<script>'])
      expect(dayFromSearch(bad), bad).toBeNull();
    expect(paths.home('2026-11-28')).toBe('/?day=2026-11-28');
    expect(paths.home(null)).toBe('/');
  });
});
