// Seat spinning: one client holding a whole show from fresh sessions. The per-address limits are
// counted in the hold's Redis script, so two API instances (here, two servers on one Postgres and
// one Redis, behind one trusted proxy hop) cannot let one address past a cap together.
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../create-services';
import { metricsText } from '../metrics/metrics';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { expireOverdueBookings } from './expire-bookings';
import { createHoldChallenge } from './hold-challenge';
import { readSeatOwners } from '../seat-keys/redis-holds';

const LIMITS = {
  TRUST_PROXY: '1',
  HOLD_SEATS_PER_ADDRESS_SOFT: '10',
  HOLD_SEATS_PER_ADDRESS_MAX: '40',
  HOLDS_PER_ADDRESS_HOURLY_SOFT: '20',
  HOLDS_PER_ADDRESS_PER_MINUTE: '40',
  WEB_SESSIONS_PER_ADDRESS_PER_MINUTE: '60',
  // A cheap proof-of-work: these tests solve many; `pnpm bench pow` measures the real one.
  HOLD_CHALLENGE_COST: '1',
  HOLD_CHALLENGE_MAX_COUNTER: '200',
};

let ctx: TTestContext;
let other: ReturnType<typeof createServices>;
let a: TTestServer;
let b: TTestServer;
let kioskToken: string;
let otherKioskToken: string;

beforeAll(async () => {
  ctx = await createTestContext(LIMITS);
  const seed = await seedCinema(ctx.prisma);
  kioskToken = seed.kiosks[0]!.token;
  otherKioskToken = seed.kiosks[1]!.token;
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  // The second instance: its own process state and Redis connections, the same settings.
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

interface TCall {
  ok: boolean;
  status: number;
  data?: { bookingId: string };
  message?: string;
  appCode?: string;
  holdLimit?: string;
  cookie?: string;
}

/**
 * One tRPC call as the proxy in front of the API forwards it: the client's own X-Forwarded-For
 * (forgeable) with the address the proxy saw appended. No cookie unless given: a fresh session.
 */
async function call(
  server: TTestServer,
  path: string,
  input: unknown,
  opts: { from?: string; forged?: string; cookie?: string; kiosk?: boolean | string } = {},
): Promise<TCall> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.from) headers['x-forwarded-for'] = opts.forged ? `${opts.forged}, ${opts.from}` : opts.from;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.kiosk) headers.authorization = `Bearer ${typeof opts.kiosk === 'string' ? opts.kiosk : kioskToken}`;
  const res = await fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await res.json()) as {
    result?: { data: { bookingId: string } };
    error?: { message: string; data: { appCode: string; holdLimit?: string } };
  };
  return {
    ok: res.ok,
    status: res.status,
    data: body.result?.data,
    message: body.error?.message,
    appCode: body.error?.data.appCode,
    holdLimit: body.error?.data.holdLimit,
    cookie: res.headers.get('set-cookie')?.split(';')[0],
  };
}

const hold = (
  server: TTestServer,
  showtimeId: string,
  seatIds: string[],
  opts: Parameters<typeof call>[3] = {},
  challenge?: string,
) => call(server, 'holds.create', { showtimeId, seatIds, ...(challenge ? { challenge } : {}) }, opts);

/** What the web app's widget does: fetch a challenge for the show and solve it (here with altcha-lib in Node). */
async function solved(showtimeId: string, server: TTestServer = a): Promise<string> {
  const res = await fetch(
    `${server.url}/trpc/holds.challenge?input=${encodeURIComponent(JSON.stringify({ showtimeId }))}`,
  );
  const challenge = ((await res.json()) as { result: { data: Parameters<typeof solveChallenge>[0]['challenge'] } })
    .result.data;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** Seats anyone may hold alone (no wheelchair/companion pairing), in rows of the map. */
async function plainSeats() {
  const { showtime, seats } = await futureShowtime(ctx.prisma);
  const ids = seats.filter((s) => s.type !== 'WHEELCHAIR' && s.type !== 'COMPANION').map((s) => s.id);
  const take = (n: number) => ids.splice(0, n);
  return { showtimeId: showtime.id, take, left: () => ids.length };
}

const chunks = (ids: string[], size: number) =>
  Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, i * size + size));

async function seatsHeldBy(showtimeId: string, bookingIds: string[]): Promise<number> {
  return ctx.prisma.bookingSeat.count({ where: { showtimeId, active: true, bookingId: { in: bookingIds } } });
}

