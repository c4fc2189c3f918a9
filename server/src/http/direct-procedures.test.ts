// The direct routes must be indistinguishable from tRPC's own adapter: the same call sent as a
// batch of one (?batch=1, which the direct route hands to tRPC's handler) must answer the same
// status, headers and body, for successes and for every kind of refusal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

/** One web customer's raw HTTP calls, keeping its session cookie. */
async function webCustomer() {
  const first = await fetch(`${server.url}/trpc/catalog.movies`);
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
  return async (path: string, body: string, { batch = false, contentType = 'application/json' } = {}) => {
    const res = await fetch(`${server.url}/trpc/${path}${batch ? '?batch=1' : ''}`, {
      method: 'POST',
      headers: { cookie, 'content-type': contentType },
      body: batch ? `{"0":${body}}` : body,
    });
    const text = await res.text();
    const json = JSON.parse(text) as unknown;
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      vary: res.headers.get('vary'),
      body: batch ? (json as unknown[])[0] : json,
    };
  };
}

describe('direct procedure routes', () => {
  it('answer a refusal exactly as tRPC does: taken seat, bad input, unknown booking, malformed JSON', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const holder = await webCustomer();
    const rival = await webCustomer();
    const held = await holder('holds.create', JSON.stringify({ showtimeId: showtime.id, seatIds: [seatIds[0]] }));
    expect(held.status).toBe(200);

    const calls: [string, string][] = [
      ['holds.create', JSON.stringify({ showtimeId: showtime.id, seatIds: [seatIds[0], seatIds[1]] })], // taken: 409 with takenSeatIds
      ['holds.create', JSON.stringify({ showtimeId: showtime.id, seatIds: [] })], // bad input: 400 with fieldErrors
      ['holds.create', JSON.stringify({ showtimeId: randomUUID(), seatIds: [seatIds[1]] })], // unknown show: 404
      [
        'holds.release',
        JSON.stringify({ bookingId: (held.body as { result: { data: { bookingId: string } } }).result.data.bookingId }),
      ], // someone else's: 404
    ];
    for (const [path, body] of calls) {
      const direct = await rival(path, body);
      const viaTrpc = await rival(path, body, { batch: true });
      expect(direct.status).toBeGreaterThanOrEqual(400);
      expect(direct).toEqual(viaTrpc);
    }
    // Another content type is refused as on any other tRPC path.
    const form = await rival('holds.create', 'showtimeId=x', { contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form).toEqual(
      await rival('bookings.setContact', 'showtimeId=x', { contentType: 'application/x-www-form-urlencoded' }),
    );
    const malformed = await rival('holds.create', '{"showtimeId":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { data: { code: 'PARSE_ERROR', appCode: 'INPUT_INVALID' } } });
    // Nothing was written for the rival.
    expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id } })).toBe(1);
  });

  it('answer a success in the same shape as tRPC, and an unsupported method as tRPC does', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = await webCustomer();
    const direct = await customer('holds.create', JSON.stringify({ showtimeId: showtime.id, seatIds: [seatIds[2]] }));
    const viaTrpc = await customer('holds.create', JSON.stringify({ showtimeId: showtime.id, seatIds: [seatIds[3]] }), {
      batch: true,
    });
    expect(direct.status).toBe(200);
    expect(viaTrpc.status).toBe(200);
    const shape = (r: typeof direct) => ({
      ...r,
      body: Object.keys((r.body as { result: { data: object } }).result.data).sort(),
    });
    expect(shape(direct)).toEqual(shape(viaTrpc));
    // The second hold replaced the first (one open hold per customer per show), through either route.
    expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id, status: 'PENDING' } })).toBe(1);

    const get = await fetch(`${server.url}/trpc/holds.create`);
    expect(get.status).toBe(405);
  });

  it("let the kiosk app's origin call them as it calls every other procedure (CORS preflight and answer)", async () => {
    const headersOf = async (path: string) => {
      const preflight = await fetch(`${server.url}/trpc/${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'app://kiosk',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      const call = await fetch(`${server.url}/trpc/${path}`, {
        method: 'POST',
        headers: { origin: 'app://kiosk', 'content-type': 'application/json' },
        body: '{}',
      });
      return {
        preflight: [
          preflight.status,
          preflight.headers.get('access-control-allow-origin'),
          preflight.headers.get('access-control-allow-methods'),
        ],
        call: [
          call.headers.get('access-control-allow-origin'),
          call.headers.get('x-request-id') !== null,
          call.headers.get('x-content-type-options'),
        ],
      };
    };
    const direct = await headersOf('holds.create');
    expect(direct.preflight[1]).toBe('app://kiosk');
    expect(direct.call[0]).toBe('app://kiosk');
    expect(direct).toEqual(await headersOf('bookings.setContact'));
  });
});
