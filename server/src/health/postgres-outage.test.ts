// Postgres unreachable (a TCP proxy in front of it is cut): the API answers 503 with a clear
// message, readiness fails, nothing is half-written, and service comes back by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { holdKey } from '../seat-keys/hold-keys';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { TcpProxy } from '../test/tcp-proxy';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let proxy: TcpProxy;
let services: ReturnType<typeof createServices>;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  const direct = new URL(ctx.databaseUrl);
  proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(ctx.databaseUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  // The API under test reaches Postgres only through the proxy; the test reads the truth directly.
  services = createServices({ ...ctx.env, DATABASE_URL: viaProxy.toString() }, 'behind-proxy');
  server = await startTestServer(services);
});
afterAll(async () => {
  await server?.close();
  await services?.close();
  await proxy?.close();
  await ctx?.close();
});

describe('Postgres unreachable', () => {
  it('answers 503 with a clear message, writes nothing half, and recovers by itself', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    await expect(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[3]!] }),
    ).resolves.toBeTruthy();

    proxy.sever();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    const err = await refusal(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[5]!, seatIds[6]!] }),
    );
    expect(err).toMatchObject({
      message: 'Marquee is temporarily unavailable. Please try again in a moment.',
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
    });
    expect((await fetch(`${server.url}/trpc/catalog.showtimes`)).status).toBe(503);

    // Nothing half-written: no booking for those seats, and no Redis hold left on them.
    expect(
      await ctx.prisma.bookingSeat.count({
        where: { showtimeId: showtime.id, seatId: { in: [seatIds[5]!, seatIds[6]!] } },
      }),
    ).toBe(0);
    expect(await ctx.redis.exists(holdKey(showtime.id, seatIds[5]!), holdKey(showtime.id, seatIds[6]!))).toBe(0);
    expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id, seats: { none: {} } } })).toBe(0);

    proxy.restore();
    await eventually(
      () => fetch(`${server.url}/readyz`).then((r) => r.status),
      (s) => s === 200,
      10_000,
    );
    await expect(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[5]!, seatIds[6]!] }),
    ).resolves.toMatchObject({ amountPaise: expect.any(Number) as number });
  }, 30_000);
});
