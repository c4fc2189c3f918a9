// Shared bench plumbing: a private database, child processes, load runs, the report table.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import getPort from 'get-port';
import prettier from 'prettier';
import { withDatabase } from '../../server/src/db/database-url';
import { dropDatabase, ensureDatabase } from '../../server/src/db/ensure-database';
import { applyMigrations } from '../../server/src/db/schema-engine';
import { createPrisma } from '../../server/src/db/prisma';
import { Jobs } from '../../server/src/jobs/queues';
import { createLogger } from '../../server/src/logger';
import { createRedis } from '../../server/src/redis';
import { deleteRedisKeys } from '../../server/src/test/test-databases';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import { API_NODE_FLAGS } from '../lib/node-flags.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const createdDatabases = new Set<string>();
const createdPrefixes = new Set<string>();

/** A Redis key prefix for one bench server; its keys (BullMQ's `{<prefix>bull}:…` too) go at cleanUp(). */
export function benchPrefix(kind = 'bench'): string {
  const prefix = `${kind}:${randomUUID().slice(0, 8)}:`;
  createdPrefixes.add(prefix);
  return prefix;
}

/** Drops every database and deletes every Redis key this bench run made (after its processes stopped). */
export async function cleanUp(): Promise<void> {
  for (const url of createdDatabases) await dropDatabase(url);
  createdDatabases.clear();
  const redis = createRedis({ url: REDIS_URL, prefix: '', lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    for (const prefix of createdPrefixes) {
      await deleteRedisKeys(redis, `${prefix}*`);
      await deleteRedisKeys(redis, `{${prefix}bull}*`);
    }
    createdPrefixes.clear();
  } finally {
    redis.disconnect();
  }
}

/** Waits until a worker process serves the queue: BullMQ names each worker's connection, CLIENT LIST shows it. */
export async function queueHasWorker(prefix: string, queueName: 'expiry'): Promise<void> {
  const jobs = new Jobs({ REDIS_URL, REDIS_PREFIX: prefix }, createLogger({ LOG_LEVEL: 'silent' }, 'bench'));
  try {
    for (let i = 0; (await jobs[queueName].getWorkersCount()) === 0; i++) {
      if (i > 300) throw new Error(`no worker took the ${queueName} queue`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await jobs.close();
  }
}

/**
 * Waits until some process has subscribed to a pub/sub channel (a live stream's readiness), or with
 * `has` false until none has (its last stream gone).
 */
export async function channelHasSubscriber(channel: string, has = true): Promise<void> {
  const redis = createRedis({ url: REDIS_URL, prefix: '', lazyConnect: true });
  try {
    await redis.connect();
    for (let i = 0; Number(((await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1]) > 0 !== has; i++) {
      if (i > 300) throw new Error(has ? `nobody subscribed to ${channel}` : `${channel} kept its subscribers`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    redis.disconnect();
  }
}

export async function freshDatabase(name: string): Promise<string> {
  const url = withDatabase(ADMIN_URL, name);
  createdDatabases.add(url);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations({ databaseUrl: url });
  return url;
}

export const freePort = (): Promise<number> => getPort({ host: '127.0.0.1' });

/**
 * A private database (marquee_bench_<name>) with the demo cinema, relaxed so that arbitrary single
 * seats can be held (no single-seat-gap rule, companion seats sold as standard: the benches measure
 * holding itself, not the seat rules), and `shows` shows of one movie on Audi 1, a day apart from
 * `fromDays` days ahead, every seat type at ₹200.
 */
export async function benchCinema(name: string, { shows, fromDays }: { shows: number; fromDays: number }) {
  const databaseUrl = await freshDatabase(`marquee_bench_${name}`);
  const prisma = createPrisma({ databaseUrl, poolSize: 4 });
  await seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'development', SEED_DEMO: false },
    dataDir: `/tmp/marquee-bench-${name}`,
  });
  await prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
  const screen = await prisma.screen.findFirstOrThrow({ where: { name: 'Audi 1' }, include: { seats: true } });
  const movie = await prisma.movie.findFirstOrThrow();
  const showtimes: { id: string }[] = [];
  for (let i = 0; i < shows; i++) {
    const startsAt = new Date(Date.now() + (fromDays + i) * 86_400_000);
    showtimes.push(
      await prisma.showtime.create({
        data: {
          movieId: movie.id,
          screenId: screen.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
          prices: {
            create: ['STANDARD', 'PREMIUM', 'RECLINER', 'WHEELCHAIR', 'COMPANION'].map((t) => ({
              seatType: t as 'STANDARD',
              pricePaise: 20_000,
            })),
          },
        },
        select: { id: true },
      }),
    );
  }
  return { databaseUrl, prisma, screen, showtimes };
}

/** The value at fraction `p` (0.5: median) of an ascending list. */
export const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/**
 * Starts a TypeScript entry in its own process (its own core, as in production) and waits for its
 * URL to answer. Every server here, baselines included, runs with the API's Node flags. The API runs
 * as one instance unless `env` sets API_INSTANCES.
 */
/**
 * Every client of a bench is this machine's one address: the seat-spinning limits (per address and
 * show) would refuse all but the first few holds, so the load benches raise them (`pnpm bench pow`
 * measures what they cost).
 */
export const BENCH_ADDRESS_HOLD_LIMITS = {
  HOLD_SEATS_PER_ADDRESS_SOFT: '1000000',
  HOLD_SEATS_PER_ADDRESS_MAX: '1000000',
  HOLDS_PER_ADDRESS_HOURLY_SOFT: '1000000',
  HOLDS_PER_ADDRESS_PER_MINUTE: '1000000',
  WEB_SESSIONS_PER_ADDRESS_PER_MINUTE: '1000000',
};

export async function startProcess(
  entry: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  /** Node flags in place of the API's own (API_NODE_FLAGS). */
  flags: readonly string[] = API_NODE_FLAGS,
): Promise<ChildProcess> {
  const nodeFlags = [...flags, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])];
  // BENCH_STDOUT=1 shows the servers' logs (warnings included); BENCH_CPU_PROF=1 writes CPU profiles to /tmp/prof.
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [...nodeFlags, entry, ...args], {
    cwd: root,
    env: { ...process.env, API_INSTANCES: '1', ...BENCH_ADDRESS_HOLD_LIMITS, ...env },
    stdio: ['ignore', process.env.BENCH_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const ok = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM'); // not left running behind the failed bench
  throw new Error(`${entry} did not become ready at ${readyUrl}`);
}

/** The Razorpay sandbox in a process of its own, as `npm start` runs it; its URL is the API's RAZORPAY_API_URL. */
export async function startSandbox(): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startProcess(
    'sandbox/src/main.ts',
    [],
    { RAZORPAY_SANDBOX_PORT: String(port) },
    `${url}/v1/checkout.js`,
  );
  return { process: child, url };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * CPU time (user + system, ms) used so far by a process and its descendants (tsx runs the entry in a
 * child, which may fork API instances), by every Postgres backend, and by redis-server, read from /proc. Null off Linux. Taken
 * before and after a run, it shows where each request's CPU went.
 */
export function cpuSnapshot(pid: number | undefined): { process: number; postgres: number; redis: number } | null {
  if (!existsSync('/proc/self/stat')) return null;
  const tick = 10; // ms per clock tick (USER_HZ is 100 on Linux)
  const totals = { process: 0, postgres: 0, redis: 0 };
  const procs: { pid: number; ppid: number; ms: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        ms: (Number(fields[11]) + Number(fields[12])) * tick,
        cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8'),
      });
    } catch {
      // the process ended between listing and reading
    }
  }
  // The process and all its descendants (tsx runs node as its child; an API with several instances forks them).
  const mine = new Set(pid === undefined ? [] : [pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of procs) {
    if (mine.has(p.pid)) totals.process += p.ms;
    else if (p.cmd.startsWith('postgres')) totals.postgres += p.ms;
    else if (p.cmd.startsWith('redis-server')) totals.redis += p.ms;
  }
  return totals;
}

export interface TLoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statusCounts: Record<string, number>;
  errors: number;
}

