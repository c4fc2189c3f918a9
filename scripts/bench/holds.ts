// Hold storm: 200 concurrent customers over HTTP holding seats of one showtime, beside two
// baselines measured in the same run: a bare Fastify route, and the same rows inserted straight
// into Postgres by a tight loop (no HTTP, no Redis, no checks).
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type autocannon from 'autocannon';
import pg from 'pg';
import {
  benchCinema,
  benchPrefix,
  cpuSnapshot,
  freePort,
  load,
  pct,
  report,
  startProcess,
  stopProcess,
  type TLoadResult,
  type TRow,
} from './lib';

const CONNECTIONS = 200;
const DURATION_S = 8;
/**
 * Each contender (API, bare route, insert loop) first runs this long unmeasured, so all three are
 * compared warm. One API instance reached its steady rate after about 10 s of the storm; each of
 * two instances takes half the storm, so they get twice as long.
 */
const WARM_UP_S = 20;
const SHOWTIMES = 10;
const INSTANCES = availableParallelism();

async function straightInserts(
  databaseUrl: string,
  showtimeId: string,
  seatIds: string[],
): Promise<{ perSecond: number; p50: number; p99: number; cpu: { client: number; postgres: number } | null }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  let latencies: number[] = [];
  let until = Date.now() + WARM_UP_S * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < until) {
      const started = performance.now();
      const client = await pool.connect();
      try {
        const id = randomUUID();
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "amountPaise", "feePaise", "expiresAt", "updatedAt")
           VALUES ($1, $2, $3, 'CANCELLED', 'WEB', $4, 20000, 0, now() + interval '10 minutes', now())`,
          [id, `bench-${n++}`, showtimeId, `bench:${id}`],
        );
        await client.query(
          `INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise", active) VALUES ($1, $2, $3, $4, 20000, false)`,
          [randomUUID(), id, showtimeId, seatIds[n % seatIds.length]],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  latencies = [];
  until = Date.now() + DURATION_S * 1000;
  const before = cpuSnapshot(process.pid);
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  // Before the pool ends: its backends' CPU leaves /proc with them.
  const after = cpuSnapshot(process.pid);
  await pool.end();
  latencies.sort((a, b) => a - b);
  const cpu =
    before && after
      ? {
          client: (after.process - before.process) / latencies.length,
          postgres: (after.postgres - before.postgres) / latencies.length,
        }
      : null;
  return { perSecond: latencies.length / DURATION_S, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), cpu };
}

/** Statements and holds so far per batched statement (read, write), from the API's summed /metrics. */
async function holdBatches(base: string): Promise<Record<'read' | 'write', { statements: number; holds: number }>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (suffix: string, statement: string) =>
    Number(
      text.match(new RegExp(`^marquee_hold_batch_size_${suffix}\\{statement="${statement}"\\} (\\S+)$`, 'm'))?.[1] ?? 0,
    );
  const of = (statement: string) => ({ statements: value('count', statement), holds: value('sum', statement) });
  return { read: of('read'), write: of('write') };
}

/**
 * One counted web session per storm client: a browser's session is counted against its address once,
 * on its first customer call, after which its cookie says so; autocannon keeps the cookie it is
 * given, so it gets the counted one. `headers(n)` are client n's own (its address, behind a proxy).
 */
function countedSessions(base: string, headers: (n: number) => Record<string, string> = () => ({})): Promise<string[]> {
  return Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, n) => {
      const minted = (await fetch(`${base}/trpc/catalog.movies`, { headers: headers(n) })).headers
        .get('set-cookie')!
        .split(';')[0]!;
      const counted = await fetch(`${base}/trpc/holds.release`, {
        method: 'POST',
        headers: { ...headers(n), 'content-type': 'application/json', cookie: minted },
        body: JSON.stringify({ bookingId: randomUUID() }),
      });
      return counted.headers.get('set-cookie')!.split(';')[0]!;
    }),
  );
}

