// @vitest-environment happy-dom
import { formatClock, formatShowTime, type TShowtime } from '@marquee/shared';
import { cleanup, screen } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PRINT_ERRORS, type TPrintErrorCode } from '../../../common/print-job';
import { ShowtimesScreen } from '../screens/showtimes/showtimes-screen';
import { renderWithApi } from '../test/render-with-api';
import { LOCALES, MESSAGES, type TLanguage } from './messages';
import { plural, pluralCategory } from './plural';

afterEach(cleanup);

// What each language says for one and for many; the test picks by Intl.PluralRules' category.
const EXPECTED: Record<TLanguage, Record<'seatsLeft' | 'selectedSeats', Record<'one' | 'other', string>>> = {
  en: {
    seatsLeft: { one: '# seat left', other: '# seats left' },
    selectedSeats: { one: '# seat', other: '# seats' },
  },
  hi: {
    seatsLeft: { one: '# सीट बाकी', other: '# सीटें बाकी' },
    selectedSeats: { one: '# सीट', other: '# सीटें' },
  },
};

describe('plurals', () => {
  it('say each count in the form Intl.PluralRules gives it, in both languages (property, 0..500)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.constantFrom<TLanguage>('en', 'hi'), (n, language) => {
        const locale = LOCALES[language];
        const category = new Intl.PluralRules(locale).select(n);
        expect(category === 'one' || category === 'other').toBe(true);
        for (const key of ['seatsLeft', 'selectedSeats'] as const) {
          const form = EXPECTED[language][key][category as 'one' | 'other'];
          expect(MESSAGES[language][key](n)).toBe(form.replace('#', new Intl.NumberFormat(locale).format(n)));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('give Hindi "1 सीट बाकी" and "2 सीटें बाकी", never "1 सीटें"', () => {
    expect(MESSAGES.hi.seatsLeft(1)).toBe('1 सीट बाकी');
    expect(MESSAGES.hi.seatsLeft(2)).toBe('2 सीटें बाकी');
    expect(MESSAGES.hi.seatsLeft(0)).toBe('0 सीट बाकी'); // Hindi counts 0 like 1 (CLDR)
    expect(MESSAGES.en.seatsLeft(1)).toBe('1 seat left');
    expect(MESSAGES.en.seatsLeft(0)).toBe('0 seats left');
    for (let n = 0; n <= 500; n++) expect(MESSAGES.hi.seatsLeft(n)).not.toMatch(/^1 सीटें/);
  });

  it("write large counts with the language's digit grouping", () => {
    expect(plural('en-IN', 100_000, { one: '# seat', other: '# seats' })).toBe('1,00,000 seats');
    expect(pluralCategory('hi-IN', 0)).toBe('one');
  });
});

const show = (over: Partial<TShowtime>): TShowtime => ({
  id: '0190a0b0-0000-7000-8000-000000000001',
  movieId: '0190a0b0-0000-7000-8000-0000000000aa',
  movieTitle: 'Starfall Express',
  screenId: '0190a0b0-0000-7000-8000-0000000000bb',
  screenName: 'Audi 1',
  startsAt: '2026-11-28T14:00:00.000Z',
  endsAt: '2026-11-28T16:30:00.000Z',
  timeZone: 'Asia/Kolkata',
  onSale: true,
  seatsAvailable: 1,
  prices: [],
  fromPricePaise: 20_000,
  ...over,
});

describe('the showtimes screen', () => {
  it('says "1 सीट बाकी" and "2 सीटें बाकी" in Hindi, "1 seat left" in English', async () => {
    const shows = [
      show({ seatsAvailable: 1 }),
      show({ id: '0190a0b0-0000-7000-8000-000000000002', startsAt: '2026-11-28T15:00:00.000Z', seatsAvailable: 2 }),
    ];
    const props = { movieId: shows[0]!.movieId, day: '2026-11-28', onPick: () => {}, onBack: () => {} };
    const answers = { 'catalog.showtimes': shows, 'catalog.movies': [] };
    renderWithApi(<ShowtimesScreen {...props} />, { answers, language: 'hi' });
    expect(await screen.findByText('1 सीट बाकी')).toBeTruthy();
    expect(screen.getByText('2 सीटें बाकी')).toBeTruthy();
    cleanup();
    renderWithApi(<ShowtimesScreen {...props} />, { answers, language: 'en' });
    expect(await screen.findByText('1 seat left')).toBeTruthy();
    expect(screen.getByText('2 seats left')).toBeTruthy();
  });

  it("shows the time on the clock of the show's cinema, in the chosen language: a London show at London time", async () => {
    const london = show({ timeZone: 'Europe/London' });
    const props = { movieId: london.movieId, day: '2026-11-28', onPick: () => {}, onBack: () => {} };
    renderWithApi(<ShowtimesScreen {...props} />, {
      answers: { 'catalog.showtimes': [london], 'catalog.movies': [] },
      language: 'hi',
    });
    // 14:00 UTC is 2 pm in London, 7:30 pm in Kolkata.
    const hindiLondon = new Intl.DateTimeFormat('hi-IN', {
      timeZone: 'Europe/London',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(london.startsAt));
    expect(await screen.findByText(hindiLondon)).toBeTruthy();
    expect(formatClock(london.startsAt, 'Europe/London', 'hi-IN')).toBe(hindiLondon);
    expect(hindiLondon).toMatch(/^2:00/);
    expect(screen.queryByText(formatClock(london.startsAt, 'Asia/Kolkata', 'hi-IN'))).toBeNull();
  });
});

describe('dates and times in Hindi', () => {
  it('come from Intl in hi-IN: Hindi weekday and month names, the hour as Intl writes it', () => {
    const at = '2026-11-28T14:00:00.000Z'; // a Saturday, 7:30 pm in Kolkata
    const hindi = formatShowTime(at, 'Asia/Kolkata', 'hi-IN');
    expect(hindi).toBe(
      new Intl.DateTimeFormat('hi-IN', {
        timeZone: 'Asia/Kolkata',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(at)),
    );
    expect(hindi).toContain('शनि');
    expect(hindi).not.toContain('Sat');
    expect(formatClock(at, 'Asia/Kolkata', 'hi-IN')).toMatch(/^7:30/);
  });
});

describe('printer errors', () => {
  it('have a message in English and in Hindi for every code the printer returns', () => {
    const codes = Object.keys(PRINT_ERRORS) as TPrintErrorCode[];
    expect(codes.length).toBeGreaterThanOrEqual(3);
    for (const code of codes) {
      expect(MESSAGES.en.printErrors[code]).toMatch(/\w/);
      expect(MESSAGES.hi.printErrors[code]).toMatch(/[\u0900-\u097F]/); // Devanagari
      expect(MESSAGES.hi.printErrors[code]).not.toBe(MESSAGES.en.printErrors[code]);
    }
    expect(Object.keys(MESSAGES.hi.printErrors).sort()).toEqual([...codes].sort());
  });
});

describe('API errors', () => {
  it("have a Hindi translation for every code a customer can meet (English shows the server's message)", async () => {
    const { ERROR_CODES } = await import('@marquee/shared');
    const staffOnly =
      /^(AUTH_|KIOSK_CODE_INVALID$|LIVE_STREAM_RENEW$|FILM_TAX_WAIVER_NOT_FOUND$|TICKET_|SEAT_BLOCK_|SHIFT_|CASH_SHORT$|BOOKING_NOT_CHANGEABLE$|REFUND_SEATS_INVALID$|KIOSK_RELEASE_|KIOSK_ROLLBACK_NOTHING$)/;
    const customerCodes = Object.keys(ERROR_CODES).filter((c) => !staffOnly.test(c)) as (keyof typeof ERROR_CODES)[];
    expect(customerCodes.length).toBeGreaterThan(15);
    // English shows the server's own message (ERROR_CODES' or the service's better one).
    for (const code of customerCodes) {
      expect(ERROR_CODES[code].message, code).toMatch(/\w/);
      expect(MESSAGES.hi.errors[code], code).toMatch(/[\u0900-\u097F]/);
    }
  });
});
