// The kiosk and web app as a customer meets them: how much the browser downloads, and how long a
// cold start takes from navigation to the first movie on screen, beside a baseline built and
// loaded in the same run: the smallest React app (one component, same Vite and React versions).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../../e2e/src/browser';
import { createPrisma } from '../../server/src/db/prisma';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import { benchPrefix, freePort, freshDatabase, report, root, startProcess, stopProcess, type TRow } from './lib';

const LOADS = 15;
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

/** Cold loads (a new browser context each time: empty cache) until `ready` is on screen, in ms. */
async function coldLoads(url: string, ready: { role: 'button'; name: RegExp }): Promise<number[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    // One load first, not counted: it warms the server, the OS file cache and the browser process.
    for (let i = -1; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.getByRole(ready.role, { name: ready.name }).first().waitFor();
      if (i >= 0) times.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

export async function benchKiosk(): Promise<string> {
  viteBuild('vite.web.config.ts', kioskDir);
  const app = measureBundle(path.join(kioskDir, 'out/web'));
  const baselineDir = buildBaseline();
  const baseline = measureBundle(path.join(baselineDir, 'dist'));

  const databaseUrl = await freshDatabase('marquee_bench_kiosk');
  const prisma = createPrisma({ databaseUrl, poolSize: 2 });
  await seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'development', SEED_DEMO: false },
    dataDir: path.join(os.tmpdir(), 'marquee-bench-kiosk'),
  });
  const titles = (await prisma.movie.findMany({ select: { title: true } })).map((m) => m.title);
  await prisma.$disconnect();

  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    { DATABASE_URL: databaseUrl, PORT: String(port), REDIS_PREFIX: benchPrefix(), LOG_LEVEL: 'warn' },
    `http://127.0.0.1:${port}/readyz`,
  );
  const staticPort = await freePort();
  const staticServer = await serveStatic(path.join(baselineDir, 'dist'), staticPort);
  const rows: TRow[] = [];
  try {
    // Any movie card of the day the app opens on (today, or the next day with shows).
    const moviePattern = new RegExp(`^(${titles.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}),`);
    const kioskTimes = await coldLoads(`http://127.0.0.1:${port}/`, { role: 'button', name: moviePattern });
    const baselineTimes = await coldLoads(`http://127.0.0.1:${staticPort}/`, { role: 'button', name: /^Hello$/ });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    rows.push(
      {
        name: 'web app JS (gzip)',
        value: kb(app.jsGzip),
        note: `CSS ${kb(app.cssGzip)}; Devanagari and Latin fonts ${kb(app.fonts)}, fetched only when text needs them`,
      },
      { name: 'baseline: smallest React app JS (gzip)', value: kb(baseline.jsGzip) },
      {
        name: 'web app JS ÷ baseline',
        value: (app.jsGzip / baseline.jsGzip).toFixed(2),
        note: 'React Query, tRPC client, zod schemas, QR encoder, both languages',
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
    );
  } finally {
    staticServer.close();
    await stopProcess(api);
    rmSync(baselineDir, { recursive: true, force: true });
  }
  return report(
    'Kiosk and web app',
    `What a customer's browser downloads and how long the app takes from navigation to the first movie on screen (Debian's Chromium, headless, a 1080×1920 kiosk screen, served by the API from 127.0.0.1). The baseline is the smallest React app (one button) built with the same Vite and React in the same run and loaded in the same browser.`,
    rows,
  );
}
