// What the Electron main process does for the window, as plain code: identity, registration,
// printing, heartbeat. No Electron import, so it runs (and is tested) under Node.
import { ZPrintJobSchema, type TPrintResult, type TPrinterState } from '../common/print-job';
import { startHeartbeat } from '../common/heartbeat';
import type { TDeviceInfo } from '../preload/bridge';
import type { TKioskEnv } from './config';
import { createKioskApi } from './device/kiosk-api';
import type { DeviceStore, TDevice } from './device/device-store';
import type { TTicketPrinter } from './printer/ticket-printer';
import type { TUpdaterEvent } from './updates/install-decision';
import { createKioskUpdater, type TKioskUpdater, type TUpdateDriver } from './updates/kiosk-updater';

export interface TKioskServices {
  deviceInfo(): Promise<TDeviceInfo>;
  register(code: string): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  print(job: unknown): Promise<TPrintResult>;
  printerStatus(): Promise<TPrinterState>;
  reportScreen(screen: string, lastError: string | null): void;
  /** The device token for API requests, once registered. */
  token(): string | null;
  /** What the software updater says (its events, passed on by the main process). */
  updateEvent(event: TUpdaterEvent): void;
  stop(): void;
}

export async function createKioskServices({
  env,
  store,
  printer,
  appVersion,
  log,
  storageProblem = null,
  updates = null,
}: {
  env: TKioskEnv;
  store: DeviceStore;
  printer: TTicketPrinter;
  appVersion: string;
  log: (msg: string, data?: unknown) => void;
  /** Why the token cannot be kept safely on this machine: the kiosk then stays unregistered and says so. */
  storageProblem?: string | null;
  /** The software updater (a packaged kiosk); null where there is none (development). */
  updates?: TUpdateDriver | null;
}): Promise<TKioskServices> {
  if (storageProblem) log('device token storage refused', storageProblem);
  let device: TDevice | null = storageProblem ? null : await store.load();
  let screen = 'starting';
  let lastError: string | null = null;
  let lastPrinter: TPrinterState = 'unknown';
  const api = createKioskApi(env.MARQUEE_API_URL, () => device?.token ?? null);

  const snapshot = async () => {
    lastPrinter = await printer.state().catch(() => 'unknown' as const);
    return { appVersion, screen, printer: lastPrinter, lastError, ...(updater ? { update: updater.report() } : {}) };
  };
  const send = async (beat: Awaited<ReturnType<typeof snapshot>>) =>
    device ? api.kiosks.heartbeat.mutate(beat) : undefined;
  const updater: TKioskUpdater | null = updates
    ? createKioskUpdater({
        token: () => device?.token ?? null,
        log,
        driver: {
          check: (token) => updates.check(token),
          // The dashboard hears "installing" before the app quits (a few seconds at most).
          install: () =>
            void Promise.race([snapshot().then(send), new Promise((resolve) => setTimeout(resolve, 3000))])
              .catch((err: unknown) => log('heartbeat before install failed', err))
              .finally(() => updates.install()),
        },
      })
    : null;
  const heartbeat = startHeartbeat({ snapshot, send, onError: (err) => log('heartbeat failed', err) });

  return {
    async deviceInfo() {
      return { apiOrigin: new URL(env.MARQUEE_API_URL).origin, appVersion, registered: device !== null };
    },
    async register(code) {
      // Refused before the API is asked, so the one-time code is not spent on a token that cannot be kept.
      if (storageProblem) return { ok: false, message: storageProblem };
      try {
        const result = await api.kiosks.register.mutate({ code });
        device = { kioskId: result.kioskId, name: result.name, token: result.deviceToken };
        await store.save(device);
        return { ok: true, name: result.name };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    },
    async print(job) {
      // The renderer is not trusted: the job is checked here as in the print agent.
      const parsed = ZPrintJobSchema.safeParse(job);
      if (!parsed.success)
        return { ok: false, code: 'PRINTER_FAILED', message: 'The ticket data was not valid.', status: lastPrinter };
      updater?.printing(1);
      const result = await printer.print(parsed.data).finally(() => updater?.printing(-1));
      lastPrinter = result.status;
      if (!result.ok) lastError = result.code;
      return result;
    },
    printerStatus: () => printer.state(),
    reportScreen(nextScreen, error) {
      screen = nextScreen.slice(0, 32);
      updater?.screen(screen);
      if (error) lastError = error.slice(0, 500);
    },
    token: () => device?.token ?? null,
    updateEvent: (event) => updater?.event(event),
    stop: () => {
      heartbeat();
      updater?.stop();
    },
  };
}