/** The storm: client n, with its session and headers, holds one random seat of its show again and again. */
function stormOptions(
  base: string,
  {
    showtimes,
    seatIds,
    cookies,
    headers = () => ({}),
  }: {
    showtimes: { id: string }[];
    seatIds: string[];
    cookies: string[];
    headers?: (n: number) => Record<string, string>;
  },
): autocannon.Options {
  let next = 0;
  return {
    url: `${base}/trpc/holds.create`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    setupClient: (client) => {
      const n = next++ % CONNECTIONS;
      const showtimeId = showtimes[n % showtimes.length]!.id;
      client.setHeaders({ 'content-type': 'application/json', cookie: cookies[n]!, ...headers(n) });
      client.setRequests([
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ showtimeId, seatIds: [seatIds[Math.floor(Math.random() * seatIds.length)]] }),
          }),
        },
      ]);
    },
    requests: [{ method: 'POST' as const }],
  };
}

/**
 * The same storm with the seat-spinning limits on, as behind a load balancer: one trusted proxy hop,
 * each client its own address in X-Forwarded-For (so every hold pays for the per-address counting in
 * the hold's Redis script and the session count), the seat caps at their production defaults (a
 * challenge past 10 seats of a show per address, a stop at 40). Only the per-minute and per-hour
 * rates are raised: a bench client holds hundreds of times a minute, a person a few times.
 */
async function stormWithLimits(
  databaseUrl: string,
  showtimes: { id: string }[],
  seatIds: string[],
): Promise<{ storm: TLoadResult; refusals: string }> {
  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: benchPrefix(),
      LOG_LEVEL: 'warn',
      API_INSTANCES: String(INSTANCES),
      DATABASE_POOL_SIZE: '20',
      TRUST_PROXY: '1',
      HOLDS_PER_MINUTE: '1000000',
      HOLD_SEATS_PER_ADDRESS_SOFT: '10',
      HOLD_SEATS_PER_ADDRESS_MAX: '40',
      HOLDS_PER_ADDRESS_HOURLY_SOFT: '1000000',
      HOLDS_PER_ADDRESS_PER_MINUTE: '1000000',
      WEB_SESSIONS_PER_ADDRESS_PER_MINUTE: '60',
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    // Each client its own address, behind the one trusted hop.
    const headers = (n: number) => ({ 'x-forwarded-for': `10.${(n >> 8) & 255}.${n & 255}.7` });
    const cookies = await countedSessions(base, headers);
    const stormLoad = stormOptions(base, { showtimes, seatIds, cookies, headers });
    await load({ ...stormLoad, duration: WARM_UP_S });
    const storm = await load(stormLoad);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const refusals =
      [...metrics.matchAll(/^marquee_hold_limit_refusals_total\{reason="([^"]+)"\} (\S+)$/gm)]
        .map(([, reason, n]) => `${reason} ${n}`)
        .join(', ') || 'none';
    return { storm, refusals };
  } finally {
    await stopProcess(api);
  }
}

