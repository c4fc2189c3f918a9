// The hub on its own, over plain TCP sockets: its frames are tRPC's (a connected frame first, pings
// while idle), and when this instance never heard a change (the event was not published through
// Redis) its subscribers get an empty event at the database's version, which makes the apps resync.
import net from 'node:net';
import type { TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { SseHub } from './sse-hub';

let ctx: TTestContext;
let hub: SseHub<TSeatChangeEvent>;
let server: net.Server;
let showtimeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  ({
    showtime: { id: showtimeId },
  } = await futureShowtime(ctx.prisma));
  hub = new SseHub(ctx.seatEvents, ctx.log, {
    versionOf: (e) => e.version,
    resyncEvent: (id, version) => ({ showtimeId: id, version, seats: [] }),
    loadVersion: async (id) =>
      (await ctx.prisma.showtime.findUnique({ where: { id }, select: { seatVersion: true } }))?.seatVersion ?? null,
    connectedData: JSON.stringify({ reconnectAfterInactivityMs: 3_000 }),
    pingMs: 100,
    maxBufferedBytes: 65_536,
  });
  // Each connection is a subscriber of the show, as the seats route hands its socket over.
  server = net.createServer((socket) => {
    void hub.open(showtimeId).then(() => hub.attach(showtimeId, socket, 'HTTP/1.1 200 OK\r\n\r\n', () => {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  hub?.close();
  await new Promise((resolve) => server?.close(resolve));
  await ctx?.close();
});

describe('SseHub', () => {
  it("writes tRPC's frames, pings idle streams, and resyncs subscribers to a version it never heard", async () => {
    const address = server.address() as net.AddressInfo;
    const socket = net.connect(address.port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    try {
      await eventually(
        () => text,
        (t) => t.includes('event: ping'),
      );
      expect(text).toContain('event: connected\ndata: {"reconnectAfterInactivityMs":3000}\n\n\n');
      expect(text).toContain('event: ping\ndata: \n\n\n');
      expect(hub.liveVersion(showtimeId)).toBe(0);

      // A change this instance was never told of: the database is ahead of the hub.
      await ctx.prisma.showtime.update({ where: { id: showtimeId }, data: { seatVersion: { increment: 2 } } });
      await eventually(
        () => text,
        (t) => t.includes(`data: {"showtimeId":"${showtimeId}","version":2,"seats":[]}\n\n\n`),
      );
      expect(hub.liveVersion(showtimeId)).toBe(2);
    } finally {
      socket.destroy();
    }
    await eventually(
      () => hub.count(showtimeId),
      (n) => n === 0,
    );
  });
});
