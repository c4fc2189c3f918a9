// The production check: the built code (`npm run build`, which `npm test` runs before the suites) in
// a production folder with production dependencies only (scripts/install-prod.mjs, no tsx), started
// as deploy/ starts it, with NODE_ENV=production, generated secrets, its own database and Redis
// prefix, free ports, and the payment sandbox as its Razorpay. The commands are those of
// scripts/lib/production-steps.mjs, which deploy/Dockerfile and deploy/compose.yaml run too
// (deploy-recipe.test.ts holds them together).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PRODUCTION_STEPS, SERVER_BUNDLES } from '../../../scripts/lib/production-steps.mjs';
import { createPrisma, type PrismaClient } from '../db/prisma';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { freePort } from '../test/redis-server';
import {
  createEmptyTestDatabase,
  deleteRedisKeys,
  dropTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
} from '../test/test-databases';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The development helpers' ports (payment sandbox, mail catcher, virtual printer, print agent). */
const DEVELOPMENT_HELPER_PORTS = [3100, 2525, 9100, 9180];
const STOP_DEADLINE_MS = 15_000;

/** The newest change under the server's and shared sources (tests aside): bundles older than it are stale. */
function newestSource(): number {
  let newest = 0;
  for (const dir of ['server/src', 'shared/src']) {
    for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.test.ts') || file.startsWith('test/')) continue;
      const stat = statSync(path.join(root, dir, file));
      if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** The TCP ports a process listens on, from its socket descriptors and the kernel's socket tables. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; the inode is the tenth column.
      if (cols[3] === '0A' && inodes.has(cols[9]!)) ports.add(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

type TProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Runs one of the production commands ("node server/dist/….js …") in the production folder. */
function startCommand(command: string, cwd: string, env: Record<string, string>): TProcess {
  const [program, ...args] = command.split(' ');
  expect(program).toBe('node');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Runs node with these arguments to its end: its exit status and everything it printed. */
function runNode(
  args: string[],
  opts: { cwd: string; env: Record<string, string> },
): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, output })));
}

/**
 * Starts a production command and waits until `ready` says it is up. One that exits while starting
 * is started once more, as deploy/ does (Restart=on-failure, restart: unless-stopped): on a machine
 * shared by many test runs a start-up Redis call can time out (2 s). A second failure fails.
 */
async function startUntilReady(
  what: string,
  start: () => TProcess,
  ready: (proc: TProcess) => Promise<boolean>,
): Promise<TProcess> {
  const deadline = Date.now() + 60_000;
  let failures = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const proc = start();
    running.push(proc);
    let exited = false;
    void proc.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      if (await ready(proc).catch(() => false)) return proc;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!exited) throw new Error(`${what} did not come up within 60 s:\n${proc.output()}`);
    failures += `attempt ${attempt}:\n${proc.output()}\n`;
  }
  throw new Error(`${what} exited while starting, twice:\n${failures}`);
}

let folder: string;
let databaseUrl: string;
let prefix: string;
let env: Record<string, string>;
let base: string;
let metricsPort: number;
let prisma: PrismaClient | undefined;
let sandbox: Awaited<ReturnType<typeof startPaymentSandbox>> | undefined;
const running: TProcess[] = [];
let api: TProcess;
let worker: TProcess;
let refusedBeforeMigrations: { code: number | null; output: string };
const ADMIN_EMAIL = 'it@regal.example';
let adminPassword: string | undefined;
let secondSetup: { status: number | null; output: string };

