// seats.onChange as the show's hub serves it: every subscriber sees every event once and in order,
// on this instance and another; a subscriber that stops reading is dropped without holding up the
// others; one that was away resyncs to the current version; opening streams of a live show reads no
// database. Subscribers are the apps' own tRPC client (EventSource) and raw HTTP readers of the frames.
import http from 'node:http';
import net from 'node:net';
import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices } from '../create-services';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let other: ReturnType<typeof createServices>;
let a: TTestServer;
let b: TTestServer;

beforeAll(async () => {
  // A small buffer per subscriber, so a stalled one is dropped after a few events.
  ctx = await createTestContext({ LIVE_STREAM_BUFFER_BYTES: '16384' });
  await seedCinema(ctx.prisma);
  other = createServices(ctx.env, 'instance-b');
  a = await startTestServer(ctx);
  b = await startTestServer(other);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await other?.close();
  await ctx?.close();
});

const streamPath = (showtimeId: string) =>
  `/trpc/seats.onChange?input=${encodeURIComponent(JSON.stringify({ showtimeId }))}`;

/** A raw SSE reader: the frames' events and data as tRPC's client splits them. */
function rawSubscriber(url: string, showtimeId: string) {
  const events: TSeatChangeEvent[] = [];
  const kinds: string[] = [];
  let closed = false;
  const req = http.get(`${url}${streamPath(showtimeId)}`, { headers: { accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    let buffered = '';
    res.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (!block) continue;
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        kinds.push(event);
        if (event === 'message') events.push(JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as TSeatChangeEvent);
      }
    });
    res.on('close', () => (closed = true));
  });
  req.on('error', () => (closed = true));
  return { events, kinds, closed: () => closed, close: () => req.destroy() };
}

/** `count` events of the show, versions from..from+count-1, each naming `size` seats (the show's, over and over). */
function eventsOf(showtimeId: string, from: number, count: number, seatIds: string[], size = seatIds.length) {
  return Array.from({ length: count }, (_, i): TSeatChangeEvent => ({
    showtimeId,
    version: from + i,
    seats: Array.from({ length: size }, (_, k) => ({
      id: seatIds[k % seatIds.length]!,
      state: i % 2 ? 'available' : 'held',
    })),
  }));
}

