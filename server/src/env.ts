// The one place that reads process.env. Parsed once at start; a bad value stops the start with one clear line.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KIOSK_RELEASE_DEFAULT_MAX_BYTES, RAZORPAY_CHECKOUT_ORIGIN } from '@marquee/shared';

// Development defaults, public by design: the sandbox's keys and a ticket key for local use only.
// Production refuses to start with any of them.
export const SANDBOX_KEY_ID = 'rzp_test_MarqueeSandbox';
export const SANDBOX_KEY_SECRET = 'marquee-sandbox-key-secret';
export const SANDBOX_WEBHOOK_SECRET = 'marquee-sandbox-webhook-secret';
const DEV_TICKET_KEY = 'ZGV2LW9ubHktdGlja2V0LXNpZ25pbmcta2V5LTAwMDE';
/** The hold challenge's default difficulty, chosen by `pnpm bench pow` (docs/performance.md). */
const HOLD_CHALLENGE_COST_DEFAULT = 5_000;
const HOLD_CHALLENGE_MAX_COUNTER_DEFAULT = 500;
const DEV_CHALLENGE_SECRET = 'dev-only-hold-challenge-secret-change-me-0001';
/** Prometheus' customary exporter port: /metrics in production unless METRICS_PORT says otherwise. */
export const PRODUCTION_METRICS_PORT = 9464;