describe('one address opening fresh sessions through two instances', () => {
  it('holds at most the soft cap without a challenge and the hard cap with them, while others still hold', async () => {
    const show = await plainSeats();
    const attacker = '203.0.113.10';
    // 8 cookie-less holds of 2 seats at once, alternating instances, each with a different forged
    // X-Forwarded-For; a customer from another address and a kiosk hold in the same burst.
    const burst = chunks(show.take(16), 2).map((seatIds, i) =>
      hold(i % 2 ? b : a, show.showtimeId, seatIds, { from: attacker, forged: `198.51.100.${i}` }),
    );
    const neighbour = hold(b, show.showtimeId, show.take(2), { from: '203.0.113.99' });
    const kiosk = hold(a, show.showtimeId, show.take(2), { kiosk: true, from: attacker });
    const results = await Promise.all(burst);
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(5); // 10 seats: the soft cap
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toMatchObject({
        status: 429,
        appCode: 'HOLD_CHALLENGE_REQUIRED',
        holdLimit: 'address-seats',
        message: expect.stringContaining('quick check') as string,
      });
    }
    expect(await neighbour).toMatchObject({ ok: true });
    expect(await kiosk).toMatchObject({ ok: true });
    const attackerBookings = won.map((r) => r.data!.bookingId);
    expect(await seatsHeldBy(show.showtimeId, attackerBookings)).toBe(10);

    // With a solved challenge each, 10 more holds of 5 seats at once: only the hard cap's 30 more get through.
    const payloads = await Promise.all(Array.from({ length: 10 }, () => solved(show.showtimeId)));
    const second = await Promise.all(
      chunks(show.take(50), 5).map((seatIds, i) =>
        hold(i % 2 ? a : b, show.showtimeId, seatIds, { from: attacker, forged: `10.0.0.${i}` }, payloads[i]),
      ),
    );
    const won2 = second.filter((r) => r.ok);
    expect(won2).toHaveLength(6);
    for (const r of second.filter((r) => !r.ok))
      expect(r).toMatchObject({ status: 429, appCode: 'HOLD_ADDRESS_LIMIT', holdLimit: 'address-seats-max' });
    attackerBookings.push(...won2.map((r) => r.data!.bookingId));
    expect(await seatsHeldBy(show.showtimeId, attackerBookings)).toBe(40);

    // Meanwhile another address and a kiosk still hold seats.
    expect(await hold(a, show.showtimeId, show.take(3), { from: '2001:db8:1:2::7' })).toMatchObject({ ok: true });
    expect(await hold(b, show.showtimeId, show.take(2), { kiosk: true })).toMatchObject({ ok: true });
    // The refusals are counted on /metrics by reason.
    const text = await metricsText();
    expect(text).toMatch(/marquee_hold_limit_refusals_total\{reason="address-seats"\} [3-9]/);
    expect(text).toMatch(/marquee_hold_limit_refusals_total\{reason="address-seats-max"\} [4-9]/);
  });

  it('counts an IPv6 client by its /64: another address of the same network adds to the same count', async () => {
    const show = await plainSeats();
    expect(await hold(a, show.showtimeId, show.take(10), { from: '2001:db8:aa:bb::1' })).toMatchObject({ ok: true });
    expect(await hold(b, show.showtimeId, show.take(2), { from: '2001:db8:aa:bb:ffff::2' })).toMatchObject({
      appCode: 'HOLD_CHALLENGE_REQUIRED',
    });
    expect(await hold(b, show.showtimeId, show.take(2), { from: '2001:db8:aa:bc::1' })).toMatchObject({ ok: true });
  });
});

describe('a customer who behaves normally', () => {
  it('picks 1-10 seats and changes their mind a few times without ever meeting a challenge', async () => {
    const show = await plainSeats();
    const from = '203.0.113.20';
    let cookie: string | undefined;
    for (const n of [2, 4, 10, 6, 1, 8]) {
      const r = await hold(cookie ? b : a, show.showtimeId, show.take(n), { from, cookie });
      expect(r).toMatchObject({ ok: true });
      cookie ??= r.cookie;
    }
  });
});

describe('the hourly soft limit', () => {
  it('asks for a challenge once an address has made 20 holds for a show in an hour', async () => {
    const show = await plainSeats();
    const from = '203.0.113.30';
    const seat = show.take(1);
    let cookie: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await hold(i % 2 ? a : b, show.showtimeId, i % 2 ? seat : show.take(1), { from, cookie });
      expect(r).toMatchObject({ ok: true });
      cookie ??= r.cookie;
    }
    expect(await hold(a, show.showtimeId, show.take(1), { from, cookie })).toMatchObject({
      status: 429,
      appCode: 'HOLD_CHALLENGE_REQUIRED',
      holdLimit: 'address-holds-hourly',
    });
    expect(await hold(a, show.showtimeId, show.take(1), { from, cookie }, await solved(show.showtimeId))).toMatchObject(
      {
        ok: true,
      },
    );
  });
});

