// Live fan-out: SSE subscribers of one show's seat map (seats.onChange), in client processes of
// their own, each process from a loopback source address of its own. Measured beside the baseline in the
// same run, the limit of this machine: a bare Node `http` server writing the same frame to the same
// number of sockets. Per stage of one event (hold answered, its PUBLISH to Redis, the channel message
// back, first and last socket write, the clients' arrival and parse) from socket-level marks taken
// inside the API process (fanout-trace.mjs). Then 20,000 subscribers across two instances, and a
// reconnect storm: every stream dropped at once and reopened within a few seconds, each refetching
// the seat map as the app does, with the database reads it cost.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { createPrisma } from '../../server/src/db/prisma';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import {
  benchPrefix,
  channelHasSubscriber,
  freePort,
  freshDatabase,
  pct,
  report,
  root,
  startProcess,
  stopProcess,
  type TRow,
} from './lib';
import type { TClientCommand, TClientReply, TStormResult } from './sse-clients';

/** Subscribers per instance (BENCH_FANOUT_SUBSCRIBERS lowers it on a loaded machine). */
const SUBSCRIBERS = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 10_000);
const ROUNDS = 20;
const PER_PROCESS = 2_500;
const STORM_SPREAD_MS = 3_000;
/** What a browser's fetch of the seat map sends: it takes the map compressed. */
const SEAT_MAP_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };
const now = () => performance.timeOrigin + performance.now();

/** How the figures read, and the design before the show hub, measured by this bench (kept as written then). */
const NOTE = `Where the delay was. Before the show hub each subscriber was a tRPC async generator with its own listener, timers, AbortSignals and Web streams, serializing and framing every event again. Measured by this bench on 2026-11-28 against that code, under load (other benches and builds on the two cores, load average 13 to 18): 157.6 KB of server memory per subscriber, hold → last subscriber p99 20,982 ms (6.3× its bare baseline's 3,311 ms). The stages of one event, medians of 20 rounds: the hold answered at 72 ms, its PUBLISH sent at 61 ms, the channel message at the instance at 114 ms, the first subscriber socket written at 4,295 ms and the last at 6,489 ms. The seconds went between the instance's receipt and its first write: every event woke ten thousand generators, each stepping through a dozen awaits in lock step, and no socket was written before nearly all of them had been worked through. With the hub (table above, a quiet machine) the first socket is written within a millisecond of the channel message and the rest follow at the machine's write speed, a thousand per turn of the event loop: the last write lands where the bare server's does.

Memory. A hijacked stream used to keep everything Node's HTTP server and Fastify had made for its request: the HTTP parser (C++ memory too), eleven bound listeners, the request with its headers, the response and Fastify's request and reply, about 9 KB of JavaScript heap a subscriber. The stream now takes its socket out of the HTTP server as Node does for an upgraded connection (server/src/http/take-socket.ts) and keeps 2.8 KB (heap row; the bare server keeps 4.9 KB, its request and response). Resident memory per subscriber is read after a full collection from each server once it has opened and closed a first ten thousand streams, as a server that has been up a while has: a fresh API process grows its young generation (128 MB semi-spaces) to fit the garbage of its first ten thousand opening requests and keeps it, a one-off of up to 384 MB, which read from a fresh process (as this bench did before 2026-11-28's last runs) came to 12 to 20 KB a subscriber. The resident figure moves by a few KB between runs; the heap row is the steady one.

The bench's own clients. Until 2026-11-28's last runs the client processes bound every connection to one 127.0.0.x address each for the whole bench. By the API's turn each address had thousands of ports taken (open, or in TIME_WAIT for a minute after the baseline's streams closed), and the kernel's search for a free port on each bind cost the clients milliseconds a connection: in a CPU profile of the seat-map storm each client process spent 20 s of its 28 in connect. Those clients took the cores from the server they measured: the API's streams took 2.5 times the baseline's to open, the storms 3 to 5 times as long (4.6 to 35 s), and hold → last subscriber p99 read 262 to 417 ms (the bare server 270 to 509 ms). Each burst of connections now comes from loopback addresses no connection has used, as ten thousand browsers on their own machines would, and the same server code reads as in the table: over 2026-11-28's last runs on a quiet machine p99 149 to 203 ms (1.0× to 1.2× the bare server), medians 113 to 123 ms.

Latency. The writes are the time now: the first socket is written within a millisecond of the channel message, then ten thousand writes at about 11 µs each, most of it the kernel's loopback TCP (charged to the writer), and the last subscriber has the bytes within a few milliseconds of its write, at the same median as the bare server's. A fresh process's first event also pays for compiling its path (the hold, the writes, the clients' parse) and is reported apart, in the row's note. Two instances on this machine share its two cores with twenty thousand clients: their p99 is over 250 ms as the two bare servers' is, at 1.1× theirs.

The reconnect storm. With streams alone the API is back as fast as the bare server (about 3.2 s, the reconnections spread over 3 s). With every client also fetching the seat map (two requests each, twenty thousand in three seconds), about 3.6 s: the map goes as brotli (2.5 KB of its 25 KB of JSON), compressed once per seat version. Sent whole, as before 2026-11-28's last runs, it took 4.0 to 4.6 s, the accept queue (4,096, the API's listen backlog; Node's default is 511) overflowing for several hundred to four thousand connection attempts that TCP sent again a second later. The database was read a handful of times for ten thousand seat maps and streams (the last row): opening a stream of a live show and answering its seat map read the hub's version and the kept JSON.`;

