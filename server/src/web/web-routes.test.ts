// The web app's addresses: every client path gets index.html (with /kiosk's CSP only on /kiosk),
// while the API's own paths, missing assets and other unknown paths stay 404s.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAZORPAY_CHECKOUT_SOURCES } from '@marquee/shared';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

const INDEX = '<!doctype html><title>Marquee test page</title><div id="root"></div>';
const dist = mkdtempSync(path.join(tmpdir(), 'marquee-web-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), INDEX);
writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log("app")');

let ctx: TTestContext;
/** The server talking to Razorpay itself (no RAZORPAY_API_URL). */
let server: TTestServer;
/** The same, with the sandbox as its Razorpay. */
let sandboxServer: TTestServer;
const SANDBOX = 'http://127.0.0.1:3100';
beforeAll(async () => {
  ctx = await createTestContext({ WEB_DIST_DIR: dist });
  server = await startTestServer(ctx);
  sandboxServer = await startTestServer({ ...ctx, env: { ...ctx.env, RAZORPAY_API_URL: SANDBOX } });
});
afterAll(async () => {
  await sandboxServer?.close();
  await server?.close();
  await ctx?.close();
  rmSync(dist, { recursive: true, force: true });
});

const BOOKING = '0193a5b4-7c1d-7000-8000-000000000001';
const CLIENT_PATHS = [
  '/',
  '/?day=2026-11-28',
  '/find',
  '/movies/0193a5b4-7c1d-7000-8000-0000000000aa?day=2026-11-28',
  '/shows/0193a5b4-7c1d-7000-8000-0000000000bb',
  `/bookings/${BOOKING}`,
  `/bookings/${BOOKING}/pay`,
  '/manager',
  '/manager/sales',
  '/manager/bookings?from=2026-11-01',
  '/door',
  '/door/scan',
  '/kiosk',
  '/kiosk?idleMs=5000',
  '/kiosk/anything',
];

describe('single-page app fallback', () => {
  it('answers every client path with index.html, never cached', async () => {
    for (const p of CLIENT_PATHS) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), p).toBe('no-cache');
      expect(await res.text(), p).toBe(INDEX);
    }
  });

  it('gives the loopback print agent to /kiosk paths only', async () => {
    for (const p of CLIENT_PATHS) {
      const csp = await policyOf(`${sandboxServer.url}${p}`);
      if (p.startsWith('/kiosk')) expect(csp['connect-src'], p).toEqual(["'self'", 'http://127.0.0.1:*']);
      else expect(csp['connect-src'], p).toEqual(["'self'"]);
    }
  });

  it('keeps API paths, missing files and unknown paths as 404s, not the page', async () => {
    for (const p of [
      '/trpc/no.such.procedure',
      '/trpc/',
      '/payments/nothing',
      '/payments/qr/0193a5b4-7c1d-7000-8000-000000000009.png',
      '/assets/missing-9999.js',
      '/favicon.ico',
      '/shows/x.js',
      '/manager/missing.css',
      '/bookings/x/receipt.pdf',
      '/api/bookings',
      '/no-such-page',
      '/kiosk-not',
      '/shows',
      '/bookings',
    ]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('Marquee test page');
    }
  });

  it('still serves real files and API routes under the same prefixes', async () => {
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The dashboard's CSV export is a real route below /manager: without a staff session it refuses, as JSON.
    const csv = await fetch(`${server.url}/manager/sales.csv`);
    expect(csv.status).not.toBe(200);
    expect(await csv.text()).not.toContain('Marquee test page');
  });
});

/** A CSP header as directive → its sources. */
async function policyOf(url: string): Promise<Record<string, string[]>> {
  const header = (await fetch(url)).headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The pages with a policy of their own, each with what its connect-src admits on the loopback (the kiosk's print agent). */
const POLICY_PAGES = [
  ['/', []],
  ['/kiosk', ['http://127.0.0.1:*']],
] as const;

describe('Checkout in the content security policy', () => {
  it("admits each of Razorpay Checkout's hosts in its directive, and no other host, with real keys", async () => {
    for (const [page, loopback] of POLICY_PAGES) {
      const csp = await policyOf(`${server.url}${page}`);
      expect(csp['script-src'], page).toEqual(["'self'", ...RAZORPAY_CHECKOUT_SOURCES.scriptSrc]);
      expect(csp['frame-src'], page).toEqual([...RAZORPAY_CHECKOUT_SOURCES.frameSrc]);
      expect(csp['connect-src'], page).toEqual(["'self'", ...loopback, ...RAZORPAY_CHECKOUT_SOURCES.connectSrc]);
      expect(csp['img-src'], page).toEqual(["'self'", 'data:', 'blob:', ...RAZORPAY_CHECKOUT_SOURCES.imgSrc]);
      expect(csp['style-src'], page).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['default-src'], page).toEqual(["'self'"]);
      expect(Object.values(csp).flat().join(' '), page).not.toMatch(/\*\.|https?:\/\/\*/);
    }
  });

  it("admits the sandbox's origin alone, and nothing of razorpay.com, with the sandbox", async () => {
    for (const [page, loopback] of POLICY_PAGES) {
      const csp = await policyOf(`${sandboxServer.url}${page}`);
      expect(csp['script-src'], page).toEqual(["'self'", SANDBOX]);
      expect(csp['frame-src'], page).toEqual([SANDBOX]);
      expect(csp['connect-src'], page).toEqual(["'self'", ...loopback]);
      expect(csp['img-src'], page).toEqual(["'self'", 'data:', 'blob:']);
      expect(Object.values(csp).flat().join(' '), page).not.toContain('razorpay');
    }
  });
});
