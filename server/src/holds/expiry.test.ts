import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPIRY_SWEEP_SCHEDULE, expiryJobId } from '../jobs/expiry';
import { sweepExpiredHolds } from '../workers/expiry/expiry-worker';
import { startWorkers } from '../workers/start-workers';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { finishedJob } from '../test/jobs';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { readSeatOwners } from '../seat-keys/redis-holds';

let ctx: TTestContext;
let server: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>;

beforeAll(async () => {
  ctx = await createTestContext({ HOLD_TTL_SECONDS: '2' });
  await seedCinema(ctx.prisma);
  // Arbitrary seat picks: the seat rules (tested in seat-rules.test.ts) would refuse many of them.
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
  server = await startTestServer(ctx);
  workers = await startWorkers(ctx);
});
afterAll(async () => {
  await workers.close();
  await server.close();
  await ctx.close();
});

/** Polls until fn gives a value; fails the test if none comes in time. */
async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  return (await eventually(fn, (v) => v !== undefined, timeoutMs)) as T;
}

describe('hold expiry', () => {
  it('puts the seats back on sale within 2 s of expiresAt, and tells live clients', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const watcher = createCustomerClient(server.url);
    const events: { at: number; event: TSeatChangeEvent }[] = [];
    const sub = watcher.seats.onChange.subscribe(
      { showtimeId: showtime.id },
      { onData: (event) => events.push({ at: Date.now(), event }) },
    );
    await waitFor(async () => ((await ctx.seatEvents.listeners(showtime.id)) > 0 ? true : undefined), 5_000);

    const hold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
    const expiresAt = Date.parse(hold.expiresAt);
    const freedAt = await waitFor(async () => {
      const booking = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } });
      return booking.status === 'EXPIRED' ? Date.now() : undefined;
    }, 6_000);
    expect(freedAt - expiresAt).toBeLessThan(2_000);

    const map = await watcher.catalog.seatMap.query({ showtimeId: showtime.id });
    expect(map.seats.filter((s) => seatIds.slice(0, 2).includes(s.id)).map((s) => s.state)).toEqual([
      'available',
      'available',
    ]);
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 2))).toEqual([null, null]);

    const released = await waitFor(
      () => Promise.resolve(events.find((e) => e.event.seats.every((s) => s.state === 'available'))),
      2_000,
    );
    expect(released.at - expiresAt).toBeLessThan(2_000);
    expect(released.event.version).toBe(map.version);
    expect(events[0]!.event.seats.map((s) => s.state)).toEqual(['held', 'held']);
    sub.unsubscribe();
  });

  it('leaves a booking confirmed meanwhile alone', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const hold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[0]!],
    });
    await ctx.prisma.booking.update({
      where: { id: hold.bookingId },
      data: { status: 'CONFIRMED', confirmedAt: new Date() },
    });
    // The hold's own expiry job has run (at expiresAt) and found nothing to expire.
    expect(await finishedJob(ctx.jobs.expiry, expiryJobId(hold.bookingId), { removedOnComplete: true })).toBe(
      'completed',
    );
    const booking = await ctx.prisma.booking.findUniqueOrThrow({
      where: { id: hold.bookingId },
      include: { seats: true },
    });
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.seats.every((s) => s.active)).toBe(true);
  });

  it('is caught by the sweeper when a hold’s own job was lost', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const orphan = await ctx.prisma.booking.create({
      data: {
        code: 'ORPHN2',
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: 'web:lost-job',
        amountPaise: 100,
        expiresAt: new Date(Date.now() - 5_000),
        seats: { create: [{ showtimeId: showtime.id, seatId: seatIds[3]!, pricePaise: 100 }] },
      },
    });
    expect(await sweepExpiredHolds(ctx)).toMatch(/^expired [1-9]/);
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe('EXPIRED');
    expect(await ctx.jobs.expiry.getJobSchedulers()).toEqual([
      expect.objectContaining({ key: EXPIRY_SWEEP_SCHEDULE.id, every: 60_000 }),
    ]);
  });

  it('never keeps seats off sale when the worker is gone: holds.create expires the overdue hold itself', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const stale = await ctx.prisma.booking.create({
      data: {
        code: 'STALE2',
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: 'web:gone',
        amountPaise: 100,
        expiresAt: new Date(Date.now() - 1_000),
        seats: { create: [{ showtimeId: showtime.id, seatId: seatIds[4]!, pricePaise: 100 }] },
      },
    });
    const hold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[4]!],
    });
    expect(hold.bookingId).toBeTruthy();
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe('EXPIRED');
  });
});
