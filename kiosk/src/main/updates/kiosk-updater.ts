// The kiosk's software updates, with electron-updater kept at arm's length: the main process hands
// in how to check (with the device token) and how to install, and passes on the updater's events.
// This module keeps the report the heartbeat sends and installs only when installDecision allows.
import type { TKioskUpdateReport } from '@marquee/shared';
import { IDLE_REPORT, installDecision, nextUpdateReport, type TUpdaterEvent } from './install-decision';

/** How often the kiosk asks for a newer release. */
export const UPDATE_CHECK_EVERY_MS = 15 * 60_000;
/** How often a downloaded update looks for a quiet moment to install. */
export const INSTALL_TRY_EVERY_MS = 10_000;

export interface TUpdateDriver {
  /** Asks the feed for the release this kiosk is offered, sending the device token; downloads it if newer or older. */
  check(token: string): Promise<unknown>;
  /** Quits, installs and starts again. */
  install(): void;
}

export interface TKioskUpdater {
  report(): TKioskUpdateReport;
  event(event: TUpdaterEvent): void;
  screen(name: string, now?: number): void;
  printing(delta: 1 | -1): void;
  /** Checks for an update now (no token: not registered, nothing to ask). */
  check(): Promise<void>;
  /** Installs if this is a quiet moment; true when it did. */
  tryInstall(now?: number): boolean;
  stop(): void;
}

export function createKioskUpdater({
  driver,
  token,
  log,
  timers = true,
  now = Date.now,
}: {
  driver: TUpdateDriver;
  token: () => string | null;
  log: (msg: string, data?: unknown) => void;
  /** Off in tests, which call check() and tryInstall() themselves. */
  timers?: boolean;
  now?: () => number;
}): TKioskUpdater {
  let report = IDLE_REPORT;
  let screen = { name: 'starting', since: now() };
  let printing = 0;
  const updater: TKioskUpdater = {
    report: () => report,
    event(event) {
      report = nextUpdateReport(report, event);
      if (event.type === 'error') log('update failed', event.message);
    },
    screen(name, at = now()) {
      if (name !== screen.name) screen = { name, since: at };
    },
    printing(delta) {
      printing = Math.max(0, printing + delta);
    },
    async check() {
      const value = token();
      if (!value || report.state === 'installing') return;
      try {
        await driver.check(value);
      } catch (err) {
        updater.event({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    },
    tryInstall(at = now()) {
      const decision = installDecision({
        report,
        screen: screen.name,
        screenSince: screen.since,
        now: at,
        printing: printing > 0,
      });
      if (!decision.install) return false;
      log('installing update', report.version);
      updater.event({ type: 'installing' });
      driver.install();
      return true;
    },
    stop: () => undefined,
  };
  if (timers) {
    const first = setTimeout(() => void updater.check(), 30_000);
    const checks = setInterval(() => void updater.check(), UPDATE_CHECK_EVERY_MS);
    const installs = setInterval(() => updater.tryInstall(), INSTALL_TRY_EVERY_MS);
    updater.stop = () => {
      clearTimeout(first);
      clearInterval(checks);
      clearInterval(installs);
    };
  }
  return updater;
}