describe('solved challenges', () => {
  it('are single-use: a replayed one is refused and holds nothing', async () => {
    const show = await plainSeats();
    const from = '203.0.113.40';
    expect(await hold(a, show.showtimeId, show.take(10), { from })).toMatchObject({ ok: true });
    const payload = await solved(show.showtimeId);
    expect(await hold(a, show.showtimeId, show.take(2), { from }, payload)).toMatchObject({ ok: true });
    const seats = show.take(2);
    const replays = await Promise.all([
      hold(b, show.showtimeId, seats, { from }, payload),
      hold(a, show.showtimeId, show.take(2), { from: '203.0.113.41' }, payload),
    ]);
    for (const r of replays)
      expect(r).toMatchObject({
        status: 400,
        appCode: 'HOLD_CHALLENGE_INVALID',
        message: 'That check was already used. Please complete a new one.',
      });
    expect(await readSeatOwners(ctx.redis, show.showtimeId, seats)).toEqual([null, null]);
  });

  it('refuse bad payloads with a clear error and hold nothing', async () => {
    const show = await plainSeats();
    const from = '203.0.113.50';
    expect(await hold(a, show.showtimeId, show.take(10), { from })).toMatchObject({ ok: true });
    const good = JSON.parse(Buffer.from(await solved(show.showtimeId), 'base64').toString()) as {
      challenge: { parameters: { salt: string }; signature: string };
      solution: { counter: number; derivedKey: string };
    };
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
    const otherShow = await plainSeats();
    const expired = await createHoldChallenge(ctx.env, show.showtimeId, new Date(Date.now() - 3_600_000));
    const expiredSolution = await solveChallenge({ challenge: expired, deriveKey });
    const bad: [string, string][] = [
      ['not base64 JSON', '%%%not-a-payload%%%'],
      ['the widget’s test mode', encode({ challenge: null, solution: null, test: true })],
      ['a wrong answer', encode({ ...good, solution: { ...good.solution, counter: good.solution.counter + 1 } })],
      ['a forged signature', encode({ ...good, challenge: { ...good.challenge, signature: 'ab'.repeat(32) } })],
      [
        'a changed challenge',
        encode({ ...good, challenge: { ...good.challenge, parameters: { ...good.challenge.parameters, salt: '00' } } }),
      ],
      ['another show’s challenge', await solved(otherShow.showtimeId)],
      ['an expired challenge', encode({ challenge: expired, solution: expiredSolution })],
    ];
    const before = await ctx.prisma.booking.count();
    for (const [what, payload] of bad) {
      const seats = show.take(1);
      const r = await hold(b, show.showtimeId, seats, { from }, payload);
      expect(r, what).toMatchObject({ ok: false, status: 400, appCode: 'HOLD_CHALLENGE_INVALID' });
      expect(r.message, what).toMatch(/^That check (did not work|took too long)/);
      expect(await readSeatOwners(ctx.redis, show.showtimeId, seats), what).toEqual([null]);
    }
    expect(await ctx.prisma.booking.count()).toBe(before);
    // The untouched payload still works: none of the refusals spent it.
    expect(await hold(b, show.showtimeId, show.take(1), { from }, encode(good))).toMatchObject({ ok: true });
  });
});

describe('the counts', () => {
  it('drop when holds are released, replaced or expire', async () => {
    const show = await plainSeats();
    const from = '203.0.113.60';
    const first = await hold(a, show.showtimeId, show.take(6), { from });
    const second = await hold(b, show.showtimeId, show.take(4), { from });
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(await hold(a, show.showtimeId, show.take(1), { from })).toMatchObject({
      appCode: 'HOLD_CHALLENGE_REQUIRED',
    });

    // Released: its 6 seats no longer count.
    expect(
      await call(b, 'holds.release', { bookingId: first.data!.bookingId }, { from, cookie: first.cookie }),
    ).toMatchObject({ ok: true });
    const third = await hold(a, show.showtimeId, show.take(6), { from });
    expect(third).toMatchObject({ ok: true });

    // Replaced: the same customer changing 4 seats for 2 frees 2.
    expect(await hold(b, show.showtimeId, show.take(2), { from, cookie: second.cookie })).toMatchObject({ ok: true });
    expect(await hold(a, show.showtimeId, show.take(2), { from })).toMatchObject({ ok: true });
    expect(await hold(a, show.showtimeId, show.take(1), { from })).toMatchObject({
      appCode: 'HOLD_CHALLENGE_REQUIRED',
    });

    // Expired (as the expiry job or sweeper does it, here with the clock past the holds' end).
    const seatIds = (
      await ctx.prisma.bookingSeat.findMany({ where: { showtimeId: show.showtimeId }, select: { seatId: true } })
    ).map((s) => s.seatId);
    await expireOverdueBookings(
      ctx,
      { showtimeId: show.showtimeId, seatIds },
      { now: new Date(Date.now() + 3_600_000), by: 'sweep' },
    );
    expect(await hold(b, show.showtimeId, show.take(10), { from })).toMatchObject({ ok: true });
  });
});

