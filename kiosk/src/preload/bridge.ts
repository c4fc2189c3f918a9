// The one typed bridge the preload script exposes to the renderer as `window.api` (Electron's
// contextBridge). Everything here is plain data; the device token never crosses it (the main
// process adds it to API requests itself).
import type { TPrintJob, TPrintResult, TPrinterState } from '../common/print-job';

export interface TDeviceInfo {
  /** Where the Marquee API is, e.g. https://tickets.example.com. */
  apiOrigin: string;
  appVersion: string;
  /** Whether this device has its token (else the renderer shows the setup screen). */
  registered: boolean;
}

export interface TKioskBridge {
  deviceInfo(): Promise<TDeviceInfo>;
  /** Trades a one-time code for the device token, which the main process keeps. */
  register(code: string): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  print(job: TPrintJob): Promise<TPrintResult>;
  printerStatus(): Promise<TPrinterState>;
  /** What the heartbeat reports: the screen shown and the last error the customer met. */
  reportScreen(screen: string, lastError: string | null): void;
}