beforeAll(async () => {
  // `npm test` has built everything; run alone after a change, the stale bundles are rebuilt here
  // (never the web app, which other suites are serving meanwhile).
  const bundles = SERVER_BUNDLES.map((b) => path.join(root, 'server/dist', `${b.name}.js`));
  if (bundles.some((f) => !existsSync(f) || statSync(f).mtimeMs < newestSource()))
    execFileSync(process.execPath, ['scripts/build.mjs', '--server-only'], { cwd: root, stdio: 'ignore' });
  if (!existsSync(path.join(root, 'kiosk/out/web/index.html')))
    throw new Error('the web app is not built: run `npm run build` (npm test does)');

  folder = mkdtempSync(path.join(tmpdir(), 'marquee-production-'));
  const [program, script] = PRODUCTION_STEPS.installProd.split(' ');
  expect(program).toBe('node');
  // The production folder is made while the database, the sandbox and the ports are got ready.
  const [installed] = await Promise.all([
    runNode([script!, folder], { cwd: root, env: process.env as Record<string, string> }),
    (async () => {
      databaseUrl = await createEmptyTestDatabase(inject('testRunId'));
      prefix = testRedisPrefix(inject('testRunId'));
      sandbox = await startPaymentSandbox();
    })(),
  ]);
  if (installed.status !== 0) throw new Error(`the production install failed:\n${installed.output}`);
  const [port, metrics] = [await freePort(), await freePort()];
  metricsPort = metrics;
  base = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metrics),
    API_INSTANCES: '1',
    DATABASE_POOL_SIZE: '4',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    // One TLS-terminating proxy in front, as deploy/ sets it up; the test speaks as that proxy.
    TRUST_PROXY: '1',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    HOLD_CHALLENGE_SECRET: randomBytes(32).toString('base64url'),
    TICKET_SIGNING_KEY: randomBytes(32).toString('base64url'),
    TICKET_KEY_ID: 'prod1',
    ...TEST_RAZORPAY,
    RAZORPAY_API_URL: sandbox!.url,
    SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    POSTERS_DIR: path.join(folder, 'posters'),
  };

  // Before migrations the API refuses to start, and says what to run.
  const early = startCommand(PRODUCTION_STEPS.api, folder, env);
  running.push(early);
  refusedBeforeMigrations = { code: await early.exited, output: early.output() };

  const [, ...migrateArgs] = PRODUCTION_STEPS.migrate.split(' ');
  const migrated = await runNode(migrateArgs, { cwd: folder, env });
  if (migrated.status !== 0) throw new Error(`the migrations failed:\n${migrated.output}`);

  // The API and the worker start; meanwhile, a new installation's first cinema and admin, as the
  // README has IT make them (run twice, it refuses), and the journey's screen, film and show from the
  // test's fixtures (the admin would make them in the dashboard: production seeds no demo data).
  const [, ...setupArgs] = PRODUCTION_STEPS.setup.split(' ');
  const setupRun = () =>
    runNode(
      [
        ...setupArgs,
        '--cinema',
        'Regal Pune',
        '--city',
        'Pune',
        '--admin-email',
        ADMIN_EMAIL,
        '--admin-name',
        'Asha Rao',
      ],
      { cwd: folder, env },
    );
  prisma = createPrisma({ databaseUrl, poolSize: 2 });
  await Promise.all([
    (async () => {
      const first = await setupRun();
      adminPassword = /Password \(shown once; keep it safe\): (\S+)/.exec(first.output)?.[1];
      secondSetup = await setupRun();
    })(),
    seedCinema(prisma),
    (async () => {
      api = await startUntilReady(
        'the API',
        () => startCommand(PRODUCTION_STEPS.api, folder, env),
        async () => (await fetch(`${base}/readyz`)).ok,
      );
    })(),
    (async () => {
      worker = await startUntilReady(
        'the worker',
        () => startCommand(PRODUCTION_STEPS.worker, folder, { ...env, LOG_LEVEL: 'info' }),
        (proc) => Promise.resolve(proc.output().includes('"worker started"')),
      );
    })(),
  ]);
}, 180_000);

afterAll(async () => {
  for (const proc of running) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }
  await prisma?.$disconnect();
  await sandbox?.app.close();
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    if (prefix) await deleteRedisKeys(redis, `*${prefix}*`);
  } finally {
    redis.disconnect();
  }
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 60_000);

