// Electron glue for the kiosk: one locked-down full-screen window, the app served from app://kiosk,
// IPC to the plain modules (printer, device identity, heartbeat). Only a real Electron can show
// what lives here (the kiosk window, restart on crash, safeStorage); it is kept small for that
// reason, and everything it calls is tested under Node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import electronUpdater from 'electron-updater';
import { parseKioskEnv } from './config';
import { DeviceStore, type TSecretCipher } from './device/device-store';
import { chooseSecretCipher } from './device/secret-cipher';
import { createKioskServices, type TKioskServices } from './kiosk-services';
import { networkTicketPrinter, type TTicketPrinter } from './printer/ticket-printer';
import { renderTicketsHtml } from './printer/ticket-html';
import type { TUpdaterEvent } from './updates/install-decision';
import type { TUpdateDriver } from './updates/kiosk-updater';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  isAllowedNavigation,
  isAllowedRequest,
  navigationPolicy,
} from './window/navigation-policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const env = parseKioskEnv();
const policy = navigationPolicy(env);
const log = (message: string, data?: unknown) => console.log(`[kiosk] ${message}`, data ?? '');

if (!app.requestSingleInstanceLock()) app.quit();
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
// A crash in the main process restarts the app rather than leaving a dead screen in the lobby.
process.on('uncaughtException', (err) => {
  log('main process crashed; restarting', err);
  app.relaunch();
  app.exit(1);
});

/** The OS keychain protects the device token; without one, a key file only if KIOSK_ALLOW_FILE_KEY says so. */
function secretCipher(): { cipher: TSecretCipher; problem: string | null } {
  const choice = chooseSecretCipher(safeStorage, {
    platform: process.platform,
    allowFileKey: env.KIOSK_ALLOW_FILE_KEY,
    keyPath: path.join(env.KIOSK_DATA_DIR, 'device.key'),
  });
  if (choice.kind === 'none') {
    const refuse = async (): Promise<never> => {
      throw new Error(choice.problem);
    };
    return { cipher: { encrypt: refuse, decrypt: refuse }, problem: choice.problem };
  }
  if (choice.kind === 'key-file') log('no OS keychain: the device token key is kept in a file (KIOSK_ALLOW_FILE_KEY)');
  return { cipher: choice.cipher, problem: null };
}

/** Prints through the OS printer: the rendered ticket page in a hidden window. */
function osTicketPrinter(): TTicketPrinter {
  return {
    description: 'operating system printer',
    state: async () => 'unknown',
    async print(job) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, javascript: false },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(await renderTicketsHtml(job))}`);
        const ok = await new Promise<boolean>((resolve) =>
          win.webContents.print({ silent: true, printBackground: true }, (success) => resolve(success)),
        );
        return ok
          ? { ok: true, printed: job.tickets.length, status: 'ok' }
          : { ok: false, code: 'PRINTER_FAILED', message: 'The ticket could not be printed.', status: 'unknown' };
      } finally {
        win.destroy();
      }
    },
  };
}

/**
 * electron-updater's generic provider on Marquee's feed: it asks for latest.yml (Windows) or
 * latest-linux.yml, then the package named there, each with the device token. It installs an older
 * release too (a rollback), never on quit by itself: the kiosk chooses the moment (kiosk-updater.ts).
 * Only a packaged app updates; in development there is nothing to replace.
 */
function softwareUpdates(onEvent: (event: TUpdaterEvent) => void): TUpdateDriver | null {
  if (!app.isPackaged) return null;
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: new URL('/kiosk/updates/', env.MARQUEE_API_URL).toString() });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = true;
  // The feed serves whole packages; no block maps are uploaded.
  autoUpdater.disableDifferentialDownload = true;
  autoUpdater.on('checking-for-update', () => onEvent({ type: 'checking' }));
  autoUpdater.on('update-available', (info) => onEvent({ type: 'available', version: info.version }));
  autoUpdater.on('update-not-available', () => onEvent({ type: 'not-available' }));
  autoUpdater.on('update-downloaded', (info) => onEvent({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (err) => onEvent({ type: 'error', message: err.message }));
  return {
    async check(token) {
      autoUpdater.requestHeaders = { authorization: `Bearer ${token}` };
      await autoUpdater.checkForUpdates();
    },
    install: () => autoUpdater.quitAndInstall(true, true),
  };
}

function fromOurApp(event: IpcMainInvokeEvent): boolean {
  return event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) ?? false;
}

function wireIpc(kiosk: TKioskServices): void {
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (event: IpcMainInvokeEvent, ...args: A): Promise<R> => {
      if (!fromOurApp(event)) throw new Error('IPC from a page that is not the kiosk app');
      return fn(...args);
    };
  ipcMain.handle(
    'kiosk:device-info',
    guard(() => kiosk.deviceInfo()),
  );
  ipcMain.handle(
    'kiosk:register',
    guard((code: unknown) => kiosk.register(String(code))),
  );
  ipcMain.handle(
    'kiosk:print',
    guard((job: unknown) => kiosk.print(job)),
  );
  ipcMain.handle(
    'kiosk:printer-status',
    guard(() => kiosk.printerStatus()),
  );
  ipcMain.on('kiosk:report-screen', (event, screen: unknown, lastError: unknown) => {
    if (event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`))
      kiosk.reportScreen(String(screen), typeof lastError === 'string' ? lastError : null);
  });
}