/** An IP address or a CIDR block (10.0.0.0/8, fd00::/8), as proxy-addr accepts in a trustProxy list. */
function isProxyAddress(value: string): boolean {
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * GET /metrics on a listener of its own (Prometheus scrapes it; the public never reaches it).
   * Unset: 9464 in production; elsewhere /metrics stays on the public PORT, for development.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the metrics listener binds: loopback unless a scraper on another host (or container) needs it. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/marquee'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Redis Cluster instead of REDIS_URL: seed nodes as "host:port,host:port,...". */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'host:port,host:port,...')
    .transform((list) =>
      list
        .split(',')
        .map((hp) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) })),
    )
    .optional(),
  /** Prefix for every Redis key and queue; tests give each run its own. No braces: they would break hash tags. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only')
    .default('mq:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signs web-session cookies. Must be set in production; development gets a fixed, public one. */
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .default('dev-only-session-secret-change-me-please-0001'),
  HOLD_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(600),
  /** holds.create calls allowed per holder per minute. */
  HOLDS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * Seat spinning (one client holding a show's seats from fresh sessions): limits per client address
   * (IPv6 per /64) and show, checked in the hold's Redis script. Above the soft limits a web hold needs
   * a solved proof-of-work challenge (ALTCHA); the hard limit refuses outright. Kiosks are not counted
   * by address (each device holds one selection per show and HOLDS_PER_MINUTE).
   */
  HOLD_SEATS_PER_ADDRESS_SOFT: z.coerce.number().int().min(1).default(10),
  HOLD_SEATS_PER_ADDRESS_MAX: z.coerce.number().int().min(1).default(40),
  /** Holds one address may make for one show in an hour before each further one needs a challenge. */
  HOLDS_PER_ADDRESS_HOURLY_SOFT: z.coerce.number().int().min(1).default(20),
  /** holds.create calls from one web address per minute, whatever the show or session. */
  HOLDS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** New web sessions one address may start per minute (each holder call without a valid cookie). */
  WEB_SESSIONS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Signs hold challenges (HMAC). Must be set in production; development gets a fixed, public one. */
  HOLD_CHALLENGE_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_CHALLENGE_SECRET),
  /** Proof-of-work per challenge: PBKDF2/SHA-256 iterations per try, and the most tries (the answer is random below it). */
  HOLD_CHALLENGE_COST: z.coerce.number().int().min(1).max(1_000_000).default(HOLD_CHALLENGE_COST_DEFAULT),
  HOLD_CHALLENGE_MAX_COUNTER: z.coerce
    .number()
    .int()
    .min(2)
    .max(10_000_000)
    .default(HOLD_CHALLENGE_MAX_COUNTER_DEFAULT),
  /** How long a challenge may be solved and used (once). */
  HOLD_CHALLENGE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
  /** API instances on this machine (node:cluster, sharing PORT); unset: one per CPU core. */
  API_INSTANCES: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /** Postgres connection pool size per process; the API's instances share it. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /**
   * The proxies in front of the API: their addresses/CIDRs (`10.0.0.1,10.0.1.0/24`), or how many hops
   * (`1` for one load balancer; right only when the API cannot be reached except through them). Client
   * addresses (every per-address limit) are read from X-Forwarded-For, right to left, past those proxies
   * only. `true` would trust the left-most entry, which the client writes, so it is refused.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx): false | number | string[] => {
      const v = value.trim();
      if (v === '' || v === 'false' || v === '0') return false;
      if (v.toLowerCase() === 'true') {
        ctx.addIssue({
          code: 'custom',
          message:
            'give the number of proxy hops in front of the API (e.g. 1) or their addresses, never true: it would trust an X-Forwarded-For the client wrote',
        });
        return z.NEVER;
      }
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(',').map((p) => p.trim());
      const bad = list.find((p) => !isProxyAddress(p));
      if (bad === undefined) return list;
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not a hop count, an IP address or a CIDR` });
      return z.NEVER;
    }),
  /** Wrong staff passwords one address may make at one account before it must wait between tries. */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** The longest wait (the first is 15 s, doubling with each further failure from that address). */
  LOGIN_DELAY_MAX_SECONDS: z.coerce.number().int().min(15).max(86_400).default(900),
  /** Public live streams (seats, programme, booking status) one client address may hold open on one API instance. */
  LIVE_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  /** Public live streams one API instance serves at once. */
  LIVE_STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(5_000),
  /** A public live stream ends after this long; the client reconnects and resyncs. */
  LIVE_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1_800),
  /**
   * Bytes a seat-map stream may have waiting in the server's buffer (once the kernel's is full)
   * before it is dropped as too slow; the client reconnects and resyncs.
   */
  LIVE_STREAM_BUFFER_BYTES: z.coerce.number().int().min(1024).default(65_536),
  /** Razorpay API keys. The defaults are the local sandbox's, which `npm start` runs. */
  RAZORPAY_KEY_ID: z.string().min(1).default(SANDBOX_KEY_ID),
  RAZORPAY_KEY_SECRET: z.string().min(1).default(SANDBOX_KEY_SECRET),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(1).default(SANDBOX_WEBHOOK_SECRET),
  /** Where the Razorpay API is; unset means Razorpay itself (https://api.razorpay.com). */
  RAZORPAY_API_URL: z.url().optional(),
  /** Checkout's script for browsers; unset: the API URL's /v1/checkout.js (the sandbox), or Razorpay's own. */
  RAZORPAY_CHECKOUT_URL: z.url().optional(),
  /** Ed25519 secret key (32 bytes, base64url) that signs ticket QR tokens, and its id for rotation. */
  TICKET_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url')
    .default(DEV_TICKET_KEY),
  TICKET_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .default('dev1'),
  /** Outgoing mail. `npm start` runs a local mail catcher here that keeps each message under .data/mail. */
  SMTP_URL: z.url().default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.string().default('Marquee Tickets <tickets@marquee.local>'),
  /** Origins of the kiosk app (Electron serves it from app://kiosk) allowed to call the API cross-origin. */
  KIOSK_APP_ORIGINS: z
    .string()
    .default('app://kiosk')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** The built web app (kiosk renderer's web build), served at / and /kiosk. */
  WEB_DIST_DIR: z.string().default(fileURLToPath(new URL('../../kiosk/out/web', import.meta.url))),
  /** Where uploaded movie posters are kept (served at /posters/). */
  POSTERS_DIR: z.string().default(fileURLToPath(new URL('../../.data/posters', import.meta.url))),
  /** Where uploaded kiosk releases are kept (one folder per release; served to kiosks at /kiosk/updates/). */
  KIOSK_UPDATES_DIR: z.string().default(fileURLToPath(new URL('../../.data/kiosk-updates', import.meta.url))),
  /** The largest single file of a kiosk release an admin may upload. */
  KIOSK_RELEASE_MAX_BYTES: z.coerce.number().int().min(1024).default(KIOSK_RELEASE_DEFAULT_MAX_BYTES),
  /**
   * Seeds the demo cinema's public logins and kiosk tokens even under NODE_ENV=production. Only for a
   * demonstration copy: anyone who has read the README can sign in with them.
   */
  SEED_DEMO: bool.default(false),
  /** How long a worker's job lock lasts; a worker that dies is noticed after about this long. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
});

export type TEnv = z.infer<typeof ZEnvSchema>;

const PUBLIC_DEFAULTS: [keyof TEnv, string][] = [
  ['SESSION_SECRET', 'dev-only-session-secret-change-me-please-0001'],
  ['RAZORPAY_KEY_SECRET', SANDBOX_KEY_SECRET],
  ['RAZORPAY_WEBHOOK_SECRET', SANDBOX_WEBHOOK_SECRET],
  ['TICKET_SIGNING_KEY', DEV_TICKET_KEY],
  ['HOLD_CHALLENGE_SECRET', DEV_CHALLENGE_SECRET],
];

/**
 * In production no setting may switch the seat-spinning protection off: these are the loosest
 * values accepted there (tests and benchmarks raise the limits outside production only).
 */
const PRODUCTION_CEILINGS: [keyof TEnv, number][] = [
  ['HOLD_SEATS_PER_ADDRESS_SOFT', 100],
  ['HOLD_SEATS_PER_ADDRESS_MAX', 400],
  ['HOLDS_PER_ADDRESS_HOURLY_SOFT', 200],
  ['HOLDS_PER_ADDRESS_PER_MINUTE', 600],
  ['WEB_SESSIONS_PER_ADDRESS_PER_MINUTE', 600],
];

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const result = ZEnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(`Invalid setting ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const env = result.data;
  if (env.NODE_ENV === 'production') {
    for (const [name, publicValue] of PUBLIC_DEFAULTS) {
      if (env[name] === publicValue)
        throw new EnvError(`Invalid setting ${name}: set a secret of your own in production`);
    }
    for (const [name, ceiling] of PRODUCTION_CEILINGS) {
      if (Number(env[name]) > ceiling)
        throw new EnvError(`Invalid setting ${name}: at most ${ceiling} in production (it limits seat spinning)`);
    }
    env.METRICS_PORT ??= PRODUCTION_METRICS_PORT;
    if (env.HOLD_CHALLENGE_COST * env.HOLD_CHALLENGE_MAX_COUNTER < 100_000)
      throw new EnvError(
        'Invalid setting HOLD_CHALLENGE_COST: HOLD_CHALLENGE_COST × HOLD_CHALLENGE_MAX_COUNTER must be at least 100000 in production (a challenge must cost something)',
      );
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT)
    throw new EnvError('Invalid setting METRICS_PORT: must differ from PORT (metrics stay off the public port)');
  // With Razorpay itself the pages let in Razorpay's Checkout hosts only (server/src/web/web-routes.ts).
  if (
    !env.RAZORPAY_API_URL &&
    env.RAZORPAY_CHECKOUT_URL &&
    new URL(env.RAZORPAY_CHECKOUT_URL).origin !== RAZORPAY_CHECKOUT_ORIGIN
  )
    throw new EnvError(
      `Invalid setting RAZORPAY_CHECKOUT_URL: with Razorpay itself (no RAZORPAY_API_URL), Checkout loads from ${RAZORPAY_CHECKOUT_ORIGIN}`,
    );
  if (env.HOLD_SEATS_PER_ADDRESS_SOFT > env.HOLD_SEATS_PER_ADDRESS_MAX) {
    throw new EnvError('Invalid setting HOLD_SEATS_PER_ADDRESS_SOFT: must not exceed HOLD_SEATS_PER_ADDRESS_MAX');
  }
  return env;
}

/** Where browsers load Razorpay Checkout from: the configured URL, the sandbox's copy, or Razorpay's. */
export function checkoutScriptUrl(env: Pick<TEnv, 'RAZORPAY_CHECKOUT_URL' | 'RAZORPAY_API_URL'>): string {
  if (env.RAZORPAY_CHECKOUT_URL) return env.RAZORPAY_CHECKOUT_URL;
  if (env.RAZORPAY_API_URL) return new URL('/v1/checkout.js', env.RAZORPAY_API_URL).toString();
  return 'https://checkout.razorpay.com/v1/checkout.js';
}
