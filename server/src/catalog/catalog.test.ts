import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCinema } from '../seed/seed-demo-cinema';
import { refusal } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoCinema({
    prisma: ctx.prisma,
    env: { NODE_ENV: 'test', SEED_DEMO: false },
    dataDir: mkdtempSync(path.join(tmpdir(), 'marquee-')),
  });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

async function makeShowtime(startsAt: string, overrides: { cancelled?: boolean } = {}) {
  const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 2' } });
  const movie = await ctx.prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
  return ctx.prisma.showtime.create({
    data: {
      movieId: movie.id,
      screenId: screen.id,
      startsAt: new Date(startsAt),
      endsAt: new Date(new Date(startsAt).getTime() + movie.runtimeMinutes * 60_000),
      prices: { create: [{ seatType: 'STANDARD', pricePaise: 15_000 }] },
      ...overrides,
    },
  });
}

describe('catalog.movies', () => {
  it('lists the movies that have shows to come, by title', async () => {
    const movies = await server.client.catalog.movies.query();
    expect(movies.map((m) => m.title)).toEqual([
      'Kaveri Nights',
      'Last Light at Marine Drive',
      'Starfall Express',
      'The Monsoon Heist',
    ]);
    expect(movies[0]).toMatchObject({ language: 'Kannada', certificate: 'UA', runtimeMinutes: 135 });
  });
});