async function serveApp(): Promise<void> {
  const csp = contentSecurityPolicy(policy);
  protocol.handle('app', async (request) => {
    const { pathname } = new URL(request.url);
    const file = path.normalize(path.join(rendererDir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(rendererDir)) return new Response('not found', { status: 404 });
    const body = await readFile(file).catch(() => null);
    if (!body) return new Response('not found', { status: 404 });
    const type = file.endsWith('.html')
      ? 'text/html'
      : file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
    return new Response(body, { headers: { 'content-type': type, 'content-security-policy': csp } });
  });
}

function lockDown(kiosk: TKioskServices): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, policy) }));
  // The device token is added here, so it never enters the page.
  ses.webRequest.onBeforeSendHeaders({ urls: [`${policy.apiOrigin}/*`] }, (details, callback) => {
    const token = kiosk.token();
    callback({
      requestHeaders: token ? { ...details.requestHeaders, Authorization: `Bearer ${token}` } : details.requestHeaders,
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    kiosk: app.isPackaged,
    fullscreen: app.isPackaged,
    width: 1080,
    height: 1920,
    autoHideMenuBar: true,
    backgroundColor: '#121418',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  // A renderer that crashes or hangs is reloaded; the app recovers its booking from the server.
  win.webContents.on('render-process-gone', (_event, details) => {
    log('renderer gone; reloading', details);
    if (!win.isDestroyed()) void win.loadURL(`${APP_ORIGIN}/index.html`);
  });
  win.on('unresponsive', () => win.webContents.forcefullyCrashRenderer());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

void app.whenReady().then(async () => {
  Menu.setApplicationMenu(null);
  // Auto-launch friendly: a packaged kiosk starts with the machine.
  if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: true });
  const { cipher, problem } = secretCipher();
  const store = new DeviceStore(path.join(env.KIOSK_DATA_DIR, 'device.bin'), cipher);
  const printer =
    env.PRINTER === 'os' ? osTicketPrinter() : networkTicketPrinter({ host: env.PRINTER_HOST, port: env.PRINTER_PORT });
  let kiosk: TKioskServices | null = null;
  const updates = softwareUpdates((event) => kiosk?.updateEvent(event));
  kiosk = await createKioskServices({
    env,
    store,
    printer,
    appVersion: app.getVersion(),
    log,
    storageProblem: problem,
    updates,
  });
  lockDown(kiosk);
  wireIpc(kiosk);
  await serveApp();
  let win = createWindow();
  app.on('second-instance', () => {
    if (win.isDestroyed()) win = createWindow();
    win.focus();
  });
  app.on('window-all-closed', () => {
    kiosk.stop();
    app.quit();
  });
});