export async function load(opts: autocannon.Options): Promise<TLoadResult> {
  const result = await autocannon({ ...opts, connections: opts.connections ?? 200, duration: opts.duration ?? 8 });
  const statusCounts: Record<string, number> = {};
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {}))
    statusCounts[code] = (n as { count: number }).count;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCounts,
    errors: result.errors + result.timeouts,
  };
}

export interface TRow {
  name: string;
  value: string;
  note?: string;
}

/** Prints a section's table and returns it as markdown for docs/performance.md. */
export function report(section: string, intro: string, rows: TRow[]): string {
  const table = [
    '| measure | value | note |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.note ?? ''} |`),
  ].join('\n');
  console.log(`\n${section}\n${table}\n`);
  return `## ${section}\n\n${intro}\n\n${table}\n`;
}

/**
 * Rewrites docs/performance.md: the sections measured now, and the earlier ones of benches not run
 * this time (each section starts with a `<!-- bench:name -->` marker), in the order of `order`.
 */
export async function writePerformanceDoc(sections: Record<string, string>, order: string[]): Promise<void> {
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  const file = path.join(root, 'docs/performance.md');
  const earlier: Record<string, string> = {};
  if (existsSync(file)) {
    for (const part of readFileSync(file, 'utf8')
      .split(/(?=<!-- bench:)/)
      .slice(1)) {
      const name = /^<!-- bench:(\w+) -->/.exec(part)?.[1];
      // The capacity note follows the last section; it is written anew below, not carried along.
      if (name)
        earlier[name] =
          part
            .replace(/^<!-- bench:\w+ -->\n/, '')
            .split(/^## Capacity$/m)[0]!
            .trimEnd() + '\n';
    }
  }
  const machine = `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  const header = `# Performance\n\nWritten by \`pnpm bench\` (last run ${new Date().toISOString().slice(0, 10)} on ${machine}). Every figure is measured beside its baseline in the same run, on the same machine; compare ratios, not absolute numbers across machines. Each section says when it was measured.\n`;
  const stamp = `_Measured ${new Date().toISOString().slice(0, 10)}, ${machine}._\n\n`;
  const body = order
    .filter((name) => sections[name] ?? earlier[name])
    .map(
      (name) =>
        `<!-- bench:${name} -->\n${sections[name] ? sections[name].replace(/\n\n/, `\n\n${stamp}`) : earlier[name]}`,
    );
  // Formatted as the repository's formatter would, so a bench run leaves only its figures in the diff.
  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format([header, ...body, CAPACITY].join('\n'), { ...options, filepath: file }));
}

