// The seat map over plain HTTP: the same map as catalog.seatMap, a 304 while nothing changed, a new
// map the moment a seat changes, and clear refusals.
import http from 'node:http';
import zlib from 'node:zlib';
import type { TSeatMap } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

/** A GET as it comes off the wire (fetch would decompress it). */
function rawGet(url: string, headers: http.OutgoingHttpHeaders): Promise<{ res: http.IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('GET /catalog/seat-maps/:showtimeId', () => {
  it('answers the same map as catalog.seatMap, 304 until a seat changes, then the new map', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const url = `${server.url}/catalog/seat-maps/${showtime.id}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const map = (await first.json()) as TSeatMap;
    expect(map).toEqual(await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId: showtime.id }));
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);

    await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
    const after = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const next = (await after.json()) as TSeatMap;
    expect(next.version).toBe(map.version + 1);
    expect(
      next.seats
        .filter((s) => s.state === 'held')
        .map((s) => s.id)
        .sort(),
    ).toEqual(seatIds.slice(0, 2).sort());
  });

  it('sends the map compressed to a client that accepts brotli or gzip, and whole to one that does not', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const url = `${server.url}/catalog/seat-maps/${showtime.id}`;
    const plain = await rawGet(url, {});
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(plain.res.headers.vary).toMatch(/accept-encoding/i);
    const map = JSON.parse(plain.body.toString()) as TSeatMap;
    expect(map.seats.length).toBeGreaterThan(0);

    const cases: [string, string | undefined, (b: Buffer) => Buffer][] = [
      ['gzip, deflate, br', 'br', (b) => zlib.brotliDecompressSync(b)],
      ['gzip, deflate', 'gzip', (b) => zlib.gunzipSync(b)],
      ['br;q=0, gzip', 'gzip', (b) => zlib.gunzipSync(b)],
      ['identity', undefined, (b) => b],
      ['deflate', undefined, (b) => b],
    ];
    for (const [accept, encoding, decode] of cases) {
      const { res, body } = await rawGet(url, { 'accept-encoding': accept });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(decode(body).equals(plain.body), accept).toBe(true);
      if (encoding) expect(body.length, accept).toBeLessThan(plain.body.length / 4);
      // The ETag names the version, whatever the encoding: a 304 for a client that has it.
      expect(res.headers.etag).toBe(plain.res.headers.etag);
    }
    const again = await rawGet(url, { 'accept-encoding': 'br', 'if-none-match': plain.res.headers.etag! });
    expect(again.res.statusCode).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('refuses an unknown show and a malformed id with the API error shape', async () => {
    const unknown = await fetch(`${server.url}/catalog/seat-maps/00000000-0000-7000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'CATALOG_SHOWTIME_NOT_FOUND', message: 'That show could not be found.' },
    });
    const bad = await fetch(`${server.url}/catalog/seat-maps/not-an-id`);
    expect(bad.status).toBe(400);
  });
});
