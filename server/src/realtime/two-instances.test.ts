// Two API instances and two workers on one Postgres and one Redis, as behind a load balancer: a hold
// made through one instance shows live on a client of the other, and either worker runs the jobs.
import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { startWorkers } from '../workers/start-workers';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { streamLive } from '../test/live';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let other: ReturnType<typeof createServices>;
let a: TTestServer;
let b: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ HOLD_TTL_SECONDS: '2' });
  await seedCinema(ctx.prisma);
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  // The second instance: its own process state (pools, connections, listeners), the same settings.
  other = createServices(ctx.env, 'instance-b');
  a = await startTestServer(ctx);
  b = await startTestServer(other);
});
afterAll(async () => {
  for (const w of workers) await w.close();
  await a?.close();
  await b?.close();
  await other?.close();
  await ctx?.close();
});

describe('two instances', () => {
  it('shows a hold made on one instance live to a client of the other', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const events: TSeatChangeEvent[] = [];
    const sub = createCustomerClient(b.url).seats.onChange.subscribe(
      { showtimeId: showtime.id },
      { onData: (e) => events.push(e) },
    );
    try {
      await streamLive(other.seatEvents, showtime.id);
      await createCustomerClient(a.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(5, 7) });
      const seen = await eventually(
        () => events,
        (e) => e.length > 0,
        3_000,
      );
      expect(seen[0]!.seats).toEqual(
        expect.arrayContaining([
          { id: seatIds[5], state: 'held' },
          { id: seatIds[6], state: 'held' },
        ]),
      );
    } finally {
      sub.unsubscribe();
    }
  });

  it('shares the jobs: holds made through both instances are expired by both workers, each once', async () => {
    workers = [await startWorkers(ctx), await startWorkers(other)];
    const done: string[][] = [[], []];
    workers.forEach((w, i) =>
      w.workers
        .find((x) => x.worker.name === 'expiry')!
        .worker.on('completed', (job) => done[i]!.push(String((job.data as { bookingId?: string }).bookingId))),
    );
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const holds = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createCustomerClient(i % 2 ? a.url : b.url).holds.create.mutate({
          showtimeId: showtime.id,
          seatIds: [seatIds[i + 20]!],
        }),
      ),
    );
    await eventually(
      () => ctx.prisma.booking.count({ where: { id: { in: holds.map((h) => h.bookingId) }, status: 'EXPIRED' } }),
      (n) => n === 20,
      10_000,
    );
    // Every booking's expiry job ran exactly once, on one worker or the other.
    const ids = new Set(holds.map((h) => h.bookingId));
    const ran = await eventually(
      () => done.flat().filter((id) => ids.has(id)),
      (r) => r.length >= 20,
      5_000,
    );
    expect(ran.sort()).toEqual([...ids].sort());
    expect((await ctx.jobs.expiry.getJobCounts('failed')).failed).toBe(0);
  }, 20_000);
});