export async function benchHolds(): Promise<string> {
  // Ten shows on sale at once, as on a busy evening; each customer shops for one of them.
  // Ten more for the storm with the seat-spinning limits on, so the two storms never meet on a seat.
  const {
    databaseUrl,
    prisma,
    screen,
    showtimes: allShows,
  } = await benchCinema('holds', {
    shows: 2 * SHOWTIMES,
    fromDays: 30,
  });
  const showtimes = allShows.slice(0, SHOWTIMES);
  const showtime = showtimes[0]!;
  const seatIds = screen.seats.map((s) => s.id);

  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: benchPrefix(),
      LOG_LEVEL: 'warn',
      HOLDS_PER_MINUTE: '1000000',
      // As npm start runs it: one instance per core, sharing 20 Postgres connections.
      API_INSTANCES: String(INSTANCES),
      DATABASE_POOL_SIZE: '20',
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const base = `http://127.0.0.1:${port}`;
  const rows: TRow[] = [];
  try {
    // One web session per connection: each customer's new hold replaces their previous one, so seats recycle.
    const cookies = await countedSessions(base);
    const showtimeIds = showtimes.map((s) => s.id);
    const stormLoad = stormOptions(base, { showtimes, seatIds, cookies });
    await load({ ...stormLoad, duration: WARM_UP_S });
    const createdBefore = await prisma.booking.count({ where: { showtimeId: { in: showtimeIds } } });
    const batchesBefore = await holdBatches(base);
    const cpuBefore = cpuSnapshot(api.pid);
    const storm = await load(stormLoad);
    const cpuAfter = cpuSnapshot(api.pid);
    const batchesAfter = await holdBatches(base);
    const perStatement = (statement: 'read' | 'write') =>
      (
        (batchesAfter[statement].holds - batchesBefore[statement].holds) /
        (batchesAfter[statement].statements - batchesBefore[statement].statements)
      ).toFixed(1);
    const created = (await prisma.booking.count({ where: { showtimeId: { in: showtimeIds } } })) - createdBefore;
    const [dupes] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT "showtimeId", "seatId" FROM "BookingSeat" WHERE active GROUP BY 1, 2 HAVING count(*) > 1) d`;
    const holdsPerSecond = created / DURATION_S;

    const barePort = await freePort();
    const bare = await startProcess(
      'scripts/bench/bare-server.ts',
      [String(barePort)],
      {},
      `http://127.0.0.1:${barePort}/healthz`,
    );
    const bareLoad = {
      url: `http://127.0.0.1:${barePort}/bare`,
      method: 'POST' as const,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    };
    await load({ ...bareLoad, duration: WARM_UP_S });
    const bareResult = await load(bareLoad);
    await stopProcess(bare);

    const inserts = await straightInserts(databaseUrl, showtime.id, seatIds);
    const limited = await stormWithLimits(databaseUrl, allShows.slice(SHOWTIMES), seatIds);
    const requests = Object.values(storm.statusCounts).reduce((sum, n) => sum + n, 0);
    const perRequest = (part: 'process' | 'postgres' | 'redis') =>
      cpuBefore && cpuAfter ? ((cpuAfter[part] - cpuBefore[part]) / requests).toFixed(2) : '?';
    const perInsert = (part: 'client' | 'postgres') => inserts.cpu?.[part].toFixed(2) ?? '?';

    // The naive lock, same load: 200 customers, each trying random seats of one 168-seat show once.
    const naivePort = await freePort();
    const naivePrefix = benchPrefix('bench-naive');
    const naive = await startProcess(
      'scripts/bench/naive-lock-server.ts',
      [String(naivePort)],
      { NAIVE_PREFIX: naivePrefix },
      `http://127.0.0.1:${naivePort}/healthz`,
    );
    let customer = 0;
    const naiveRun = await load({
      url: `http://127.0.0.1:${naivePort}/hold`,
      connections: CONNECTIONS,
      duration: 4,
      setupClient: (client) => {
        const me = `c${customer++}`;
        client.setHeaders({ 'content-type': 'application/json' });
        client.setRequests([
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                seat: seatIds[Math.floor(Math.random() * seatIds.length)],
                customer: `${me}-${Math.random()}`,
              }),
            }),
          },
        ]);
      },
      requests: [{ method: 'POST' }],
    });
    const naiveStats = (await (await fetch(`http://127.0.0.1:${naivePort}/stats`)).json()) as {
      seats: number;
      doubleSold: number;
      extraSales: number;
    };
    await stopProcess(naive);

    const status = Object.entries(storm.statusCounts)
      .map(([c, n]) => `${c}: ${n}`)
      .join(', ');
    rows.push(
      {
        name: 'holds.create requests/s (200 clients, HTTP)',
        value: storm.requestsPerSecond.toFixed(0),
        note: `${status}; errors ${storm.errors}`,
      },
      {
        name: 'holds created/s',
        value: holdsPerSecond.toFixed(0),
        note: `${created} holds in ${DURATION_S} s; the rest were CONFLICT (seat taken)`,
      },
      { name: 'holds.create latency p50 / p99', value: `${storm.p50} / ${storm.p99} ms` },
      {
        name: 'with the seat-spinning limits on: holds.create requests/s',
        value: limited.storm.requestsPerSecond.toFixed(0),
        note: `${(limited.storm.requestsPerSecond / storm.requestsPerSecond).toFixed(2)} of the storm above; each client its own address behind one trusted hop, seat caps at their defaults; ${Object.entries(
          limited.storm.statusCounts,
        )
          .map(([c, n]) => `${c}: ${n}`)
          .join(', ')}; refusals by limit: ${limited.refusals}`,
      },
      {
        name: 'with the limits on: latency p50 / p99',
        value: `${limited.storm.p50} / ${limited.storm.p99} ms`,
      },
      {
        name: 'holds per statement: context read / write',
        value: `${perStatement('read')} / ${perStatement('write')}`,
        note: 'group commit: the holds of one moment share one statement (marquee_hold_batch_size)',
      },
      {
        name: 'oversold seats',
        value: String(dupes?.n ?? 0),
        note: 'seats with more than one active booking (must be 0)',
      },
      {
        name: 'baseline: bare Fastify route requests/s',
        value: bareResult.requestsPerSecond.toFixed(0),
        note: `p50 / p99 ${bareResult.p50} / ${bareResult.p99} ms`,
      },
      {
        name: 'baseline: straight Postgres inserts/s',
        value: inserts.perSecond.toFixed(0),
        note: `booking + seat per transaction, pool 20; p50 / p99 ${inserts.p50.toFixed(1)} / ${inserts.p99.toFixed(1)} ms`,
      },
      {
        name: 'holds created/s ÷ straight inserts/s',
        value: (holdsPerSecond / inserts.perSecond).toFixed(2),
        note: 'target ≥ 0.5',
      },
      {
        name: 'holds.create requests/s ÷ bare route',
        value: (storm.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2),
      },
      {
        name: 'CPU per holds.create request: API / Postgres / Redis',
        value: `${perRequest('process')} / ${perRequest('postgres')} / ${perRequest('redis')} ms`,
        note: 'user + system time from /proc over the storm, ÷ requests; autocannon runs in the bench process',
      },
      {
        name: 'CPU per straight insert: client loop / Postgres',
        value: `${perInsert('client')} / ${perInsert('postgres')} ms`,
        note: 'the same, over the straight-insert baseline',
      },
      {
        name: 'baseline: naive GET-then-SETEX lock, seats sold twice',
        value: `${naiveStats.doubleSold} of ${naiveStats.seats}`,
        note: `${naiveStats.extraSales} extra sales in 4 s of the same storm (${naiveRun.requestsPerSecond.toFixed(0)} requests/s); Marquee: 0`,
      },
    );
  } finally {
    await stopProcess(api);
    await prisma.$disconnect();
  }
  return report(
    'Hold storm',
    `${CONNECTIONS} concurrent web customers over HTTP (autocannon), each with its own session, spread over ${SHOWTIMES} showtimes of ${seatIds.length} seats, hold one random seat again and again for ${DURATION_S} s, measured after ${WARM_UP_S} s of the same storm (a process just started runs cold: V8 compiles its hot paths under load, and the pool opens its connections); each new hold replaces the customer's previous one (so seats change hands), and a seat someone else holds ends in CONFLICT. The API runs as npm start runs it: ${INSTANCES === 1 ? 'one instance' : `${INSTANCES} instances (one per core, node:cluster)`}, 20 Postgres connections in all. Baselines on the same machine in the same run: the barest Fastify route, and booking + seat rows inserted straight into Postgres by 200 concurrent loops, each measured after the same warm-up. Every process shares the same cores, so the ratio is set by CPU per request (the two CPU rows): a hold is a tRPC mutation (served by a direct route: the same procedure and wire format without tRPC's Fetch-API adapter) with a session cookie, a rate-limit script, one read of what changes (the show, prices, blocks, the customer's open hold, the seats around the selection; the screen's layout is kept in memory), the all-or-nothing Lua script, one write that closes the previous hold, inserts the new one and moves the show's seat version, then the seat event and the delayed expiry job. The read and the write each travel in one statement with the other holds' reads and writes of the same moment (group commit: one batch out per API instance, the next filling meanwhile), each hold judged on its own.`,
    rows,
  );
}
