// Expiry lag: 1,000 holds made at once with a short hold time all expire together; how long after
// its expiresAt is each one's seat back on sale (the worker's delayed job, in its own process)?
// Baseline in the same run: the naive 60-second sweep of the pattern we grew from, whose lag is
// computed from the same expiresAt values (a seat waits for the next sweep tick).
import {
  benchCinema,
  benchPrefix,
  freePort,
  pct,
  queueHasWorker,
  report,
  startProcess,
  stopProcess,
  type TRow,
} from './lib';

const HOLDS = 1000;
const HOLD_SECONDS = 8;
const SHOWTIMES = 10;

export async function benchExpiry(): Promise<string> {
  const { databaseUrl, prisma, screen, showtimes } = await benchCinema('expiry', { shows: SHOWTIMES, fromDays: 60 });

  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    REDIS_PREFIX: benchPrefix(),
    LOG_LEVEL: 'warn',
    HOLDS_PER_MINUTE: '1000000',
    HOLD_TTL_SECONDS: String(HOLD_SECONDS),
  };
  const api = await startProcess('server/src/main.ts', [], env, `http://127.0.0.1:${port}/readyz`);
  const worker = await startProcess('server/src/worker.ts', [], env, `http://127.0.0.1:${port}/readyz`);
  const rows: TRow[] = [];
  try {
    await queueHasWorker(env.REDIS_PREFIX, 'expiry'); // the worker is consuming before the holds are made
    const base = `http://127.0.0.1:${port}`;
    // 1,000 customers, each holding one seat (100 per show), 50 requests in flight at a time.
    const jobs = Array.from({ length: HOLDS }, (_, i) => ({
      showtimeId: showtimes[i % SHOWTIMES]!.id,
      seatId: screen.seats[Math.floor(i / SHOWTIMES)]!.id,
    }));
    const started = Date.now();
    for (let i = 0; i < jobs.length; i += 50) {
      await Promise.all(
        jobs.slice(i, i + 50).map(async ({ showtimeId, seatId }) => {
          const res = await fetch(`${base}/trpc/holds.create`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ showtimeId, seatIds: [seatId] }),
          });
          if (!res.ok) throw new Error(`hold failed: ${res.status} ${await res.text()}`);
        }),
      );
    }
    const madeIn = (Date.now() - started) / 1000;
    // Wait for every hold to end, then read when each seat went back on sale.
    for (let i = 0; i < 300; i++) {
      const open = await prisma.booking.count({ where: { status: 'PENDING' } });
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const ended = await prisma.booking.findMany({
      where: { status: 'EXPIRED' },
      select: { expiresAt: true, closedAt: true },
    });
    const lags = ended.map((b) => b.closedAt!.getTime() - b.expiresAt.getTime()).sort((a, b) => a - b);
    // The naive sweep, every 60 s from an arbitrary phase: a seat waits until the next tick.
    const phase = Math.random() * 60_000;
    const sweepLags = ended.map((b) => 60_000 - ((b.expiresAt.getTime() - phase) % 60_000)).sort((a, b) => a - b);
    rows.push(
      {
        name: 'holds made',
        value: String(HOLDS),
        note: `in ${madeIn.toFixed(1)} s over HTTP; ${HOLD_SECONDS} s hold time; ${ended.length} expired`,
      },
      {
        name: 'expiry lag p50 / p99 / max',
        value: `${pct(lags, 0.5)} / ${pct(lags, 0.99)} / ${lags.at(-1)} ms`,
        note: 'from expiresAt to the seat back on sale (target p99 under 2 s)',
      },
      {
        name: 'baseline: 60 s sweep lag p50 / p99',
        value: `${(pct(sweepLags, 0.5) / 1000).toFixed(1)} / ${(pct(sweepLags, 0.99) / 1000).toFixed(1)} s`,
        note: 'the pattern we grew from, on the same expiry times',
      },
      { name: 'lag p99 ÷ baseline p99', value: (pct(lags, 0.99) / pct(sweepLags, 0.99)).toFixed(3) },
    );
  } finally {
    await stopProcess(worker);
    await stopProcess(api);
    await prisma.$disconnect();
  }
  return report(
    'Expiry lag',
    `${HOLDS} holds over ${SHOWTIMES} shows, made as fast as the API takes them with a ${HOLD_SECONDS}-second hold time, all left to expire. The worker (its own process) expires each by its own delayed BullMQ job; the lag is the time between a booking's expiresAt and the moment its seats were freed (its closedAt). Baseline: the naive 60-second sweep, computed on the same expiry times.`,
    rows,
  );
}