/** A tRPC call over HTTP as a browser behind the TLS proxy makes it: JSON in, the result's data out. */
async function call(
  procedure: string,
  cookie: string | undefined,
  input: unknown,
): Promise<{ status: number; data: Record<string, unknown>; setCookie: string | null }> {
  const headers: Record<string, string> = {
    'x-forwarded-proto': 'https',
    'x-forwarded-for': '203.0.113.7',
    ...(cookie ? { cookie } : {}),
  };
  const res =
    input === undefined
      ? await fetch(`${base}/trpc/${procedure}`, { headers })
      : procedure === 'bookings.get'
        ? await fetch(`${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await fetch(`${base}/trpc/${procedure}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
  const body = (await res.json()) as { result?: { data: Record<string, unknown> }; error?: unknown };
  if (!body.result) throw new Error(`${procedure} failed (${res.status}): ${JSON.stringify(body.error)}`);
  return { status: res.status, data: body.result.data, setCookie: res.headers.get('set-cookie') };
}

describe('the production build in production mode', () => {
  it('refuses to start on a database behind its migrations, naming the command to run', () => {
    expect(refusedBeforeMigrations.code).toBe(1);
    expect(refusedBeforeMigrations.output).toMatch(/database is behind this release: \d+ migration\(s\) not applied/);
    expect(refusedBeforeMigrations.output).toContain(PRODUCTION_STEPS.migrate);
  });

  it('runs on production dependencies only: plain node, no tsx, no sources', () => {
    expect(existsSync(path.join(folder, 'node_modules/.bin/tsx'))).toBe(false);
    expect(
      readdirSync(path.join(folder, 'node_modules/.pnpm')).filter((p) => /^(tsx|vitest|esbuild)@/.test(p)),
    ).toEqual([]);
    expect(existsSync(path.join(folder, 'server/src'))).toBe(false);
    expect(readdirSync(path.join(folder, 'kiosk/out/web'), { recursive: true, encoding: 'utf8' })).not.toContainEqual(
      expect.stringMatching(/\.map$/),
    );
  });

  it('sells a ticket: hold → order → pay (sandbox) → confirmed, over HTTP with the production cookie', async () => {
    const { showtime, seatIds } = await futureShowtime(prisma!);
    const hold = await call('holds.create', undefined, { showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
    // The session cookie is signed, HttpOnly and Secure: a browser sends it back over HTTPS only.
    expect(hold.setCookie).toMatch(/^mq_session=[^;]+;/);
    expect(hold.setCookie).toMatch(/; Secure/);
    expect(hold.setCookie).toMatch(/; HttpOnly/);
    const cookie = hold.setCookie!.split(';')[0]!;
    const bookingId = hold.data.bookingId as string;

    const order = await call('payments.createOrder', cookie, { bookingId, method: 'checkout' });
    const paid = (await (
      await fetch(`${sandbox!.url}/_sandbox/orders/${order.data.orderId as string}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"outcome":"captured"}',
      })
    ).json()) as Record<string, string>;
    await call('payments.verify', cookie, {
      bookingId,
      razorpay_order_id: paid.razorpay_order_id,
      razorpay_payment_id: paid.razorpay_payment_id,
      razorpay_signature: paid.razorpay_signature,
    });
    const booking = await call('bookings.get', cookie, { bookingId });
    expect(booking.data.status).toBe('CONFIRMED');
    expect(booking.data.tickets).toHaveLength(2);
    // Another browser (no cookie of this session) cannot read it.
    const stranger = await fetch(
      `${base}/trpc/bookings.get?input=${encodeURIComponent(JSON.stringify({ bookingId }))}`,
    );
    expect(stranger.ok).toBe(false);
  });

  it("makes the first cinema's admin, who signs in with a Secure, strict staff cookie", async () => {
    expect(adminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(secondSetup.status).toBe(1);
    expect(secondSetup.output).toMatch(/exists already/);
    const host = new URL(base).host;
    const login = await fetch(`${base}/trpc/manager.login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: `https://${host}`,
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '203.0.113.8',
      },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: adminPassword }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('mq_staff=')) ?? '';
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    const me = (await (
      await fetch(`${base}/trpc/manager.me`, { headers: { cookie: setCookie.split(';')[0]! } })
    ).json()) as { result: { data: { role: string; email: string } } };
    expect(me.result.data).toMatchObject({ role: 'ADMIN', email: ADMIN_EMAIL });
  });

  it('serves the web app with production headers and no source maps', async () => {
    const page = await fetch(`${base}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${base}${script}`)).status).toBe(200);
    expect((await fetch(`${base}${script}.map`)).status).toBe(404);
    // A source map a development build left in place is not served either.
    const leftOver = path.join(folder, 'kiosk/out/web', `${script!}.map`);
    writeFileSync(leftOver, '{"version":3,"sources":["secret.ts"]}');
    try {
      expect((await fetch(`${base}${script}.map`)).status).toBe(404);
    } finally {
      rmSync(leftOver);
    }
  });

  it('keeps /metrics off the public port, on its own listener', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toContain('marquee_holds_total');
  });

  it('listens on the public and metrics ports only; the worker on none; no development helper runs', () => {
    const apiPorts = listeningPorts(api.child.pid!);
    expect(apiPorts).toEqual([Number(env.PORT), metricsPort].sort((a, b) => a - b));
    expect(listeningPorts(worker.child.pid!)).toEqual([]);
    for (const port of DEVELOPMENT_HELPER_PORTS) expect(apiPorts).not.toContain(port);
    // Neither process started another (the helpers would be children of whatever started them).
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', `${api.child.pid},${worker.child.pid}`], {
      encoding: 'utf8',
    });
    expect(children.stdout.trim()).toBe('');
  });

  it('stops cleanly on SIGTERM', async () => {
    const deadline = (p: TProcess) =>
      Promise.race([p.exited, new Promise((r) => setTimeout(() => r('timeout'), STOP_DEADLINE_MS))]);
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await deadline(api)).toBe(0);
    expect(await deadline(worker)).toBe(0);
  }, 40_000);
});
