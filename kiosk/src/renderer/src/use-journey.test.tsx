// @vitest-environment happy-dom
// The shared purchase journey (seats → pay → done) against a fake API: Back from paying keeps the
// hold, "Cancel booking" asks before releasing, a hold running out returns to the same show's
// seats, and a kiosk restarted mid-purchase resumes from the booking in storage.
import type { AppRouter } from '@marquee/server/router';
import type { TBooking, TSeatMap, TShowtime } from '@marquee/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { useState } from 'react';
import { Router, useLocation } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from './i18n/i18n';
import { savedBooking } from './journey';
import type { TPlatform } from './platform/platform';
import { PlatformContext } from './platform/platform-context';
import { TRPCProvider } from './trpc';
import { useJourney } from './use-journey';

const uuid = (n: number) => `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const SHOW = uuid(900);
const MOVIE = uuid(800);
const B1 = uuid(501);
const B2 = uuid(502);
const seatId = (n: number) => uuid(n);
const inTenMinutes = () => new Date(Date.now() + 600_000).toISOString();

const show = {
  id: SHOW,
  movieId: MOVIE,
  movieTitle: 'Starfall Express',
  screenId: uuid(700),
  screenName: 'Audi 2',
  startsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  endsAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
  timeZone: 'Asia/Kolkata',
  onSale: true,
  seatsAvailable: 4,
  prices: [{ seatType: 'STANDARD', pricePaise: 20_000 }],
  fromPricePaise: 20_000,
} satisfies TShowtime;

/** Row A: A1, A2 held by this customer (the public map says "held"), A3, A4 free. */
const map: TSeatMap = {
  showtimeId: SHOW,
  version: 7,
  fee: { kioskPerSeatPaise: 0, webPerSeatPaise: 0 },
  columns: 4,
  rows: 1,
  prices: [{ seatType: 'STANDARD', pricePaise: 20_000 }],
  rules: { noSingleSeatGap: false },
  seats: [1, 2, 3, 4].map((n) => ({
    id: seatId(n),
    label: `A${n}`,
    row: 'A',
    number: n,
    type: 'STANDARD' as const,
    x: n - 1,
    y: 0,
    companionOfId: null,
    state: n <= 2 ? ('held' as const) : ('available' as const),
  })),
};

function booking(id: string, over: Partial<TBooking> = {}): TBooking {
  return {
    id,
    code: 'ABC123',
    status: 'PENDING',
    statusReason: null,
    showtimeId: SHOW,
    amountPaise: 40_000,
    feePaise: 0,
    feeGstRatePercent: 18,
    expiresAt: inTenMinutes(),
    confirmedAt: null,
    showtime: {
      cinemaName: 'Marquee Central',
      movieTitle: 'Starfall Express',
      certificate: 'UA',
      screenName: 'Audi 2',
      startsAt: show.startsAt,
      timeZone: 'Asia/Kolkata',
    },
    customerEmail: null,
    seats: [1, 2].map((n) => ({ seatId: seatId(n), label: `A${n}`, type: 'STANDARD' as const, pricePaise: 20_000 })),
    tickets: [],
    invoice: null,
    ...over,
  };
}

type THandler = (input: unknown) => unknown;
interface TCall {
  path: string;
  input: unknown;
}

const platform: TPlatform = {
  mode: 'web',
  apiOrigin: 'http://api.test',
  appVersion: 'test',
  registered: true,
  authHeaders: () => ({}),
  register: () => Promise.resolve({ ok: false, message: 'not a kiosk' }),
  print: () => Promise.reject(new Error('no printer')),
  printerState: () => Promise.resolve('offline'),
  reportScreen: () => undefined,
};

/** The app around the journey: a fake API (every call recorded), a memory location, storage. */
function start({
  path,
  handlers,
  storage = window.sessionStorage,
  resumeOnStart = false,
}: {
  path: string;
  handlers: Record<string, THandler>;
  storage?: Storage;
  resumeOnStart?: boolean;
}) {
  const calls: TCall[] = [];
  /** Open live streams by procedure, so a test can send an event down them. */
  const streams = new Map<string, Set<(data: unknown) => void>>();
  const fake: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === 'subscription') {
          const send = (data: unknown) => observer.next({ result: { type: 'data', data } });
          const open = streams.get(op.path) ?? new Set();
          streams.set(op.path, open.add(send));
          return () => void open.delete(send);
        }
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`no fake for ${op.path}`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (err: unknown) => observer.error(TRPCClientError.from(err as Error)),
          );
        return () => undefined;
      });
  const trpcClient = createTRPCClient<AppRouter>({ links: [fake] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const location = memoryLocation({ path, record: true });

  function Harness() {
    const [finished, setFinished] = useState(0);
    const journey = useJourney({
      storage,
      home: 'movies',
      resumeOnStart,
      renderDone: (b, own, finish) => (
        <div>
          <p>
            Ticket {b.code} {b.status} {own ? 'own' : 'found'}
          </p>
          <button type="button" onClick={finish}>
            Finish
          </button>
        </div>
      ),
      onFinish: () => setFinished((n) => n + 1),
    });
    const [where] = useLocation();
    return (
      <>
        {journey.resuming ? <p>Resuming</p> : (journey.element ?? <p>Home screen: {journey.step.name}</p>)}
        {journey.dialog}
        <output aria-label="finished">{finished}</output>
        <output aria-label="where">{where}</output>
      </>
    );
  }

  render(
    <PlatformContext.Provider value={platform}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider>
            <Router hook={location.hook} searchHook={location.searchHook}>
              <Harness />
            </Router>
          </I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </PlatformContext.Provider>,
  );
  const where = () => screen.getByLabelText('where').textContent;
  const called = (p: string) => calls.filter((c) => c.path === p);
  const emit = (p: string, data: unknown) => act(() => streams.get(p)?.forEach((send) => send(data)));
  return { calls, called, where, emit, history: location.history };
}

/** A seat by its label ("A1"): its name begins with its number, then its row. */
const seatButton = (label: string) =>
  screen.getByRole('button', { name: new RegExp(`^${label.slice(1)}, row ${label[0]},`) });

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  // The seat map comes over plain HTTP (GET /catalog/seat-maps/:id), not tRPC.
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      Promise.resolve(
        String(url).includes('/catalog/seat-maps/')
          ? new Response(JSON.stringify(map), { headers: { 'content-type': 'application/json' } })
          : new Response('not faked', { status: 404 }),
      ),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Back from paying', () => {
  it('returns to the seat map with the same seats selected and still held; Continue keeps the same booking', async () => {
    savedBooking.set(sessionStorage, B1);
    const app = start({
      path: `/bookings/${B1}/pay`,
      handlers: { 'bookings.get': () => booking(B1), 'catalog.showtimes': () => [show] },
    });
    await screen.findByRole('button', { name: 'Pay by card or other methods' });
    fireEvent.click(screen.getByRole('button', { name: /Back$/ }));

    await waitFor(() => expect(app.where()).toBe(`/shows/${SHOW}`));
    await waitFor(() => expect(seatButton('A1').getAttribute('aria-pressed')).toBe('true'));
    expect(seatButton('A2').getAttribute('aria-pressed')).toBe('true');
    expect(seatButton('A3').getAttribute('aria-pressed')).toBe('false');
    // Shown as theirs, not as "taken", with the hold's countdown still running.
    expect(seatButton('A1').getAttribute('aria-label')).toBe('1, row A, standard, selected');
    expect(screen.getByText('These seats are still held for you. Continue to pay, or change them.')).toBeTruthy();
    expect(screen.getByRole('timer')).toBeTruthy();
    expect(app.called('holds.release')).toHaveLength(0);
    expect(savedBooking.get(sessionStorage)).toBe(B1);

    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(app.where()).toBe(`/bookings/${B1}/pay`));
    expect(app.called('holds.create')).toHaveLength(0);
    expect(app.called('holds.release')).toHaveLength(0);
  });

  it('changing the seats there replaces the hold with a new booking', async () => {
    savedBooking.set(sessionStorage, B1);
    const app = start({
      path: `/shows/${SHOW}`,
      handlers: {
        'bookings.get': (input) => booking((input as { bookingId: string }).bookingId),
        'catalog.showtimes': () => [show],
        'holds.create': () => ({ bookingId: B2, expiresAt: inTenMinutes(), amountPaise: 60_000 }),
      },
    });
    await waitFor(() => expect(seatButton('A1').getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(seatButton('A3'));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(app.where()).toBe(`/bookings/${B2}/pay`));
    expect(app.called('holds.create').map((c) => c.input)).toEqual([
      { showtimeId: SHOW, seatIds: [seatId(1), seatId(2), seatId(3)] },
    ]);
    expect(savedBooking.get(sessionStorage)).toBe(B2);
    expect(app.called('holds.release')).toHaveLength(0);
  });

  it('goes from the seat map back to the film’s shows, on the show’s day', async () => {
    const app = start({
      path: `/shows/${SHOW}`,
      handlers: { 'catalog.showtimes': () => [show] },
    });
    await screen.findByRole('button', { name: /^3, row A,/ });
    fireEvent.click(screen.getByRole('button', { name: /Back$/ }));
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(show.startsAt));
    await waitFor(() => expect(app.where()).toBe(`/movies/${MOVIE}`));
    expect(app.history.at(-1)).toBe(`/movies/${MOVIE}?day=${day}`);
  });
});

describe('a payment arriving while the customer is away from the pay screen', () => {
  it('shows the ticket instead of the seat map', async () => {
    savedBooking.set(sessionStorage, B1);
    let status: TBooking['status'] = 'PENDING';
    const app = start({
      path: `/shows/${SHOW}`,
      handlers: { 'bookings.get': () => booking(B1, { status }), 'catalog.showtimes': () => [show] },
    });
    await waitFor(() => expect(seatButton('A1').getAttribute('aria-pressed')).toBe('true'));
    status = 'CONFIRMED';
    app.emit('bookings.onStatus', { bookingId: B1, status: 'CONFIRMED' });
    await screen.findByText('Ticket ABC123 CONFIRMED own');
    expect(app.where()).toBe(`/bookings/${B1}`);
  });
});

describe('Cancel booking', () => {
  it('asks first: Escape and "Keep my seats" keep the booking; confirming releases it and goes home', async () => {
    savedBooking.set(sessionStorage, B1);
    const app = start({
      path: `/bookings/${B1}/pay`,
      handlers: {
        'bookings.get': () => booking(B1),
        'catalog.showtimes': () => [show],
        'holds.release': () => ({ released: true }),
      },
    });
    const cancel = await screen.findByRole('button', { name: 'Cancel booking' });
    fireEvent.click(cancel);
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel this booking?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('Your seats A1, A2 will be released');
    // The safe answer has the focus; Tab stays inside the dialog.
    const keep = screen.getByRole('button', { name: 'Keep my seats' });
    expect(document.activeElement).toBe(keep);
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement?.textContent).toBe('Cancel booking');
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement).toBe(keep);
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(dialog.contains(document.activeElement)).toBe(true);

    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel booking' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep my seats' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(app.called('holds.release')).toHaveLength(0);
    expect(app.where()).toBe(`/bookings/${B1}/pay`);
    expect(savedBooking.get(sessionStorage)).toBe(B1);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel booking' }));
    const asked = screen.getByRole('alertdialog', { name: 'Cancel this booking?' });
    fireEvent.click(within(asked).getByRole('button', { name: 'Cancel booking' }));
    await waitFor(() => expect(app.called('holds.release').map((c) => c.input)).toEqual([{ bookingId: B1 }]));
    expect(app.where()).toBe('/');
    expect(savedBooking.get(sessionStorage)).toBeNull();
    expect(screen.getByLabelText('finished').textContent).toBe('1');
  });
});

describe('a hold running out', () => {
  it('on the pay screen returns to the same show’s seat map with "Time is up", the seats no longer selected', async () => {
    savedBooking.set(sessionStorage, B1);
    const app = start({
      path: `/bookings/${B1}/pay`,
      handlers: {
        'bookings.get': () => booking(B1, { expiresAt: new Date(Date.now() - 1000).toISOString() }),
        'catalog.showtimes': () => [show],
        'holds.release': () => ({ released: true }),
      },
    });
    await waitFor(() => expect(app.where()).toBe(`/shows/${SHOW}`));
    await screen.findByText('Time is up. Your seats were released.');
    await screen.findByRole('button', { name: /^3, row A,/ });
    expect(seatButton('A1').getAttribute('aria-pressed')).toBe('false');
    expect(savedBooking.get(sessionStorage)).toBeNull();
  });

  it('on the seat map (back from paying) says so there, and the seats stop being the selection', async () => {
    savedBooking.set(sessionStorage, B1);
    start({
      path: `/shows/${SHOW}`,
      handlers: {
        'bookings.get': () => booking(B1, { expiresAt: new Date(Date.now() - 1000).toISOString() }),
        'catalog.showtimes': () => [show],
      },
    });
    await screen.findByText('Time is up. Your seats were released.');
    expect(seatButton('A3').getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('button', { name: /^1, row A,/, pressed: true })).toBeNull();
    expect(savedBooking.get(sessionStorage)).toBeNull();
  });

  it('a pay link whose booking was already paid shows its ticket instead', async () => {
    const app = start({
      path: `/bookings/${B1}/pay`,
      handlers: { 'bookings.get': () => booking(B1, { status: 'CONFIRMED' }), 'catalog.showtimes': () => [show] },
    });
    await screen.findByText('Ticket ABC123 CONFIRMED own');
    expect(app.where()).toBe(`/bookings/${B1}`);
  });
});

describe('links and restarts', () => {
  it('a booking link the API will not show this customer says so, and offers the way home', async () => {
    start({
      path: `/bookings/${B1}`,
      handlers: {
        'bookings.get': () => {
          throw new Error('booking not found');
        },
        'catalog.showtimes': () => [show],
      },
    });
    await screen.findByText(/This booking cannot be shown here/);
  });

  it('a kiosk restarted mid-payment resumes the booking in storage; a finished one prints; an ended one is forgotten', async () => {
    for (const [status, expected] of [
      ['PENDING', `/bookings/${B1}/pay`],
      ['CONFIRMED', `/bookings/${B1}`],
      ['EXPIRED', '/'],
    ] as const) {
      localStorage.clear();
      savedBooking.set(localStorage, B1);
      const app = start({
        path: '/',
        storage: localStorage,
        resumeOnStart: true,
        handlers: { 'bookings.get': () => booking(B1, { status }), 'catalog.showtimes': () => [show] },
      });
      await waitFor(() => expect(screen.queryByText('Resuming')).toBeNull());
      expect(app.where(), status).toBe(expected);
      expect(savedBooking.get(localStorage), status).toBe(status === 'EXPIRED' ? null : B1);
      if (status === 'CONFIRMED') await screen.findByText('Ticket ABC123 CONFIRMED own');
      await act(async () => cleanup());
    }
  });
});
