// Seat-map reads under 200 concurrent clients (every customer on the seat screen loads it, and
// again after each reconnect), beside the barest Fastify JSON route in the same run.
import { createPrisma } from '../../server/src/db/prisma';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import { benchPrefix, freePort, freshDatabase, load, report, startProcess, stopProcess, type TRow } from './lib';

const CONNECTIONS = 200;
const DURATION_S = 6;

export async function benchSeatMap(): Promise<string> {
  const databaseUrl = await freshDatabase('marquee_bench_seatmap');
  const prisma = createPrisma({ databaseUrl, poolSize: 2 });
  await seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'development', SEED_DEMO: false },
    dataDir: '/tmp/marquee-bench-seatmap',
  });
  const show = await prisma.showtime.findFirstOrThrow({
    where: { screen: { name: 'Audi 1' }, startsAt: { gt: new Date() } },
    orderBy: { startsAt: 'asc' },
  });
  await prisma.$disconnect();
  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: benchPrefix(),
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const rows: TRow[] = [];
  try {
    // What the apps fetch: the kept JSON over plain HTTP. The tRPC query is measured beside it.
    const url = `http://127.0.0.1:${port}/catalog/seat-maps/${show.id}`;
    const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
    const reads = await load({ url, connections: CONNECTIONS, duration: DURATION_S });
    const trpcReads = await load({
      url: `http://127.0.0.1:${port}/trpc/catalog.seatMap?input=${encodeURIComponent(JSON.stringify({ showtimeId: show.id }))}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    const barePort = await freePort();
    const bare = await startProcess(
      'scripts/bench/bare-server.ts',
      [String(barePort)],
      {},
      `http://127.0.0.1:${barePort}/healthz`,
    );
    const bareResult = await load({
      url: `http://127.0.0.1:${barePort}/bare`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    // The same bytes through a bare route: the seat map's JSON, serialized by Fastify on each request.
    await fetch(`http://127.0.0.1:${barePort}/payload`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: await (await fetch(url)).text(),
    });
    const sameBytes = await load({
      url: `http://127.0.0.1:${barePort}/payload`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    await stopProcess(bare);
    rows.push(
      {
        name: 'seat map reads/s, GET /catalog/seat-maps/:id (200 clients)',
        value: reads.requestsPerSecond.toFixed(0),
        note: `${bytes} bytes each (168 seats); p50 / p99 ${reads.p50} / ${reads.p99} ms; errors ${reads.errors}`,
      },
      {
        name: 'the same through tRPC catalog.seatMap',
        value: trpcReads.requestsPerSecond.toFixed(0),
        note: `p50 / p99 ${trpcReads.p50} / ${trpcReads.p99} ms (per-request validation and serialization)`,
      },
      {
        name: 'baseline: bare Fastify JSON route requests/s',
        value: bareResult.requestsPerSecond.toFixed(0),
        note: `p50 / p99 ${bareResult.p50} / ${bareResult.p99} ms`,
      },
      {
        name: 'baseline: bare Fastify route answering the same JSON requests/s',
        value: sameBytes.requestsPerSecond.toFixed(0),
        note: `the seat map's ${bytes} bytes, serialized per request; p50 / p99 ${sameBytes.p50} / ${sameBytes.p99} ms`,
      },
      {
        name: 'seat map reads ÷ bare route (same JSON)',
        value: (reads.requestsPerSecond / sameBytes.requestsPerSecond).toFixed(2),
        note: 'target ≥ 0.5',
      },
      {
        name: 'seat map reads ÷ bare route (tiny JSON)',
        value: (reads.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2),
        note: 'the HTTP layer alone, for scale',
      },
    );
  } finally {
    await stopProcess(api);
  }
  return report(
    'Seat map reads',
    `${CONNECTIONS} concurrent clients (autocannon) reading the seat map of one 168-seat show for ${DURATION_S} s, against the API in its own process (each read looks up the show's seat version in Postgres and answers the JSON kept for that version); the baselines are the barest Fastify JSON route in its own process, same run, same machine: once answering a tiny object, once answering the very same seat-map JSON (so both sides send the same bytes).`,
    rows,
  );
}
