// When a kiosk may install a downloaded update, and what its updater reports: plain code, no
// Electron, so it is tested under Node. Installing restarts the app, so it happens only where no
// customer can be cut off: on the attract screen (or out of service), after nobody has touched the
// kiosk for a while, with no ticket printing.
import type { TKioskUpdateReport } from '@marquee/shared';

/** The screens with no customer on them (as the renderer reports them). */
export const IDLE_SCREENS: readonly string[] = ['attract', 'out-of-service'];

/** How long the idle screen must have been showing: a customer who just finished may still be there. */
export const INSTALL_QUIET_MS = 60_000;

export interface TInstallContext {
  report: TKioskUpdateReport;
  /** The screen the kiosk shows, and since when (ms since the epoch). */
  screen: string;
  screenSince: number;
  now: number;
  /** Tickets being printed right now. */
  printing: boolean;
}

export type TInstallDecision = { install: true } | { install: false; reason: string };

export function installDecision({ report, screen, screenSince, now, printing }: TInstallContext): TInstallDecision {
  if (report.state !== 'downloaded') return { install: false, reason: `update ${report.state}` };
  if (!IDLE_SCREENS.includes(screen)) return { install: false, reason: `a customer may be using it (${screen})` };
  if (printing) return { install: false, reason: 'printing' };
  if (now - screenSince < INSTALL_QUIET_MS) return { install: false, reason: `${screen} only just shown` };
  return { install: true };
}

/** What electron-updater tells the kiosk, reduced to the events the kiosk reports. */
export type TUpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'downloaded'; version: string }
  | { type: 'installing' }
  | { type: 'error'; message: string };

export const IDLE_REPORT: TKioskUpdateReport = { state: 'idle', version: null, error: null };

/**
 * The report after an event. A downloaded update stays downloaded through a later check, unless
 * the feed no longer offers it (rolled back): then nothing is pending and nothing gets installed.
 */
export function nextUpdateReport(report: TKioskUpdateReport, event: TUpdaterEvent): TKioskUpdateReport {
  const keep = report.state === 'downloaded' || report.state === 'installing';
  switch (event.type) {
    case 'checking':
      return keep ? report : { state: 'checking', version: report.version, error: null };
    case 'available':
      return keep && report.version === event.version
        ? report
        : { state: 'downloading', version: event.version, error: null };
    case 'not-available':
      return report.state === 'installing' ? report : IDLE_REPORT;
    case 'downloaded':
      return { state: 'downloaded', version: event.version, error: null };
    case 'installing':
      return { state: 'installing', version: report.version, error: null };
    case 'error':
      return keep && report.state === 'downloaded'
        ? report
        : { state: 'error', version: report.version, error: event.message.slice(0, 300) };
  }
}