/** The capacity note closing docs/performance.md (reasoning from the figures above, not a measurement). */
const CAPACITY = `## Capacity

**One machine** (two cores, Postgres, Redis and Marquee together, as measured here) takes a couple
of thousand holds a second (2,200 to 2,500 created a second in the hold storm on the last machine
measured) with no seat sold twice; a busy Friday at a ten-screen cinema is a few holds a second at
the peak, so one such machine serves many cinemas. Seat-map reads and the live updates are the
heavier traffic: every customer watching a seat map holds one SSE stream, fed by one Redis
subscription per show per API process.

**What grows with cinemas and kiosks**: bookings and tickets (Postgres rows, indexed by show and
status), one hold key per held seat in Redis (expiring by itself), one delayed expiry job per open
hold, one heartbeat every 15 s per kiosk (a row update), and SSE connections (one per open seat map,
kiosk command stream and manager dashboard).

**Spreading out**: API instances are stateless behind a load balancer (sessions are signed cookies
or device tokens, live events go through Redis pub/sub, tested with two instances); on one machine
\`npm start\` runs one per core behind node:cluster, which adds up their metrics; workers run
anywhere in any number and share the queues (tested with two); Redis can be a Redis Cluster, since
every multi-key script stays in one slot through \`{st:<show>}\` and \`{<prefix>bull}\` hash tags
(tested on a real three-master cluster); Postgres is the arbiter of every sale, so it scales up
(and out with read replicas for catalog reads) before anything else needs to change.
`;