/** Resident memory of a process and its children (tsx runs the server in a child node process). */
function rssOf(pid: number): number {
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return own + children.reduce((sum, child) => sum + rssOf(child), 0);
}

/** The processes of a tree: `pid` and its descendants. */
function treeOf(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return [pid, ...children.flatMap((child) => treeOf(Number(child)))];
}

/**
 * The resident memory of a process tree once every process in it has collected its garbage
 * (memory-probe.mjs, loaded into each through NODE_OPTIONS): what its live objects and sockets hold,
 * not the garbage ten thousand requests just left.
 */
async function settled(pid: number): Promise<{ rss: number; heap: number }> {
  const probed = treeOf(pid).filter((p) => existsSync(path.join(MEMORY_PROBE_DIR, `${p}.ready`)));
  if (!probed.length) throw new Error(`no memory probe in process ${pid}`);
  for (const p of probed) {
    rmSync(path.join(MEMORY_PROBE_DIR, `${p}.json`), { force: true });
    process.kill(p, 'SIGUSR2');
  }
  for (let i = 0; probed.some((p) => !existsSync(path.join(MEMORY_PROBE_DIR, `${p}.json`))); i++) {
    if (i === 200) throw new Error('the memory probe did not answer within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const heaps = probed.map(
    (p) =>
      (JSON.parse(readFileSync(path.join(MEMORY_PROBE_DIR, `${p}.json`), 'utf8')) as { heapUsed: number }).heapUsed,
  );
  return { rss: rssOf(pid), heap: Math.max(...heaps) };
}

/** Waits until the bare server holds no stream (it answers /healthz with how many it holds). */
async function bareStreamsClosed(port: number): Promise<void> {
  for (let i = 0; (await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()) !== '0'; i++) {
    if (i === 200) throw new Error('the bare server kept its streams for 20 s after their clients went');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Per subscriber: what `after` holds more than `before`. */
const perSubscriber = (before: { rss: number; heap: number }, after: { rss: number; heap: number }) => ({
  rss: (after.rss - before.rss) / SUBSCRIBERS,
  heap: (after.heap - before.heap) / SUBSCRIBERS,
});

/** Where memory-probe.mjs answers; made when the bench starts. */
let MEMORY_PROBE_DIR = '';
const withMemoryProbe = (env: Record<string, string> = {}) => ({
  ...env,
  MEMORY_PROBE_DIR,
  NODE_OPTIONS: `${env.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? ''} --import=${path.join(root, 'scripts/bench/memory-probe.mjs')}`,
});

/**
 * A loopback source address no connection of this run has used yet (127.0.0.0/8 is all loopback).
 * Each burst of connections (streams opened, a storm) comes from fresh ones: binding a socket to an
 * address makes the kernel search that address's ports for a free one, and with thousands taken
 * (open, or in TIME_WAIT for a minute after closing) that search cost the client processes
 * milliseconds a connection, which made the storm seem three times slower than the server made it.
 * Browsers on ten thousand machines have no such cost; the baseline's clients get the same treatment.
 * A random /16 per run keeps a run clear of the last run's TIME_WAIT.
 */
const sourceAddress = (() => {
  const block = `127.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 256)}`;
  let next = 1;
  return () => {
    if (next > 254) throw new Error('the bench ran out of source addresses');
    return `${block}.${next++}`;
  };
})();

/** Client processes splitting the subscribers between them, each connecting from addresses of its own. */
class ClientFleet {
  private readonly procs: ChildProcess[] = [];
  private readonly waiting = new Map<ChildProcess, ((reply: TClientReply) => void)[]>();

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const proc = fork(path.join(root, 'scripts/bench/sse-clients.ts'), [], {
        execArgv: ['--import', 'tsx', '--max-semi-space-size=64'],
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      this.waiting.set(proc, []);
      proc.on('message', (reply: TClientReply) => this.waiting.get(proc)!.shift()?.(reply));
      this.procs.push(proc);
    }
  }

  private ask<T extends TClientReply>(proc: ChildProcess, command: TClientCommand): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.get(proc)!.push(resolve as (reply: TClientReply) => void);
      proc.send(command);
    });
  }

  /** `count` streams to port/path, spread over this fleet's processes. */
  async open(port: number, streamPath: string, count: number): Promise<number> {
    const share = Math.ceil(count / this.procs.length);
    const replies = await Promise.all(
      this.procs.map((proc, i) =>
        this.ask<Extract<TClientReply, { type: 'opened' }>>(proc, {
          type: 'open',
          port,
          path: streamPath,
          count: Math.min(share, count - i * share),
          localAddress: sourceAddress(),
        }),
      ),
    );
    const failed = replies.reduce((n, r) => n + r.failed, 0);
    if (failed) console.warn(`${failed} of ${count} streams did not open, e.g. ${replies.find((r) => r.error)?.error}`);
    return failed;
  }

  round(round: number, seatId: string): void {
    for (const proc of this.procs) proc.send({ type: 'round', round, seatId } satisfies TClientCommand);
  }

  async collect(round: number): Promise<{ arrived: number[]; parsed: number[] }> {
    const replies = await Promise.all(
      this.procs.map((proc) =>
        this.ask<Extract<TClientReply, { type: 'collected' }>>(proc, { type: 'collect', round }),
      ),
    );
    return { arrived: replies.flatMap((r) => r.arrived), parsed: replies.flatMap((r) => r.parsed) };
  }

  async storm(seatMapPath: string | null): Promise<TStormResult> {
    const replies = await Promise.all(
      this.procs.map((proc) =>
        this.ask<Extract<TClientReply, { type: 'stormed' }>>(proc, {
          type: 'storm',
          spreadMs: STORM_SPREAD_MS,
          seatMap: seatMapPath === null ? null : { path: seatMapPath, headers: SEAT_MAP_HEADERS },
          localAddress: sourceAddress(),
        }),
      ),
    );
    return {
      lastLiveAt: Math.max(...replies.map((r) => r.lastLiveAt)),
      liveAt: replies.flatMap((r) => r.liveAt),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      retries: replies.reduce((n, r) => n + r.retries, 0),
      error: replies.find((r) => r.error)?.error ?? null,
      seatMaps: replies.reduce((n, r) => n + r.seatMaps, 0),
    };
  }

  async live(): Promise<number> {
    const replies = await Promise.all(
      this.procs.map((proc) => this.ask<Extract<TClientReply, { type: 'counted' }>>(proc, { type: 'count' })),
    );
    return replies.reduce((n, r) => n + r.live, 0);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (proc) =>
          new Promise<void>((resolve) => {
            if (proc.exitCode !== null) return resolve();
            proc.once('exit', () => resolve());
            proc.send({ type: 'close' } satisfies TClientCommand);
          }),
      ),
    );
  }
}