describe('catalog.showtimes', () => {
  it('without input, lists every show still to come, earliest first, with prices and seats left', async () => {
    const showtimes = await server.client.catalog.showtimes.query();
    expect(showtimes.length).toBeGreaterThan(40);
    const starts = showtimes.map((s) => Date.parse(s.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.every((t) => t > Date.now() - 1000)).toBe(true);
    const first = showtimes[0]!;
    expect(first.timeZone).toBe('Asia/Kolkata');
    expect(first.fromPricePaise).toBe(Math.min(...first.prices.map((p) => p.pricePaise)));
    expect(first.seatsAvailable).toBeGreaterThan(80);
  });

  it('filters by a calendar day in the cinema time zone, not in UTC', async () => {
    // 23:30 on 15 Jan in Kolkata is 18:00 UTC; 00:15 on 16 Jan in Kolkata is still 15 Jan in UTC.
    const late = await makeShowtime('2030-01-15T18:00:00Z');
    const afterMidnight = await makeShowtime('2030-01-15T18:45:00Z');
    const day15 = await server.client.catalog.showtimes.query({ date: '2030-01-15' });
    const day16 = await server.client.catalog.showtimes.query({ date: '2030-01-16' });
    expect(day15.map((s) => s.id)).toEqual([late.id]);
    expect(day16.map((s) => s.id)).toEqual([afterMidnight.id]);
  });

  it('filters by movie and leaves cancelled shows out', async () => {
    const cancelled = await makeShowtime('2030-02-01T10:00:00Z', { cancelled: true });
    const movie = await ctx.prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
    const showtimes = await server.client.catalog.showtimes.query({ movieId: movie.id });
    expect(showtimes.length).toBeGreaterThan(0);
    expect(showtimes.every((s) => s.movieId === movie.id)).toBe(true);
    expect(showtimes.some((s) => s.id === cancelled.id)).toBe(false);
  });

  it('refuses a date that is not a calendar day, naming the field', async () => {
    for (const date of ['2026-02-30', '25-11-2026', 'tomorrow']) {
      const err = await refusal(server.client.catalog.showtimes.query({ date }));
      expect(err.data?.code).toBe('BAD_REQUEST');
      expect(err.data?.fieldErrors).toHaveProperty('date');
      expect(err.message).toContain('date');
    }
  });

  it('refuses a malformed movie id and unknown fields', async () => {
    const bad = await refusal(server.client.catalog.showtimes.query({ movieId: 'abc' }));
    expect(bad.data?.fieldErrors).toHaveProperty('movieId');
    const extra = await refusal(server.client.catalog.showtimes.query({ screen: 'x' } as never));
    expect(extra.data?.code).toBe('BAD_REQUEST');
  });
});

describe('catalog.seatMap', () => {
  it('returns every seat of the screen with its state and the showtime seat version', async () => {
    const showtime = await makeShowtime('2030-03-01T10:00:00Z');
    const seats = await ctx.prisma.seat.findMany({ where: { screenId: showtime.screenId }, orderBy: { label: 'asc' } });
    const [sold, held, expired, blocked] = seats as [
      (typeof seats)[0],
      (typeof seats)[0],
      (typeof seats)[0],
      (typeof seats)[0],
    ];
    const book = (seatId: string, status: 'CONFIRMED' | 'PENDING', expiresAt: Date, code: string) =>
      ctx.prisma.booking.create({
        data: {
          code,
          showtimeId: showtime.id,
          status,
          channel: 'WEB',
          holder: `web:test-${code}`,
          amountPaise: 15_000,
          expiresAt,
          seats: { create: [{ seatId, showtimeId: showtime.id, pricePaise: 15_000 }] },
        },
      });
    await book(sold.id, 'CONFIRMED', new Date(Date.now() - 60_000), 'SOLD01');
    await book(held.id, 'PENDING', new Date(Date.now() + 600_000), 'HELD01');
    await book(expired.id, 'PENDING', new Date(Date.now() - 1_000), 'GONE01');
    await ctx.prisma.seatBlock.create({ data: { showtimeId: showtime.id, seatId: blocked.id, reason: 'broken' } });
    await ctx.prisma.showtime.update({ where: { id: showtime.id }, data: { seatVersion: 7 } });

    const map = await server.client.catalog.seatMap.query({ showtimeId: showtime.id });
    const stateOf = (id: string) => map.seats.find((s) => s.id === id)?.state;
    expect(map.version).toBe(7);
    expect(map.seats).toHaveLength(seats.length);
    expect([stateOf(sold.id), stateOf(held.id), stateOf(expired.id), stateOf(blocked.id)]).toEqual([
      'sold',
      'held',
      'available',
      'blocked',
    ]);
    expect(map.seats.filter((s) => s.state === 'available')).toHaveLength(seats.length - 3);
    expect(map.columns).toBeGreaterThan(Math.max(...map.seats.map((s) => s.x)));
    expect(map.prices).toEqual([{ seatType: 'STANDARD', pricePaise: 15_000 }]);
    // The cinema's booking fee rule comes with the map, so the map can show what holds.create will charge.
    const cinema = await ctx.prisma.cinema.findFirstOrThrow({ where: { screens: { some: { name: 'Audi 2' } } } });
    expect(map.fee).toEqual({ kioskPerSeatPaise: cinema.kioskFeePaise, webPerSeatPaise: cinema.webFeePaise });
    const companion = map.seats.find((s) => s.type === 'COMPANION');
    expect(map.seats.find((s) => s.id === companion?.companionOfId)?.type).toBe('WHEELCHAIR');

    const listed = (await server.client.catalog.showtimes.query({ date: '2030-03-01' })).find(
      (s) => s.id === showtime.id,
    );
    expect(listed?.seatsAvailable).toBe(seats.length - 3);
  });

  it('answers NOT_FOUND with a readable message for an unknown showtime', async () => {
    const err = await refusal(
      server.client.catalog.seatMap.query({ showtimeId: '01935d2e-0000-7000-8000-000000000000' }),
    );
    expect(err.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, appCode: 'CATALOG_SHOWTIME_NOT_FOUND' });
    expect(err.message).toBe('That show could not be found.');
  });

  it('answers BAD_REQUEST naming the field for a malformed or missing id', async () => {
    const malformed = await refusal(server.client.catalog.seatMap.query({ showtimeId: 'not-a-uuid' }));
    expect(malformed.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INPUT_INVALID' });
    expect(malformed.data?.fieldErrors?.showtimeId).toMatch(/uuid/i);
    const missing = await refusal(server.client.catalog.seatMap.query({} as never));
    expect(missing.data?.fieldErrors).toHaveProperty('showtimeId');
  });

  it('never answers 500 to garbage over raw HTTP', async () => {
    const inputs = ['%7B', '%5B%5D', 'null', '%7B%22showtimeId%22%3A5%7D', '"x"'];
    for (const input of inputs) {
      const res = await fetch(`${server.url}/trpc/catalog.seatMap?input=${input}`);
      expect(res.status).toBe(400);
    }
    const unknown = await fetch(`${server.url}/trpc/catalog.nothing`);
    expect(unknown.status).toBe(404);
  });
});
