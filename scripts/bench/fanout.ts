// Live fan-out: 10,000 SSE subscribers to one show's seat map on one API instance. How much memory
// each costs the server, and how long from a hold until the last of them sees it. Baseline in the
// same run: the time until the first subscriber sees it (the fan-out's own cost is the difference).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createPrisma } from '../../server/src/db/prisma';
import { seedDemoCinema } from '../../server/src/seed/seed-demo-cinema';
import {
  benchPrefix,
  channelHasSubscriber,
  freePort,
  freshDatabase,
  pct,
  report,
  startProcess,
  stopProcess,
  type TRow,
} from './lib';

const SUBSCRIBERS = 10_000;
const ROUNDS = 5;

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

export async function benchFanout(): Promise<string> {
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
    include: { screen: { include: { seats: { where: { type: 'STANDARD' } } } } },
  });
  await prisma.$disconnect();
  const port = await freePort();
  const prefix = benchPrefix();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      HOLDS_PER_MINUTE: '1000000',
      // Every subscriber comes from this machine's one address: the per-address cap must let them in.
      LIVE_STREAMS_PER_ADDRESS: String(SUBSCRIBERS + 100),
      LIVE_STREAMS_PER_INSTANCE: String(SUBSCRIBERS + 100),
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const sockets: http.ClientRequest[] = [];
  const rows: TRow[] = [];
  try {
    const before = rssOf(api.pid!);
    // Each subscriber: one SSE stream; it notes when it first sees each round's seat held.
    const seen: Map<number, number>[] = [];
    const path = `/trpc/seats.onChange?input=${encodeURIComponent(JSON.stringify({ showtimeId: show.id }))}`;
    const open = (i: number) =>
      new Promise<void>((resolve, reject) => {
        const marks = new Map<number, number>();
        seen[i] = marks;
        const req = http.get(
          { host: '127.0.0.1', port, path, agent, headers: { accept: 'text/event-stream' } },
          (res) => {
            if (res.statusCode !== 200) return reject(new Error(`subscriber ${i}: HTTP ${res.statusCode}`));
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              for (const m of chunk.matchAll(/"id":"([0-9a-f-]{36})","state":"held"/g)) {
                const r = roundOfSeat.get(m[1]!);
                if (r !== undefined && !marks.has(r)) marks.set(r, performance.now());
              }
            });
            resolve();
          },
        );
        req.on('error', reject);
        sockets.push(req);
      });
    const roundOfSeat = new Map<string, number>();
    const openedAt = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i += 500)
      await Promise.all(Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, k) => open(i + k)));
    const openSeconds = (performance.now() - openedAt) / 1000;
    await channelHasSubscriber(`${prefix}seats:${show.id}`); // the streams are live: the API has subscribed to the show's channel
    const after = rssOf(api.pid!);

    const lastLags: number[] = [];
    const firstLags: number[] = [];
    const holdMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const seat = show.screen.seats[10 + r]!;
      roundOfSeat.set(seat.id, r);
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/trpc/holds.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ showtimeId: show.id, seatIds: [seat.id] }),
      });
      if (!res.ok) throw new Error(`hold failed: ${res.status}`);
      holdMs.push(performance.now() - t0);
      for (let i = 0; i < 200 && seen.some((m) => !m.has(r)); i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const arrivals = seen
        .map((m) => m.get(r))
        .filter((t): t is number => t !== undefined)
        .map((t) => t - t0)
        .sort((a, b) => a - b);
      if (arrivals.length < SUBSCRIBERS)
        throw new Error(`round ${r}: only ${arrivals.length} of ${SUBSCRIBERS} subscribers saw the hold`);
      firstLags.push(arrivals[0]!);
      lastLags.push(arrivals.at(-1)!);
    }
    lastLags.sort((a, b) => a - b);
    firstLags.sort((a, b) => a - b);
    rows.push(
      {
        name: 'SSE subscribers on one instance',
        value: SUBSCRIBERS.toLocaleString('en'),
        note: `opened in ${openSeconds.toFixed(1)} s; all saw every hold`,
      },
      {
        name: 'server memory per subscriber',
        value: `${((after - before) / SUBSCRIBERS / 1024).toFixed(1)} KB`,
        note: `RSS ${Math.round(before / 2 ** 20)} → ${Math.round(after / 2 ** 20)} MB`,
      },
      {
        name: 'hold → last subscriber sees it (median / worst of rounds)',
        value: `${pct(lastLags, 0.5).toFixed(0)} / ${lastLags.at(-1)!.toFixed(0)} ms`,
        note: `${ROUNDS} holds, one at a time`,
      },
      {
        name: 'baseline: hold → first subscriber sees it (median)',
        value: `${pct(firstLags, 0.5).toFixed(0)} ms`,
        note: `the hold itself (answered in ${pct(
          holdMs.sort((a, b) => a - b),
          0.5,
        ).toFixed(0)} ms median), pub/sub and one SSE write`,
      },
      {
        name: 'fan-out cost to 10,000 (last − first, median)',
        value: `${(pct(lastLags, 0.5) - pct(firstLags, 0.5)).toFixed(0)} ms`,
      },
    );
  } finally {
    for (const s of sockets) s.destroy();
    agent.destroy();
    await stopProcess(api);
  }
  return report(
    'Live fan-out',
    `${SUBSCRIBERS.toLocaleString('en')} concurrent SSE subscribers (seats.onChange, raw HTTP clients in the bench process) on one show, one API instance; then ${ROUNDS} holds one after another, each timed until every subscriber has seen its seat held. The subscriber and the server share this machine's two cores.`,
    rows,
  );
}
