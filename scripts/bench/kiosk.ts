// The kiosk and web app as a customer meets them: how much JavaScript the browser downloads before
// the first movie is on screen, and how long a cold start takes, beside a baseline built and loaded
// in the same run: the smallest React app (one component, same Vite and React versions). Then a
// kiosk purchase as a finger makes it, one seat and two: the taps from the attract screen to the
// UPI QR, and the UI time (the sum, over the taps, of tap → next screen ready, server calls included).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launchChromium, type Browser, type Locator, type Page } from '../../e2e/src/browser';
import { createPrintAgent } from '../../kiosk/src/main/printer/print-agent';
import { networkTicketPrinter } from '../../kiosk/src/main/printer/ticket-printer';
import { VirtualPrinter } from '../../kiosk/src/main/printer/virtual-printer';
import { createPrisma, type PrismaClient } from '../../server/src/db/prisma';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import { futureShowtime } from '../../server/src/test/fixtures';
import {
  benchPrefix,
  freePort,
  freshDatabase,
  report,
  root,
  startProcess,
  startSandbox,
  stopProcess,
  type TRow,
} from './lib';

const LOADS = 15;
const PURCHASES = 5;
const kioskDir = path.join(root, 'kiosk');

interface TBundle {
  jsGzip: number;
  cssGzip: number;
  fonts: number;
}

function measureBundle(dir: string): TBundle {
  const out: TBundle = { jsGzip: 0, cssGzip: 0, fonts: 0 };
  for (const name of readdirSync(path.join(dir, 'assets'))) {
    const file = path.join(dir, 'assets', name);
    if (name.endsWith('.js')) out.jsGzip += gzipSync(readFileSync(file)).length;
    else if (name.endsWith('.css')) out.cssGzip += gzipSync(readFileSync(file)).length;
    else if (/\.woff2?$/.test(name)) out.fonts += statSync(file).size;
  }
  return out;
}

/** Runs the kiosk package's Vite (the same version and React plugin as the real build). */
function viteBuild(configFile: string, cwd: string): void {
  execFileSync(
    process.execPath,
    [path.join(kioskDir, 'node_modules/vite/bin/vite.js'), 'build', '--config', configFile, '--logLevel', 'warn'],
    { cwd, stdio: 'inherit' },
  );
}

