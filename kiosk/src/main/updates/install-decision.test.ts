// The kiosk installs an update only with nobody at it: a property over whole journeys (screens a
// customer moves through, prints, idle times) and the updater's events, checked under Node.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IDLE_REPORT,
  IDLE_SCREENS,
  INSTALL_QUIET_MS,
  installDecision,
  nextUpdateReport,
  type TUpdaterEvent,
} from './install-decision';
import { createKioskUpdater } from './kiosk-updater';

/** Every screen the kiosk reports (kiosk-app.tsx: the journey's steps, and its own states). */
const SCREENS = [
  'starting',
  'attract',
  'movies',
  'showtimes',
  'seats',
  'pay',
  'done',
  'find',
  'collect',
  'unknown',
  'out-of-service',
] as const;
const CUSTOMER_SCREENS = SCREENS.filter((s) => !IDLE_SCREENS.includes(s));

const downloaded = { state: 'downloaded', version: '1.2.0', error: null } as const;

const events = fc.oneof(
  fc.constant<TUpdaterEvent>({ type: 'checking' }),
  fc.constant<TUpdaterEvent>({ type: 'not-available' }),
  fc.constantFrom('1.1.0', '1.2.0').map((version): TUpdaterEvent => ({ type: 'available', version })),
  fc.constantFrom('1.1.0', '1.2.0').map((version): TUpdaterEvent => ({ type: 'downloaded', version })),
  fc.string({ maxLength: 20 }).map((message): TUpdaterEvent => ({ type: 'error', message })),
);

/** One moment of a kiosk's day: the screen it moves to (or stays on), time passing, a print starting or ending. */
const step = fc.record({
  screen: fc.option(fc.constantFrom(...SCREENS), { nil: null }),
  waitMs: fc.integer({ min: 0, max: 3 * INSTALL_QUIET_MS }),
  print: fc.constantFrom<-1 | 0 | 1>(-1, 0, 0, 1),
  event: fc.option(events, { nil: null }),
});

describe('installing an update', () => {
  it('never happens on a customer screen, while printing, or before the idle screen has been quiet a minute', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let installs = 0;
        let now = 1_000_000;
        const updater = createKioskUpdater({
          driver: { check: async () => undefined, install: () => (installs += 1) },
          token: () => 'token',
          log: () => undefined,
          timers: false,
          now: () => now,
        });
        let screen = 'starting';
        let since = now;
        let printing = 0;
        updater.event({ type: 'downloaded', version: '1.2.0' });
        for (const s of steps) {
          if (s.event) updater.event(s.event);
          if (s.screen && s.screen !== screen) [screen, since] = [s.screen, now];
          updater.screen(screen, now);
          if (s.print === 1 || (s.print === -1 && printing > 0)) {
            printing += s.print;
            updater.printing(s.print);
          }
          now += s.waitMs;
          const pending = updater.report().state === 'downloaded';
          const before = installs;
          const did = updater.tryInstall(now);
          expect(installs - before).toBe(did ? 1 : 0);
          // An install happens exactly when the update is ready and nobody can be at the kiosk.
          const quiet = IDLE_SCREENS.includes(screen) && printing === 0 && now - since >= INSTALL_QUIET_MS;
          expect(did).toBe(pending && quiet);
          if (did) {
            expect(updater.report().state).toBe('installing');
            return; // the app quits here
          }
        }
      }),
    );
  });

  it('decides on a customer screen always no, whatever the times', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CUSTOMER_SCREENS),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.boolean(),
        (screen, since, later, printing) =>
          !installDecision({ report: downloaded, screen, screenSince: since, now: since + later, printing }).install,
      ),
    );
  });

  it('installs on the attract screen after a quiet minute, and not a moment before', () => {
    const at = (quietMs: number) =>
      installDecision({ report: downloaded, screen: 'attract', screenSince: 0, now: quietMs, printing: false });
    expect(at(INSTALL_QUIET_MS - 1)).toMatchObject({ install: false });
    expect(at(INSTALL_QUIET_MS)).toEqual({ install: true });
    expect(
      installDecision({ report: IDLE_REPORT, screen: 'attract', screenSince: 0, now: 1e9, printing: false }),
    ).toEqual({ install: false, reason: 'update idle' });
  });
});

describe('the update report', () => {
  const run = (...list: TUpdaterEvent[]) => list.reduce(nextUpdateReport, IDLE_REPORT);

  it('follows a check through download', () => {
    expect(run({ type: 'checking' })).toEqual({ state: 'checking', version: null, error: null });
    expect(run({ type: 'checking' }, { type: 'available', version: '1.2.0' })).toEqual({
      state: 'downloading',
      version: '1.2.0',
      error: null,
    });
    expect(run({ type: 'checking' }, { type: 'not-available' })).toEqual(IDLE_REPORT);
    expect(
      run({ type: 'available', version: '1.2.0' }, { type: 'error', message: 'sha512 checksum mismatch' }),
    ).toEqual({
      state: 'error',
      version: '1.2.0',
      error: 'sha512 checksum mismatch',
    });
  });

  it('keeps a downloaded update through a later check or a network error, and drops it when rolled back', () => {
    const ready = run({ type: 'downloaded', version: '1.2.0' });
    expect(nextUpdateReport(ready, { type: 'checking' })).toEqual(ready);
    expect(nextUpdateReport(ready, { type: 'available', version: '1.2.0' })).toEqual(ready);
    expect(nextUpdateReport(ready, { type: 'error', message: 'offline' })).toEqual(ready);
    // The feed offers the version the kiosk runs: the downloaded one was withdrawn, and is not installed.
    expect(nextUpdateReport(ready, { type: 'not-available' })).toEqual(IDLE_REPORT);
    // A newer (or the rolled-back-to) version replaces it.
    expect(nextUpdateReport(ready, { type: 'available', version: '1.1.0' })).toMatchObject({
      state: 'downloading',
      version: '1.1.0',
    });
  });

  it('always fits the heartbeat schema', async () => {
    const { ZKioskUpdateReportSchema } = await import('@marquee/shared');
    fc.assert(
      fc.property(fc.array(events, { maxLength: 30 }), (list) => {
        expect(ZKioskUpdateReportSchema.safeParse(list.reduce(nextUpdateReport, IDLE_REPORT)).success).toBe(true);
      }),
    );
  });
});

describe('checking for updates', () => {
  it('asks only once registered, with the device token, and reports a failed check', async () => {
    const asked: string[] = [];
    let token: string | null = null;
    const updater = createKioskUpdater({
      driver: {
        check: async (t) => {
          asked.push(t);
          throw new Error('feed unreachable');
        },
        install: () => undefined,
      },
      token: () => token,
      log: () => undefined,
      timers: false,
    });
    await updater.check();
    expect(asked).toEqual([]);
    token = 'mqk_device';
    await updater.check();
    expect(asked).toEqual(['mqk_device']);
    expect(updater.report()).toEqual({ state: 'error', version: null, error: 'feed unreachable' });
  });
});
