// The web app (the kiosk renderer's web build): / for online customers, /kiosk for the kiosk UI in
// a browser. Security headers (helmet) with a CSP that lets in only this origin, Razorpay Checkout
// (Razorpay's hosts, from @marquee/shared, or with the sandbox its origin alone), and, for /kiosk,
// the print agent on loopback.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { checkoutSources, type TCheckoutSources } from '@marquee/shared';
import { checkoutScriptUrl, type TEnv } from '../env';
import type { TServices } from '../services';

/**
 * Paths the single-page app answers itself: each screen of the web app has its address (a film's
 * shows, a seat map, a booking and its payment), the dashboard one per section, and the door and
 * the kiosk UI their own. Every one gets index.html; the app reads the path. Anything else that is
 * not a real file or API route stays a 404, so a mistyped API call or a missing asset is not
 * answered with a page.
 */
const APP_PATHS = [
  '/',
  '/find',
  '/movies',
  '/movies/*',
  '/shows/*',
  '/bookings/*',
  '/manager',
  '/manager/*',
  '/door',
  '/door/*',
  '/kiosk',
  '/kiosk/*',
];

/** A client path's last segment names a file (`/shows/x.js`): a missing asset, not a screen. */
function looksLikeFile(url: string): boolean {
  const last = url.split('?', 1)[0]!.split('/').pop() ?? '';
  return last.includes('.');
}

export async function registerWebRoutes(
  app: FastifyInstance,
  { env, log }: Pick<TServices, 'env' | 'log'>,
): Promise<void> {
  const checkout = checkoutPageSources(env);
  // helmet itself, built once per policy: @fastify/helmet rebuilt the whole middleware (CSP parsing
  // included) on every request, a few percent of each API call's CPU under load.
  const securityHeaders = headersFor({ env, checkout, connectSrc: ["'self'"] });
  // The print agent listens on loopback; only the kiosk UI in a browser calls it, so only /kiosk may.
  const kioskSecurityHeaders = headersFor({ env, checkout, connectSrc: ["'self'", 'http://127.0.0.1:*'] });
  app.addHook('onRequest', (req, reply, done) => {
    const headers = isKioskPage(req.url) ? kioskSecurityHeaders : securityHeaders;
    headers(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });

  const root = path.resolve(env.WEB_DIST_DIR);
  if (!existsSync(path.join(root, 'index.html'))) {
    log.warn({ root }, 'web app not built; run `pnpm --filter @marquee/kiosk build:web` (npm start does it)');
    for (const appPath of APP_PATHS) {
      app.get(appPath, async (_req, reply) =>
        reply
          .code(503)
          .type('text/plain')
          .send('The Marquee web app is not built yet: run `pnpm --filter @marquee/kiosk build:web`.'),
      );
    }
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    // The production build has no source maps; one left by a development build is not served there.
    allowedPath: (pathName) => env.NODE_ENV !== 'production' || !pathName.endsWith('.map'),
    // Hashed asset names never change; index.html must always be fresh.
    setHeaders: (res, filePath) =>
      void res.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  for (const appPath of APP_PATHS) {
    app.get(appPath, async (req, reply) =>
      // Fastify's own 404 body; not callNotFound(), which runs the request hooks a second time.
      looksLikeFile(req.url)
        ? reply
            .code(404)
            .send({ message: `Route ${req.method}:${req.url} not found`, error: 'Not Found', statusCode: 404 })
        : reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
}

/**
 * What the pages let in for Checkout. The server talks to Razorpay itself (no RAZORPAY_API_URL):
 * Razorpay's Checkout hosts; with the sandbox (or another stand-in): only the origin its
 * checkout.js comes from, nothing of razorpay.com.
 */
function checkoutPageSources(env: Pick<TEnv, 'RAZORPAY_API_URL' | 'RAZORPAY_CHECKOUT_URL'>): TCheckoutSources {
  return checkoutSources(env.RAZORPAY_API_URL ? [checkoutScriptUrl(env)] : null);
}

/** The kiosk UI's page (/kiosk, and its client-side paths below it). */
function isKioskPage(url: string): boolean {
  const pathname = url.split('?', 1)[0]!;
  return pathname === '/kiosk' || pathname.startsWith('/kiosk/');
}

function headersFor({
  env,
  checkout,
  connectSrc,
}: {
  env: Pick<TServices['env'], 'NODE_ENV'>;
  checkout: TCheckoutSources;
  connectSrc: string[];
}) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...checkout.scriptSrc],
        frameSrc: [...checkout.frameSrc],
        connectSrc: [...connectSrc, ...checkout.connectSrc],
        imgSrc: ["'self'", 'data:', 'blob:', ...checkout.imgSrc],
        styleSrc: ["'self'", "'unsafe-inline'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: env.NODE_ENV === 'production' ? [] : null,
      },
    },
    // Checkout's stand-in is served from another origin and opens in a frame of ours.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: env.NODE_ENV === 'production',
  });
}