/** The smallest React app: one component rendered into #root, built like the real one. */
function buildBaseline(): string {
  const dir = mkdtempSync(path.join(kioskDir, '.bench-baseline-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    path.join(dir, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\nfunction App() { return <button type=\"button\">Hello</button>; }\ncreateRoot(document.getElementById('root')!).render(<App />);\n",
  );
  // Inside kiosk/, so the config resolves @vitejs/plugin-react from the kiosk's dependencies.
  writeFileSync(
    path.join(dir, 'vite.config.mjs'),
    "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()], logLevel: 'warn' };\n",
  );
  viteBuild('vite.config.mjs', dir);
  return dir;
}

function serveStatic(dir: string, port: number) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : url.pathname);
    try {
      const body = readFileSync(file);
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
      res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise<typeof server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Cold loads (a new browser context each time: empty cache) until `ready` is on screen, in ms, and
 * the JavaScript files fetched by then (the initial JS: what a customer waits for).
 */
async function coldLoads(
  url: string,
  ready: { role: 'button'; name: RegExp },
): Promise<{ times: number[]; initialJs: Set<string> }> {
  const browser = await launchChromium();
  const times: number[] = [];
  const initialJs = new Set<string>();
  try {
    // One load first, not counted: it warms the server, the OS file cache and the browser process.
    for (let i = -1; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      const js: string[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.endsWith('.js')) js.push(path.basename(new URL(r.url()).pathname));
      });
      const started = performance.now();
      await page.goto(url);
      await page.getByRole(ready.role, { name: ready.name }).first().waitFor();
      if (i >= 0) times.push(performance.now() - started);
      if (i === -1) for (const name of js) initialJs.add(name);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { times, initialJs };
}

const gzipOf = (dir: string, names: Iterable<string>) =>
  [...names].reduce((sum, name) => sum + gzipSync(readFileSync(path.join(dir, 'assets', name))).length, 0);

/**
 * A show of the demo's film starting in two minutes, the first on the kiosk's list (which sells
 * today's shows); the previous purchase's show is cancelled, so each purchase has empty seats.
 */
async function showSoon(prisma: PrismaClient): Promise<void> {
  await prisma.showtime.updateMany({
    where: {
      movie: { title: 'Starfall Express' },
      startsAt: { lt: new Date(Date.now() + 3 * 60_000) },
      cancelled: false,
    },
    data: { cancelled: true },
  });
  await futureShowtime(prisma, { startsInMinutes: 2 });
}

/**
 * One kiosk purchase from the attract screen to the UPI QR, by touch on a 1080×1920 screen, in a
 * fresh context (a kiosk with nothing in progress). Each step is a tap and the sign that the next
 * screen is ready for the next tap.
 */
async function kioskPurchase(browser: Browser, url: string, seats: string[]): Promise<{ taps: number; uiMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Touch to start' }).waitFor();
  let taps = 0;
  let uiMs = 0;
  const step = async (target: Locator, ready: (page: Page) => Promise<unknown>) => {
    await target.waitFor();
    const started = performance.now();
    await target.tap();
    taps += 1;
    await ready(page);
    uiMs += performance.now() - started;
  };
  const seatButton = (label: string) =>
    page.getByRole('button', { name: new RegExp(`^${label.slice(1)}, row ${label[0]},`) });
  const continueButton = page.getByRole('button', { name: 'Continue' });
  await step(page.getByRole('button', { name: /^Starfall Express\b.*, see the shows$/ }), (p) =>
    p.locator('.showtime-card').first().waitFor(),
  );
  // This run's show is the film's next (the list is by time).
  await step(page.locator('.showtime-card').first(), (p) =>
    p.getByRole('group', { name: 'Pick your seats' }).waitFor(),
  );
  for (const [i, label] of seats.entries())
    await step(seatButton(label), async () => {
      await page.locator('.seat-selected').nth(i).waitFor();
      if (i === seats.length - 1)
        await page.waitForFunction(() => !document.querySelector('.action-bar button[disabled]'));
    });
  await step(continueButton, (p) => p.getByRole('timer').waitFor());
  await step(page.getByRole('button', { name: 'Pay by UPI' }), (p) =>
    p.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor(),
  );
  await context.close();
  return { taps, uiMs };
}

export async function benchKiosk(): Promise<string> {
  viteBuild('vite.web.config.ts', kioskDir);
  const app = measureBundle(path.join(kioskDir, 'out/web'));
  const baselineDir = buildBaseline();

  const databaseUrl = await freshDatabase('marquee_bench_kiosk');
  const prisma = createPrisma({ databaseUrl, poolSize: 2 });
  const seed = await seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'development', SEED_DEMO: false },
    dataDir: path.join(os.tmpdir(), 'marquee-bench-kiosk'),
  });
  const titles = (await prisma.movie.findMany({ select: { title: true } })).map((m) => m.title);

  // The kiosk's UPI QR comes from the Razorpay sandbox, in a process of its own as in `npm start`.
  const sandbox = await startSandbox();
  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: benchPrefix(),
      LOG_LEVEL: 'warn',
      RAZORPAY_API_URL: sandbox.url,
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const staticPort = await freePort();
  const staticServer = await serveStatic(path.join(baselineDir, 'dist'), staticPort);
  // The kiosk UI in a browser prints through the print agent, to a virtual thermal printer.
  const printer = new VirtualPrinter({ port: 0, outputDir: null });
  const printerAddress = await printer.listen();
  const apiUrl = `http://127.0.0.1:${port}`;
  const kiosk = seed.kiosks[0]!;
  const agent = createPrintAgent({
    printer: networkTicketPrinter({ ...printerAddress, timeoutMs: 1000 }),
    allowedOrigins: [apiUrl],
    device: async () => ({ token: kiosk.token, name: kiosk.name }),
  });
  const agentPort = await freePort();
  await new Promise<void>((resolve) => agent.listen(agentPort, '127.0.0.1', resolve));
  const rows: TRow[] = [];
  try {
    // Any movie card of the day the app opens on (today, or the next day with shows).
    const moviePattern = new RegExp(`^(${titles.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`);
    const web = await coldLoads(`http://127.0.0.1:${port}/`, { role: 'button', name: moviePattern });
    const kioskTimes = web.times;
    const baselineLoad = await coldLoads(`http://127.0.0.1:${staticPort}/`, { role: 'button', name: /^Hello$/ });
    const baselineTimes = baselineLoad.times;
    const initialJs = gzipOf(path.join(kioskDir, 'out/web'), web.initialJs);
    const baselineJs = gzipOf(path.join(baselineDir, 'dist'), baselineLoad.initialJs);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

    const browser = await launchChromium();
    const purchases: Record<1 | 2, { taps: number; uiMs: number }[]> = { 1: [], 2: [] };
    try {
      const kioskUrl = `${apiUrl}/kiosk?agent=${encodeURIComponent(`http://127.0.0.1:${agentPort}`)}`;
      // One purchase first, not counted (warm-up), then alternating one- and two-seat purchases.
      await showSoon(prisma);
      await kioskPurchase(browser, kioskUrl, ['C6']);
      for (let i = 0; i < PURCHASES; i++) {
        await showSoon(prisma);
        purchases[1].push(await kioskPurchase(browser, kioskUrl, ['C6']));
        await showSoon(prisma);
        purchases[2].push(await kioskPurchase(browser, kioskUrl, ['C7', 'C8']));
      }
    } finally {
      await browser.close();
    }
    const purchaseRows = ([1, 2] as const).map((n) => ({
      name: `kiosk: ${n === 1 ? 'one seat' : 'two seats'}, attract screen to UPI QR`,
      value: `${purchases[n][0]!.taps} taps, ${median(purchases[n].map((p) => p.uiMs)).toFixed(0)} ms`,
      note: `UI time: median over ${PURCHASES} purchases of the sum of tap → next screen ready (hold and QR calls included); budget ${n === 1 ? 5 : 6} taps`,
    }));

    rows.push(
      {
        name: 'web app initial JS (gzip)',
        value: kb(initialJs),
        note: `the ${web.initialJs.size} files fetched before the first movie is on screen; budget 160 KB. All JS ${kb(app.jsGzip)} (dashboard, door and lazy parts load only where used); CSS ${kb(app.cssGzip)}; fonts ${kb(app.fonts)}, fetched only when text needs them`,
      },
      { name: 'baseline: smallest React app initial JS (gzip)', value: kb(baselineJs) },
      {
        name: 'web app initial JS ÷ baseline',
        value: (initialJs / baselineJs).toFixed(2),
        note: 'React Query, tRPC client, router, both languages',
      },
      {
        name: 'cold load to first movie on screen (median)',
        value: `${median(kioskTimes).toFixed(0)} ms`,
        note: `${LOADS} loads, empty cache, includes the catalog.movies call`,
      },
      {
        name: 'baseline: cold load to its button (median)',
        value: `${median(baselineTimes).toFixed(0)} ms`,
        note: 'same browser, static file server',
      },
      { name: 'cold load ÷ baseline', value: (median(kioskTimes) / median(baselineTimes)).toFixed(2) },
      ...purchaseRows,
    );
  } finally {
    agent.closeAllConnections();
    await new Promise((resolve) => agent.close(resolve));
    await printer.close();
    await prisma.$disconnect();
    staticServer.close();
    await stopProcess(api);
    await stopProcess(sandbox.process);
    rmSync(baselineDir, { recursive: true, force: true });
  }
  return report(
    'Kiosk and web app',
    `What a customer's browser downloads and how long the app takes from navigation to the first movie on screen (Debian's Chromium, headless, a 1080×1920 kiosk screen, served by the API from 127.0.0.1). The baseline is the smallest React app (one button) built with the same Vite and React in the same run and loaded in the same browser. Then kiosk purchases by touch (the kiosk UI in the same browser with the print agent and a virtual printer): taps from the attract screen to the UPI QR and the UI time they cost.`,
    rows,
  );
}