describe('seats.onChange through the show hub', () => {
  it('gives every subscriber, on this instance and another, every event once and in order', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const onA = Array.from({ length: 8 }, () => rawSubscriber(a.url, showtime.id));
    const onB = Array.from({ length: 8 }, () => rawSubscriber(b.url, showtime.id));
    // The apps' own client, on each instance.
    const appEvents: TSeatChangeEvent[][] = [[], []];
    const apps = [a, b].map((server, i) =>
      createCustomerClient(server.url).seats.onChange.subscribe(
        { showtimeId: showtime.id },
        { onData: (e) => appEvents[i]!.push(e) },
      ),
    );
    try {
      await eventually(
        () => ctx.seatStreams.count(showtime.id) + other.seatStreams.count(showtime.id),
        (n) => n === 18,
      );
      const sent = eventsOf(showtime.id, 1, 40, seatIds.slice(0, 3));
      // Published from both instances, interleaved: Redis orders them, every instance hears that order.
      await Promise.all(sent.map((e, i) => (i % 2 ? other : ctx).seatEvents.publish(e)));
      const subscribers = [...onA, ...onB];
      await eventually(
        () => [...subscribers.map((s) => s.events.length), ...appEvents.map((e) => e.length)],
        (counts) => counts.every((n) => n >= sent.length),
      );
      const order = subscribers[0]!.events.map((e) => e.version);
      expect([...order].sort((x, y) => x - y)).toEqual(sent.map((e) => e.version));
      for (const s of subscribers) {
        expect(s.events.map((e) => e.version)).toEqual(order);
        expect(s.kinds[0]).toBe('connected'); // tRPC's first frame
      }
      for (const events of appEvents) expect(events.map((e) => e.version)).toEqual(order);
      expect(subscribers[0]!.events[0]).toEqual(sent.find((e) => e.version === order[0]));
    } finally {
      for (const s of [...onA, ...onB]) s.close();
      for (const sub of apps) sub.unsubscribe();
    }
    await eventually(
      () => ctx.seatStreams.count(showtime.id) + ctx.liveStreams.count(),
      (n) => n === 0,
    );
  });

  it('drops a subscriber that stops reading, without holding up the others', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const reading = rawSubscriber(a.url, showtime.id);
    // A client that sends its request and then never reads: its socket's buffers fill.
    const stalled = net.connect({ host: '127.0.0.1', port: Number(new URL(a.url).port) });
    stalled.on('error', () => {});
    let stalledClosed = false;
    stalled.on('close', () => (stalledClosed = true));
    stalled.write(`GET ${streamPath(showtime.id)} HTTP/1.1\r\nhost: x\r\naccept: text/event-stream\r\n\r\n`);
    stalled.pause();
    await eventually(
      () => ctx.seatStreams.count(showtime.id),
      (n) => n === 2,
    );
    // Big events (about 30 KB each): 12 MB in all, past what the kernel buffers for one socket.
    const sent = eventsOf(showtime.id, 1, 400, seatIds, 500);
    for (const e of sent) await ctx.seatEvents.publish(e);
    await eventually(
      () => reading.events.length,
      (n) => n === sent.length,
      10_000,
    );
    expect(reading.events.map((e) => e.version)).toEqual(sent.map((e) => e.version));
    expect(reading.closed()).toBe(false);
    await eventually(
      () => ctx.seatStreams.count(showtime.id),
      (n) => n === 1,
    );
    await eventually(() => stalledClosed || (stalled.resume(), false), Boolean, 10_000);
    expect(ctx.liveStreams.count()).toBe(1); // its place among the stream limits is free again
    reading.close();
  }, 30_000);

  it('opens streams of a live show, and answers its seat map, without a database read each', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const first = rawSubscriber(a.url, showtime.id);
    await eventually(
      () => ctx.seatStreams.count(showtime.id),
      (n) => n === 1,
    );
    const seatMap = () => fetch(`${a.url}/catalog/seat-maps/${showtime.id}`).then((r) => r.json());
    await seatMap(); // builds the kept map
    const pgQueries = vi.spyOn(ctx.pg, 'query');
    try {
      const more = Array.from({ length: 20 }, () => rawSubscriber(a.url, showtime.id));
      await eventually(
        () => ctx.seatStreams.count(showtime.id),
        (n) => n === 21,
      );
      const maps = (await Promise.all(Array.from({ length: 20 }, seatMap))) as { version: number }[];
      expect(new Set(maps.map((m) => m.version)).size).toBe(1);
      expect(pgQueries).not.toHaveBeenCalled();
      for (const s of more) s.close();
    } finally {
      pgQueries.mockRestore();
      first.close();
    }
  });

  it('lets a subscriber that was away resync to the current version', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(a.url);
    const watcher = createCustomerClient(b.url);
    const events: TSeatChangeEvent[] = [];
    let sub = watcher.seats.onChange.subscribe({ showtimeId: showtime.id }, { onData: (e) => events.push(e) });
    await eventually(
      () => other.seatStreams.count(showtime.id),
      (n) => n === 1,
    );
    const first = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
    await eventually(
      () => events.length,
      (n) => n === 1,
    );
    sub.unsubscribe(); // away
    await eventually(
      () => other.seatStreams.count(showtime.id),
      (n) => n === 0,
    );
    await customer.holds.release.mutate({ bookingId: first.bookingId });
    await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(4, 6) });
    // Back: the stream starts again and the app refetches the seat map, as it does on every start.
    let started = false;
    sub = watcher.seats.onChange.subscribe(
      { showtimeId: showtime.id },
      { onStarted: () => (started = true), onData: (e) => events.push(e) },
    );
    await eventually(() => started, Boolean);
    const map = (await fetch(`${b.url}/catalog/seat-maps/${showtime.id}`).then((r) => r.json())) as {
      version: number;
      seats: { id: string; state: string }[];
    };
    expect(map.version).toBe(events[0]!.version + 2);
    expect(map.seats.filter((s) => s.state === 'held').map((s) => s.id)).toEqual(
      expect.arrayContaining(seatIds.slice(4, 6)),
    );
    sub.unsubscribe();
  });
});