describe('new web sessions', () => {
  it('are limited per address, however the client forges X-Forwarded-For', async () => {
    const from = '203.0.113.70';
    const results = [];
    for (let i = 0; i < 61; i++)
      results.push(
        await call(
          i % 2 ? a : b,
          'holds.release',
          { bookingId: '00000000-0000-7000-8000-000000000000' },
          { from, forged: `192.0.2.${i}` },
        ),
      );
    expect(results.slice(0, 60).every((r) => r.appCode === 'BOOKING_NOT_FOUND')).toBe(true);
    expect(results[60]).toMatchObject({ status: 429, appCode: 'RATE_LIMITED', holdLimit: 'new-sessions' });
    // A customer who already has a session carries on; another address starts one.
    const cookie = results[0]!.cookie!;
    expect(
      await call(a, 'holds.release', { bookingId: '00000000-0000-7000-8000-000000000000' }, { from, cookie }),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND' });
    expect(
      await call(a, 'holds.release', { bookingId: '00000000-0000-7000-8000-000000000000' }, { from: '203.0.113.71' }),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND' });
  });

  it('counts a session minted by a public read when it is first used to hold or release', async () => {
    const from = '203.0.113.72';
    // 61 sessions minted by catalog reads (not limited: browsing is free), then each used once.
    const cookies = await Promise.all(
      Array.from({ length: 61 }, async (_, i) => {
        const res = await fetch(`${(i % 2 ? a : b).url}/trpc/catalog.showtimes`, {
          headers: { 'x-forwarded-for': from },
        });
        return res.headers.get('set-cookie')!.split(';')[0]!;
      }),
    );
    const release = (cookie: string, i: number) =>
      call(i % 2 ? a : b, 'holds.release', { bookingId: '00000000-0000-7000-8000-000000000000' }, { from, cookie });
    const results = [];
    for (const [i, cookie] of cookies.entries()) results.push(await release(cookie, i));
    expect(results.slice(0, 60).map((r) => r.appCode)).toEqual(new Array(60).fill('BOOKING_NOT_FOUND'));
    expect(results[60]).toMatchObject({ status: 429, appCode: 'RATE_LIMITED', holdLimit: 'new-sessions' });
    // A counted session (its cookie says so, signed) is not counted again.
    const counted = results[0]!.cookie!;
    expect(counted).not.toBe(cookies[0]);
    expect(await release(counted, 0)).toMatchObject({ appCode: 'BOOKING_NOT_FOUND' });
  });
});

describe('holds per address per minute', () => {
  it('refuses the address past the limit, whichever sessions and instances it uses', async () => {
    const from = '203.0.113.80';
    const unknownShow = '00000000-0000-7000-8000-00000000beef';
    const seatIds = ['00000000-0000-7000-8000-000000000001'];
    const results = await Promise.all(
      Array.from({ length: 41 }, (_, i) => hold(i % 2 ? a : b, unknownShow, seatIds, { from, forged: `192.0.2.${i}` })),
    );
    expect(results.filter((r) => r.appCode === 'CATALOG_SHOWTIME_NOT_FOUND')).toHaveLength(40);
    expect(results.filter((r) => r.appCode === 'RATE_LIMITED')).toEqual([
      expect.objectContaining({
        status: 429,
        holdLimit: 'address-per-minute',
        message: expect.stringMatching(/^Too many tries\. Please wait \d+ seconds\.$/) as string,
      }),
    ]);
    expect(await metricsText()).toMatch(/marquee_hold_limit_refusals_total\{reason="address-per-minute"\} 1/);
  });
});

describe('a kiosk', () => {
  it('keeps one open hold: holding at another show releases its older hold there', async () => {
    const first = await plainSeats();
    const second = await plainSeats();
    const neighbour = await hold(a, first.showtimeId, first.take(2), { kiosk: otherKioskToken });
    const firstSeats = first.take(4);
    const older = await hold(a, first.showtimeId, firstSeats, { kiosk: true });
    expect(older).toMatchObject({ ok: true });
    const newer = await hold(b, second.showtimeId, second.take(4), { kiosk: true });
    expect(newer).toMatchObject({ ok: true });
    expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: older.data!.bookingId } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(await readSeatOwners(ctx.redis, first.showtimeId, firstSeats)).toEqual([null, null, null, null]);
    expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: newer.data!.bookingId } })).toMatchObject({
      status: 'PENDING',
    });
    // Another kiosk's hold is its own.
    expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: neighbour.data!.bookingId } })).toMatchObject({
      status: 'PENDING',
    });
  });
});