/** Two fleets as one: each round's seat to both, their subscribers' arrivals together. */
const bothFleets = (a: ClientFleet, b: ClientFleet): Pick<ClientFleet, 'round' | 'collect'> => ({
  round: (r, seatId) => (a.round(r, seatId), b.round(r, seatId)),
  collect: async (r) => {
    const [x, y] = await Promise.all([a.collect(r), b.collect(r)]);
    return { arrived: [...x.arrived, ...y.arrived], parsed: [...x.parsed, ...y.parsed] };
  },
});

interface TRound {
  answered: number;
  first: number;
  last: number;
  /** Median over subscribers of arrival → parse done. */
  parse: number;
  /** Server-side marks (ms after the request was sent), when traced. */
  published?: number;
  received?: number;
  firstWrite?: number;
  lastWrite?: number;
  writes?: number;
}

/**
 * Runs ROUNDS + 1 events one after another, each started by `fire` (which resolves when its request
 * is answered), one seat each. The first is reported apart from the rest: a fresh process's first
 * event also pays for compiling its path (the hold's, the server's writes, the clients' parse), which a
 * server that has been up a while has done.
 */
async function rounds(
  fleet: Pick<ClientFleet, 'round' | 'collect'>,
  expected: number,
  seats: string[],
  fire: (seatId: string, round: number) => Promise<void>,
  trace: string | null,
): Promise<TRound[]> {
  const out: TRound[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const seatId = seats[r]!;
    fleet.round(r, seatId);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the clients have the round's seat
    const t0 = now();
    await fire(seatId, r);
    const answered = now() - t0;
    const { arrived, parsed } = await fleet.collect(r);
    if (arrived.length < expected)
      throw new Error(`round ${r}: only ${arrived.length} of ${expected} subscribers saw the event`);
    const sortedArrivals = arrived.map((t) => t - t0).sort((a, b) => a - b);
    const parses = parsed.map((t, i) => t - arrived[i]!).sort((a, b) => a - b);
    const round: TRound = {
      answered,
      first: sortedArrivals[0]!,
      last: sortedArrivals.at(-1)!,
      parse: pct(parses, 0.5),
    };
    if (trace) {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the trace file is written 300 ms after the last write
      const marks = (
        JSON.parse(readFileSync(trace, 'utf8')) as Record<
          string,
          { published: number; received: number; firstWrite: number; lastWrite: number; writes: number }
        >
      )[seatId];
      if (marks)
        Object.assign(round, {
          published: marks.published - t0,
          received: marks.received - t0,
          firstWrite: marks.firstWrite - t0,
          lastWrite: marks.lastWrite - t0,
          writes: marks.writes,
        });
    }
    out.push(round);
  }
  return out;
}

