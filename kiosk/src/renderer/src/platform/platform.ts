// Where the renderer runs decides how it prints and who it is to the API:
// - Electron kiosk: `window.api` (preload bridge); the main process authenticates API calls.
// - Kiosk UI in a browser (/kiosk): the print agent on 127.0.0.1 prints and lends the device token.
// - Web (/): an online customer; no printer, the session cookie identifies the browser.
import type { TPrintJob, TPrintResult, TPrinterState } from '../../../common/print-job';
import type { TKioskBridge } from '../../../preload/bridge';

export interface TPlatform {
  mode: 'kiosk' | 'web';
  apiOrigin: string;
  appVersion: string;
  /** Headers every API call carries (a browser kiosk's bearer token); none in Electron and on the web. */
  authHeaders(): Record<string, string>;
  /** Whether the kiosk has a device identity (false: show the setup screen). */
  registered: boolean;
  register(code: string): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  print(job: TPrintJob): Promise<TPrintResult>;
  printerState(): Promise<TPrinterState>;
  reportScreen(screen: string, lastError: string | null): void;
}

declare global {
  interface Window {
    api?: TKioskBridge;
  }
}

// Set by the build (vite define) from kiosk/package.json.
declare const __APP_VERSION__: string;
const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0';
const noPrinter = async (): Promise<TPrintResult> => ({
  ok: false,
  code: 'PRINTER_OFFLINE',
  message: 'This device has no printer.',
  status: 'offline',
});

async function electronPlatform(api: TKioskBridge): Promise<TPlatform> {
  const info = await api.deviceInfo();
  return {
    mode: 'kiosk',
    apiOrigin: info.apiOrigin,
    appVersion: info.appVersion,
    registered: info.registered,
    authHeaders: () => ({}),
    register: (code) => api.register(code),
    print: (job) => api.print(job),
    printerState: () => api.printerStatus(),
    reportScreen: (screen, lastError) => api.reportScreen(screen, lastError),
  };
}

/** The kiosk UI in a browser: the print agent stands in for Electron's main process. */
async function agentPlatform(agentUrl: string): Promise<TPlatform> {
  // The agent hands the token to the /kiosk page only, known by its URL: sent as Referer, which the
  // site's no-referrer policy would otherwise drop on this cross-origin call.
  const device = await fetch(`${agentUrl}/device`, { referrerPolicy: 'no-referrer-when-downgrade' }).then(
    (r) => r.json() as Promise<{ token: string | null; name: string | null }>,
  );
  const headers: Record<string, string> = device.token ? { authorization: `Bearer ${device.token}` } : {};
  return {
    mode: 'kiosk',
    apiOrigin: window.location.origin,
    appVersion: APP_VERSION,
    registered: device.token !== null,
    authHeaders: () => headers,
    register: async () => ({ ok: false, message: 'Register the print agent with `pnpm kiosk code` and restart it.' }),
    print: (job) =>
      fetch(`${agentUrl}/print`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(job),
      }).then(async (r) => {
        if (!r.ok)
          return {
            ok: false,
            code: 'PRINTER_FAILED',
            message: `print agent answered ${r.status}`,
            status: 'unknown',
          } as const;
        return r.json() as Promise<TPrintResult>;
      }),
    printerState: () =>
      fetch(`${agentUrl}/status`)
        .then((r) => r.json() as Promise<{ status: TPrinterState }>)
        .then((s) => s.status),
    reportScreen: () => undefined, // the heartbeat below reads the screen from the app state
  };
}

function webPlatform(): TPlatform {
  return {
    mode: 'web',
    apiOrigin: window.location.origin,
    appVersion: APP_VERSION,
    registered: true,
    authHeaders: () => ({}),
    register: async () => ({ ok: false, message: 'not a kiosk' }),
    print: noPrinter,
    printerState: async () => 'offline',
    reportScreen: () => undefined,
  };
}

export const DEFAULT_AGENT_URL = 'http://127.0.0.1:9180';

export async function detectPlatform(): Promise<TPlatform> {
  if (window.api) return electronPlatform(window.api);
  if (window.location.pathname.startsWith('/kiosk')) {
    // ?agent= points a development or test browser at its own print agent; remembered for reloads.
    const given = new URLSearchParams(window.location.search).get('agent');
    if (given) sessionStorage.setItem('marquee.agent', given);
    return agentPlatform(sessionStorage.getItem('marquee.agent') ?? DEFAULT_AGENT_URL);
  }
  return webPlatform();
}
