import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let other: ReturnType<typeof createServices>;
let serverA: TTestServer;
let serverB: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  // A second API instance: its own process-level services, the same Postgres and Redis.
  other = createServices(ctx.env, 'instance-b');
  serverA = await startTestServer(ctx);
  serverB = await startTestServer(other);
});
afterAll(async () => {
  await serverA.close();
  await serverB.close();
  await other.close();
  await ctx.close();
});

/** Waits until check() holds, or fails the test. */
async function until(check: () => boolean | Promise<boolean>, ms = 5_000) {
  await eventually(check, Boolean, ms);
}

describe('seats.onChange', () => {
  it('shows a hold made on one instance to a client of another, with the seat map version', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const events: TSeatChangeEvent[] = [];
    const watcherOnB = createCustomerClient(serverB.url);
    const sub = watcherOnB.seats.onChange.subscribe({ showtimeId: showtime.id }, { onData: (e) => events.push(e) });
    await until(async () => (await ctx.seatEvents.listeners(showtime.id)) > 0);

    const customerOnA = createCustomerClient(serverA.url);
    const hold = await customerOnA.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 3) });
    await until(() => events.length === 1);
    expect(events[0]).toEqual({
      showtimeId: showtime.id,
      version: 1,
      seats: seatIds.slice(0, 3).map((id) => ({ id, state: 'held' })),
    });

    await customerOnA.holds.release.mutate({ bookingId: hold.bookingId });
    await until(() => events.length === 2);
    expect(events[1]!.seats.map((s) => s.state)).toEqual(['available', 'available', 'available']);
    // A client that missed events sees the same version in the seat map and resyncs from it.
    expect((await watcherOnB.catalog.seatMap.query({ showtimeId: showtime.id })).version).toBe(events[1]!.version);
    sub.unsubscribe();
    await until(async () => (await ctx.seatEvents.listeners(showtime.id)) === 0);
  });

  it('refuses a subscription to an unknown showtime with a readable NOT_FOUND', async () => {
    const input = encodeURIComponent(JSON.stringify({ showtimeId: '01935d2e-0000-7000-8000-00000000abcd' }));
    const res = await fetch(`${serverA.url}/trpc/seats.onChange?input=${input}`, {
      headers: { accept: 'text/event-stream' },
    });
    const body = await res.text();
    expect(body).toMatch(/could not be found/);
    expect(body).toMatch(/CATALOG_SHOWTIME_NOT_FOUND/);
  });
});