const ms = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(0)} ms`);
const med = (rs: TRound[], key: keyof TRound) => {
  const values = rs.map((r) => r[key]).filter((v): v is number => v !== undefined);
  return values.length
    ? pct(
        values.sort((a, b) => a - b),
        0.5,
      )
    : undefined;
};
const p99 = (rs: TRound[], key: keyof TRound) =>
  pct(
    rs.map((r) => r[key] as number).sort((a, b) => a - b),
    0.99,
  );
const ratio = (value: number, base: number) => `${(value / base).toFixed(1)}× baseline`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Connections this machine's kernel turned away because a listening socket's accept queue was full
 * (TcpExt ListenOverflows): each such client's SYN is dropped and sent again after TCP's backoff
 * (1 s, then 2, 4, 8, 16 s), however quickly the server gets to it afterwards.
 */
function listenOverflows(): number {
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('TcpExt:'));
  const at = names!.split(/\s+/).indexOf('ListenOverflows');
  return Number(values!.split(/\s+/)[at]);
}

/** Transactions Postgres counted for one database (every statement outside a transaction is one). */
async function transactions(databaseUrl: string): Promise<number> {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

export async function benchFanout(): Promise<string> {
  MEMORY_PROBE_DIR = mkdtempSync(path.join(os.tmpdir(), 'marquee-memory-probe-'));
  const databaseUrl = await freshDatabase('marquee_bench_fanout');
  const prisma = createPrisma({ databaseUrl, poolSize: 2 });
  await seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'development', SEED_DEMO: false },
    dataDir: '/tmp/marquee-bench-fanout',
  });
  await prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  const show = await prisma.showtime.findFirstOrThrow({
    where: { screen: { name: 'Audi 1' }, startsAt: { gt: new Date(Date.now() + 3600_000) } },
    orderBy: { startsAt: 'asc' },
    include: { screen: { include: { seats: { where: { type: 'STANDARD' }, orderBy: { label: 'asc' } } } } },
  });
  await prisma.$disconnect();
  const seats = show.screen.seats.map((s) => s.id);
  if (seats.length < 2 * (ROUNDS + 1)) throw new Error('the bench show has too few standard seats');
  const processes = Math.ceil(SUBSCRIBERS / PER_PROCESS);
  const rows: TRow[] = [];
  const trace = `/tmp/marquee-fanout-trace-${process.pid}.json`;
  const stopping: (() => Promise<void>)[] = [];
  try {
    // Baseline: the bare server, the same frame, the same number of sockets and client processes.
    const barePort = await freePort();
    const bare = await startProcess(
      'scripts/bench/bare-sse-server.ts',
      [String(barePort)],
      withMemoryProbe(),
      `http://127.0.0.1:${barePort}/healthz`,
      [],
    );
    stopping.push(() => stopProcess(bare));
    // Each server opens a first set of streams (timed) and sees them closed before its memory is read
    // from a second: see the API's below.
    const firstBareFleet = new ClientFleet(processes);
    stopping.push(() => firstBareFleet.close());
    let openedAt = now();
    let failed = await firstBareFleet.open(barePort, '/stream', SUBSCRIBERS);
    const bareOpen = now() - openedAt;
    if (failed) throw new Error(`baseline: ${failed} streams did not open`);
    await firstBareFleet.close();
    await bareStreamsClosed(barePort);
    const bareFleet = new ClientFleet(processes);
    stopping.push(() => bareFleet.close());
    const bareBefore = await settled(bare.pid!);
    failed = await bareFleet.open(barePort, '/stream', SUBSCRIBERS);
    if (failed) throw new Error(`baseline: ${failed} streams did not open`);
    const bareMemory = perSubscriber(bareBefore, await settled(bare.pid!));
    const frameOf = (seatId: string, version: number) =>
      `data: ${JSON.stringify({ showtimeId: show.id, version, seats: [{ id: seatId, state: 'held' }] })}\n\n\n`;
    const publish = (port: number, seatId: string, r: number) =>
      fetch(`http://127.0.0.1:${port}/publish`, { method: 'POST', body: frameOf(seatId, r) }).then((res) => res.text());
    const [baseFirst, ...base] = await rounds(
      bareFleet,
      SUBSCRIBERS,
      seats,
      (seatId, r) => publish(barePort, seatId, r).then(() => {}),
      null,
    );
    const bareOverflowsBefore = listenOverflows();
    const bareStorm = now();
    const bareStormed = await bareFleet.storm(null);
    const bareOverflows = listenOverflows() - bareOverflowsBefore;
    const bareStormMs = bareStormed.lastLiveAt - bareStorm;
    const bareLive = bareStormed.liveAt.map((t) => t - bareStorm).sort((a, b) => a - b);
    // The baseline of two instances: a second bare server with as many sockets, every frame
    // published to both at once (as Redis hands each instance its channel message).
    const barePortB = await freePort();
    const bareB = await startProcess(
      'scripts/bench/bare-sse-server.ts',
      [String(barePortB)],
      {},
      `http://127.0.0.1:${barePortB}/healthz`,
      [],
    );
    stopping.push(() => stopProcess(bareB));
    const bareFleetB = new ClientFleet(processes);
    stopping.push(() => bareFleetB.close());
    failed = await bareFleetB.open(barePortB, '/stream', SUBSCRIBERS);
    if (failed) throw new Error(`baseline: ${failed} streams did not open on the second server`);
    const [, ...baseTwo] = await rounds(
      bothFleets(bareFleet, bareFleetB),
      2 * SUBSCRIBERS,
      seats.slice(ROUNDS + 1),
      (seatId, r) => Promise.all([publish(barePort, seatId, r), publish(barePortB, seatId, r)]).then(() => {}),
      null,
    );
    for (const stop of stopping.splice(0).reverse()) await stop();

    // One API instance.
    const prefix = benchPrefix();
    const limits = {
      // The bench sets its own stream limits: every client process is one address.
      LIVE_STREAMS_PER_ADDRESS: String(PER_PROCESS + 100),
      LIVE_STREAMS_PER_INSTANCE: String(SUBSCRIBERS + 100),
    };
    const apiEnv = (port: number) => ({
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      HOLDS_PER_MINUTE: '1000000',
      ...limits,
    });
    const portA = await freePort();
    rmSync(trace, { force: true });
    const apiA = await startProcess(
      'server/src/main.ts',
      [],
      withMemoryProbe({
        ...apiEnv(portA),
        FANOUT_TRACE_FILE: trace,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(root, 'scripts/bench/fanout-trace.mjs')}`,
      }),
      `http://127.0.0.1:${portA}/readyz`,
    );
    stopping.push(() => stopProcess(apiA));
    const streamPath = `/trpc/seats.onChange?input=${encodeURIComponent(JSON.stringify({ showtimeId: show.id }))}`;
    // The fresh process opens its first streams (timed, as the baseline's were), which closed again
    // leave it as a server that has been up a while: its young generation grown once, to the API's
    // 128 MB semi-spaces (npm start's flags), to fit the opening requests' garbage. Its memory per
    // subscriber is then read from a second set of streams, so that one-off (up to 384 MB) is in
    // both readings; read from a fresh process it came to 12 to 20 KB a subscriber.
    const firstFleet = new ClientFleet(processes);
    stopping.push(() => firstFleet.close());
    openedAt = now();
    failed = await firstFleet.open(portA, streamPath, SUBSCRIBERS);
    const apiOpen = now() - openedAt;
    if (failed) throw new Error(`${failed} seats.onChange streams did not open`);
    await firstFleet.close();
    await channelHasSubscriber(`${prefix}seats:${show.id}`, false);
    const fleetA = new ClientFleet(processes);
    stopping.push(() => fleetA.close());
    const before = await settled(apiA.pid!);
    failed = await fleetA.open(portA, streamPath, SUBSCRIBERS);
    if (failed) throw new Error(`${failed} seats.onChange streams did not open`);
    await channelHasSubscriber(`${prefix}seats:${show.id}`);
    const apiMemory = perSubscriber(before, await settled(apiA.pid!));
    const hold = (port: number) => async (seatId: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/trpc/holds.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ showtimeId: show.id, seatIds: [seatId] }),
      });
      if (!res.ok) throw new Error(`hold failed: ${res.status} ${await res.text()}`);
      await res.text();
    };
    const [oneFirst, ...one] = await rounds(fleetA, SUBSCRIBERS, seats, hold(portA), trace);

    console.log(
      'one instance, stages (median ms):',
      JSON.stringify(
        Object.fromEntries(
          (['answered', 'published', 'received', 'firstWrite', 'lastWrite', 'first', 'last', 'parse'] as const).map(
            (k) => [k, med(one, k)],
          ),
        ),
      ),
      'memory',
      kb(apiMemory.rss),
      'base last p99',
      p99(base, 'last'),
      'last p99',
      p99(one, 'last'),
    );
    // The reconnect storm on that instance: first the streams alone, as the baseline reopens them;
    // then again with every client refetching the seat map, as the app does.
    const seatMapPath = `/catalog/seat-maps/${show.id}`;
    const seatMapBytes = (await (await fetch(`http://127.0.0.1:${portA}${seatMapPath}`)).arrayBuffer()).byteLength;
    // As the storm's clients take it (fetch would decompress): its size on the wire.
    const seatMapWireBytes = await new Promise<number>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${portA}${seatMapPath}`, { headers: SEAT_MAP_HEADERS }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
        })
        .on('error', reject);
    });
    const streamsOnlyAt = now();
    const streamsOnly = await fleetA.storm(null);
    const streamsOnlyMs = streamsOnly.lastLiveAt - streamsOnlyAt;
    const xactBefore = await transactions(databaseUrl);
    const overflowsBefore = listenOverflows();
    const stormAt = now();
    const stormed = await fleetA.storm(seatMapPath);
    const overflows = listenOverflows() - overflowsBefore;
    const stormMs = stormed.lastLiveAt - stormAt;
    const stormLive = stormed.liveAt.map((t) => t - stormAt).sort((a, b) => a - b);
    const xactStorm = (await transactions(databaseUrl)) - xactBefore - 2; // less this probe's own two
    // The same span with nothing happening: what the API's own background work reads meanwhile.
    const quietBefore = await transactions(databaseUrl);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1000, stormMs)));
    const xactQuiet = (await transactions(databaseUrl)) - quietBefore - 2;
    const liveAfterStorm = await fleetA.live();

    // Two instances, SUBSCRIBERS each; holds made on the first.
    const portB = await freePort();
    const apiB = await startProcess('server/src/main.ts', [], apiEnv(portB), `http://127.0.0.1:${portB}/readyz`);
    stopping.push(() => stopProcess(apiB));
    const fleetB = new ClientFleet(processes);
    stopping.push(() => fleetB.close());
    failed = await fleetB.open(portB, streamPath, SUBSCRIBERS);
    const openB = SUBSCRIBERS - failed;
    const [, ...two] = await rounds(
      bothFleets(fleetA, fleetB),
      SUBSCRIBERS + openB,
      seats.slice(ROUNDS + 1),
      hold(portA),
      null,
    );
    for (const stop of stopping.splice(0).reverse()) await stop();

    const baseLast = p99(base, 'last');
    rows.push(
      {
        name: 'baseline: bare Node http, same frame to every socket',
        value: `${SUBSCRIBERS.toLocaleString('en')} sockets`,
        note: `opened in ${(bareOpen / 1000).toFixed(1)} s; ${kb(bareMemory.rss)} resident and ${kb(bareMemory.heap)} of JavaScript heap a socket; publish → last subscriber p99 ${ms(baseLast)} (median ${ms(med(base, 'last'))}), first ${ms(med(base, 'first'))}; ${ROUNDS} rounds after a first not counted (${ms(baseFirst!.last)})`,
      },
      {
        name: 'SSE subscribers on one instance',
        value: SUBSCRIBERS.toLocaleString('en'),
        note: `${processes} client processes; opened in ${(apiOpen / 1000).toFixed(1)} s (${ratio(apiOpen, bareOpen)}); all saw every hold`,
      },
      {
        name: 'server memory per subscriber',
        value: kb(apiMemory.rss),
        note: `${ratio(apiMemory.rss, bareMemory.rss)} (${kb(bareMemory.rss)}); resident memory after a full garbage collection, ${SUBSCRIBERS.toLocaleString('en')} streams open against none (RSS ${Math.round(before.rss / 2 ** 20)} → ${Math.round((before.rss + apiMemory.rss * SUBSCRIBERS) / 2 ** 20)} MB), the API with npm start's flags, each server read once it had opened and closed a first ${SUBSCRIBERS.toLocaleString('en')}: what such a burst grows (the API's young generation, up to 384 MB) is in both readings; it moves by a few KB from run to run (pages V8 and malloc keep or give back), the heap row below does not; target 16 KB`,
      },
      {
        name: 'server memory per subscriber: JavaScript heap kept',
        value: kb(apiMemory.heap),
        note: `${ratio(apiMemory.heap, bareMemory.heap)} (${kb(bareMemory.heap)}); live objects after a full collection: the socket and its hub entry (the bare server also keeps each request and response)`,
      },
      {
        name: 'hold → last subscriber sees it, p99 of rounds',
        value: ms(p99(one, 'last')),
        note: `${ratio(p99(one, 'last'), baseLast)} (${ms(baseLast)}); median ${ms(med(one, 'last'))}; ${ROUNDS} holds one at a time after the fresh process's first, not counted: ${ms(oneFirst!.last)}; target 250 ms`,
      },
      {
        name: 'stage: hold answered',
        value: ms(med(one, 'answered')),
        note: 'median of rounds, from the request sent; every stage below likewise',
      },
      { name: 'stage: event PUBLISHed to Redis', value: ms(med(one, 'published')), note: 'the hold script sent' },
      { name: 'stage: channel message back at the instance', value: ms(med(one, 'received')) },
      {
        name: 'stage: first subscriber socket written',
        value: ms(med(one, 'firstWrite')),
        note: `baseline first arrival ${ms(med(base, 'first'))}`,
      },
      {
        name: 'stage: last subscriber socket written',
        value: ms(med(one, 'lastWrite')),
        note: `${med(one, 'writes') ?? '–'} writes`,
      },
      { name: 'stage: first subscriber has the bytes', value: ms(med(one, 'first')) },
      { name: 'stage: last subscriber has the bytes', value: ms(med(one, 'last')) },
      {
        name: "stage: client's parse (median over subscribers)",
        value: `${((med(one, 'parse') ?? 0) * 1000).toFixed(0)} µs`,
        note: `baseline ${((med(base, 'parse') ?? 0) * 1000).toFixed(0)} µs`,
      },
      {
        name: 'two instances: subscribers, each seeing every hold',
        value: (SUBSCRIBERS + openB).toLocaleString('en'),
        note: `${SUBSCRIBERS.toLocaleString('en')} each, ${2 * processes} client processes from ${2 * processes} addresses; holds on the first`,
      },
      {
        name: 'two instances: hold → last subscriber sees it, p99 of rounds',
        value: ms(p99(two, 'last')),
        note: `${ratio(p99(two, 'last'), p99(baseTwo, 'last'))} (two bare servers, ${SUBSCRIBERS.toLocaleString('en')} sockets each: ${ms(p99(baseTwo, 'last'))}, median ${ms(med(baseTwo, 'last'))}); median ${ms(med(two, 'last'))}; the two instances and their 20,000 clients share the two cores`,
      },
      {
        name: 'reconnect storm: all live again, streams only',
        value: ms(streamsOnlyMs),
        note: `${SUBSCRIBERS.toLocaleString('en')} streams dropped at once and reopened over ${STORM_SPREAD_MS / 1000} s; ${ratio(streamsOnlyMs, bareStormMs)} (${ms(bareStormMs)}); half live again at ${ms(
          pct(
            streamsOnly.liveAt.map((t) => t - streamsOnlyAt).sort((a, b) => a - b),
            0.5,
          ),
        )} (baseline ${ms(pct(bareLive, 0.5))}); connections dropped for a full accept queue: baseline ${bareOverflows.toLocaleString('en')}; ${streamsOnly.retries} retried, ${streamsOnly.failed} failed for good`,
      },
      {
        name: 'reconnect storm: all live again, each with its seat map',
        value: ms(stormMs),
        note: `the same, each client then fetching the seat map (${(seatMapBytes / 1024).toFixed(0)} KB of JSON, ${(seatMapWireBytes / 1024).toFixed(1)} KB as sent compressed to a browser; no ETag: every client needs the new map); ${ratio(stormMs, bareStormMs)}; half live again at ${ms(pct(stormLive, 0.5))}, nine in ten at ${ms(pct(stormLive, 0.9))}; connections dropped for a full accept queue ${overflows.toLocaleString('en')}; ${stormed.retries} retried a second later (first error: ${stormed.error ?? 'none'}), ${stormed.failed} failed for good, ${liveAfterStorm.toLocaleString('en')} live after`,
      },
      {
        name: 'reconnect storm: database transactions',
        value: String(xactStorm),
        note: `${stormed.seatMaps.toLocaleString('en')} seat maps fetched; ${xactQuiet} in the same span with nothing happening (the API's own background work)`,
      },
    );
  } finally {
    for (const stop of stopping.reverse()) await stop().catch(() => {});
    rmSync(trace, { force: true });
    rmSync(MEMORY_PROBE_DIR, { recursive: true, force: true });
  }
  return report(
    'Live fan-out',
    `SSE subscribers of one show's seat map (seats.onChange) in client processes of their own (${PER_PROCESS.toLocaleString('en')} each, each burst of connections from loopback addresses no earlier connection used), parsing every frame as tRPC's EventSource client does; ${ROUNDS} holds one after another (after one more, a fresh process's first, reported apart), each timed until every subscriber has seen its seat held. Stages are socket-level marks in the API process (its writes to Redis, the channel message back, its writes to subscriber sockets) on the clients' clock, the machine's. Clients, servers, Postgres and Redis share this machine's two cores.`,
    rows,
  ).concat(`\n${NOTE}\n`);
}
