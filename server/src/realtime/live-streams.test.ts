// The public live streams are capped per client address and per API instance, refused over the cap
// with TOO_MANY_REQUESTS before they start, and renewed at their longest life: the client reconnects
// by itself and keeps receiving events.
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../router';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

describe('live stream caps', () => {
  let ctx: TTestContext;
  let server: TTestServer;
  let showtimeId: string;
  const open: { unsubscribe: () => void }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({
      // This test plays the proxy that tells the API each client's address.
      TRUST_PROXY: '127.0.0.1',
      LIVE_STREAMS_PER_ADDRESS: '2',
      LIVE_STREAMS_PER_INSTANCE: '3',
    });
    await seedCinema(ctx.prisma);
    ({
      showtime: { id: showtimeId },
    } = await futureShowtime(ctx.prisma));
    server = await startTestServer(ctx);
  });
  afterAll(async () => {
    for (const sub of open) sub.unsubscribe();
    await server?.close();
    await ctx?.close();
  });

  /** A browser at `address` (as the proxy tells it) listening to the seats or the programme. */
  async function stream(address: string, what: 'seats' | 'catalog' = 'seats') {
    const client = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${server.url}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, 'x-forwarded-for': address } }),
          }),
        }),
      ],
    });
    const before = ctx.liveStreams.count();
    let sub: { unsubscribe: () => void } | undefined;
    const refused = new Promise<{ refused: TRPCClientError<AppRouter> }>((resolve) => {
      const handlers = { onError: (err: TRPCClientError<AppRouter>) => resolve({ refused: err }) };
      sub =
        what === 'seats'
          ? client.seats.onChange.subscribe({ showtimeId }, handlers)
          : client.catalog.onChange.subscribe(undefined, handlers);
      open.push(sub);
    });
    // Accepted: the server counts it before the stream starts. Refused: the client hears why.
    const started = eventually(
      () => ctx.liveStreams.count(),
      (n) => n > before,
    ).then(() => ({ started: true as const }));
    const result = await Promise.race([refused, started]);
    return { ...result, close: () => sub?.unsubscribe() };
  }

  it('refuses a third stream from one address, and any stream past the instance cap, with a clear message', async () => {
    const refusal = (message: string) => ({
      refused: expect.objectContaining({
        message,
        data: expect.objectContaining({ code: 'TOO_MANY_REQUESTS', appCode: 'LIVE_STREAM_LIMIT' }) as unknown,
      }) as unknown,
    });
    expect(await stream('203.0.113.1')).toMatchObject({ started: true });
    expect(await stream('203.0.113.1', 'catalog')).toMatchObject({ started: true });
    expect(await stream('203.0.113.1')).toMatchObject(
      refusal('Too many live connections from this address. Close other tabs or try again in a minute.'),
    );
    expect(ctx.liveStreams.count('203.0.113.1')).toBe(2);

    // Another address has its own two, but the instance serves three in all.
    const other = await stream('198.51.100.2');
    expect(other).toMatchObject({ started: true });
    expect(await stream('198.51.100.2')).toMatchObject(
      refusal('Too many live connections right now. Please try again in a minute.'),
    );
    expect(ctx.liveStreams.count()).toBe(3);

    // A stream that closes frees its place at once.
    other.close();
    await eventually(
      () => ctx.liveStreams.count(),
      (n) => n === 2,
    );
    expect(await stream('198.51.100.2')).toMatchObject({ started: true });
  });
});

describe('live stream lifetime', () => {
  let ctx: TTestContext;
  let server: TTestServer;

  beforeAll(async () => {
    ctx = await createTestContext({ LIVE_STREAM_MAX_SECONDS: '1' });
    await seedCinema(ctx.prisma);
    server = await startTestServer(ctx);
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.close();
  });

  it('ends a stream at its longest life; the client reconnects by itself and still gets every later event', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const client = createCustomerClient(server.url);
    let starts = 0;
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const sub = client.seats.onChange.subscribe(
      { showtimeId: showtime.id },
      { onStarted: () => (starts += 1), onData: (e) => events.push(e), onError: (e) => errors.push(e) },
    );
    try {
      await eventually(
        () => starts,
        (n) => n >= 2,
        10_000,
      );
      expect(errors).toEqual([]);
      await eventually(
        () => ctx.liveStreams.count(),
        (n) => n === 1,
      );
      // Published after the renewal: the reconnected stream delivers it.
      await eventually(
        async () => {
          await ctx.seatEvents.publish({ showtimeId: showtime.id, version: 1, seats: [] });
          return events.length;
        },
        (n) => n >= 1,
        3_000,
      );
      expect(ctx.liveStreams.count()).toBeLessThanOrEqual(1);
    } finally {
      sub.unsubscribe();
    }
    await eventually(
      () => ctx.liveStreams.count(),
      (n) => n === 0,
    );
  }, 30_000);
});
