// Every cinema sells and runs only its own programme: a second cinema beside the demo one, with a
// film of the same title, its own kiosk and its own manager. Each attack is refused with a clear
// error and changes nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceToken, hashToken } from '../auth/device-token';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, secondCinema, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let demo: { id: string; slug: string };
let other: { id: string; slug: string };
let otherShowId: string;
let otherMovieId: string;

async function kioskOf(cinemaId: string, name: string) {
  const token = generateDeviceToken();
  await ctx.prisma.kiosk.create({ data: { cinemaId, name, tokenHash: hashToken(token), registeredAt: new Date() } });
  return createCustomerClient(server.url, { kioskToken: token });
}

beforeAll(async () => {
  ctx = await createTestContext({ POSTERS_DIR: mkdtempSync(path.join(tmpdir(), 'marquee-posters-')) });
  const { cinemaId } = await seedCinema(ctx.prisma);
  demo = await ctx.prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { id: true, slug: true } });
  // The same film, programmed by the other cinema on its own row.
  const second = await secondCinema(ctx.prisma, {
    film: { title: 'Starfall Express', language: 'Hindi', certificate: 'UA', runtimeMinutes: 120 },
    seats: 10,
    startsInHours: 3,
    pricePaise: 20_000,
  });
  other = second.cinema;
  otherMovieId = second.movie.id;
  otherShowId = second.showtime.id;
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const cinemaOfShows = async (ids: string[]) =>
  new Set(
    (
      await ctx.prisma.showtime.findMany({
        where: { id: { in: ids } },
        select: { screen: { select: { cinemaId: true } } },
      })
    ).map((s) => s.screen.cinemaId),
  );

describe('the web catalog', () => {
  it('lists the cinemas for the picker', async () => {
    const cinemas = await createCustomerClient(server.url).catalog.cinemas.query();
    expect(cinemas.map((c) => c.slug).sort()).toEqual([demo.slug, other.slug].sort());
  });

  it('asks which cinema when there are several and none is named', async () => {
    const customer = createCustomerClient(server.url);
    for (const call of [customer.catalog.movies.query(), customer.catalog.showtimes.query()]) {
      const { message, data } = await refusal(call);
      expect(data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'CATALOG_CINEMA_REQUIRED' });
      expect(message).toBe('Please choose a cinema first.');
    }
  });

  it("lists each cinema's own films and shows only", async () => {
    const customer = createCustomerClient(server.url);
    const otherShows = await customer.catalog.showtimes.query({ cinema: other.slug });
    expect(otherShows.map((s) => s.id)).toEqual([otherShowId]);
    const demoShows = await customer.catalog.showtimes.query({ cinema: demo.slug });
    expect(demoShows.length).toBeGreaterThan(10);
    expect(await cinemaOfShows(demoShows.map((s) => s.id))).toEqual(new Set([demo.id]));
    const otherMovies = await customer.catalog.movies.query({ cinema: other.slug });
    expect(otherMovies.map((m) => m.id)).toEqual([otherMovieId]);
    const demoMovies = await customer.catalog.movies.query({ cinema: demo.slug });
    expect(demoMovies.map((m) => m.title)).toContain('Starfall Express');
    expect(demoMovies.map((m) => m.id)).not.toContain(otherMovieId);
  });

  it("takes a film's shows from the film's cinema, and the dashboard's from the staff member's", async () => {
    const customer = createCustomerClient(server.url);
    const shows = await customer.catalog.showtimes.query({ movieId: otherMovieId });
    expect(shows.map((s) => s.id)).toEqual([otherShowId]);
    const { client } = await signedInStaff(ctx, server.url, { cinemaId: other.id, role: 'MANAGER' });
    expect((await client.catalog.showtimes.query()).map((s) => s.id)).toEqual([otherShowId]);
  });

  it('refuses an unknown or malformed cinema clearly', async () => {
    const customer = createCustomerClient(server.url);
    expect((await refusal(customer.catalog.showtimes.query({ cinema: 'nowhere' }))).data).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'CATALOG_CINEMA_NOT_FOUND',
    });
    const bad = await refusal(customer.catalog.movies.query({ cinema: 'DROP TABLE' }));
    expect(bad.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INPUT_INVALID' });
    expect(bad.data.fieldErrors?.cinema).toMatch(/cinema slug/);
  });
});

describe('a kiosk', () => {
  it("lists its own cinema's programme whatever it asks for, and is refused another's", async () => {
    const kiosk = await kioskOf(demo.id, 'Demo lobby');
    const shows = await kiosk.catalog.showtimes.query();
    expect(await cinemaOfShows(shows.map((s) => s.id))).toEqual(new Set([demo.id]));
    expect((await kiosk.catalog.movies.query()).map((m) => m.id)).not.toContain(otherMovieId);
    const { message, data } = await refusal(kiosk.catalog.showtimes.query({ cinema: other.slug }));
    expect(data).toMatchObject({ code: 'FORBIDDEN' });
    expect(message).toBe('This kiosk sells tickets for its own cinema only.');
  });

  it("cannot hold another cinema's seats, and nothing is held", async () => {
    const kiosk = await kioskOf(demo.id, 'Demo lobby 2');
    const seats = await ctx.prisma.seat.findMany({
      where: { screen: { showtimes: { some: { id: otherShowId } } } },
      take: 2,
    });
    const { data } = await refusal(
      kiosk.holds.create.mutate({ showtimeId: otherShowId, seatIds: seats.map((s) => s.id) }),
    );
    expect(data).toMatchObject({ code: 'NOT_FOUND', appCode: 'CATALOG_SHOWTIME_NOT_FOUND' });
    expect(await ctx.prisma.booking.count({ where: { showtimeId: otherShowId } })).toBe(0);
    expect(await ctx.redis.keys(`${ctx.env.REDIS_PREFIX}*${otherShowId}*`)).toEqual([]);
  });

  it("still holds its own cinema's seats, and the other cinema's kiosk its own", async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const own = await (
      await kioskOf(demo.id, 'Demo lobby 3')
    ).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 1),
    });
    expect(own.bookingId).toBeTruthy();
    const seat = await ctx.prisma.seat.findFirstOrThrow({ where: { screen: { cinemaId: other.id } } });
    const theirs = await (
      await kioskOf(other.id, 'Riverside lobby')
    ).holds.create.mutate({
      showtimeId: otherShowId,
      seatIds: [seat.id],
    });
    expect(theirs.bookingId).toBeTruthy();
  });
});

describe("another cinema's manager", () => {
  it("sees only their own films and cannot change the demo cinema's", async () => {
    const { client } = await signedInStaff(ctx, server.url, { cinemaId: other.id, role: 'MANAGER' });
    expect((await client.programme.movies.query()).map((m) => m.id)).toEqual([otherMovieId]);
    const demoFilm = await ctx.prisma.movie.findFirstOrThrow({
      where: { cinemaId: demo.id, title: 'Starfall Express' },
    });
    const { data } = await refusal(
      client.programme.saveMovie.mutate({
        id: demoFilm.id,
        title: demoFilm.title,
        language: demoFilm.language,
        certificate: 'A',
        runtimeMinutes: 200,
        synopsis: 'changed by another cinema',
      }),
    );
    expect(data).toMatchObject({ code: 'NOT_FOUND', appCode: 'CATALOG_MOVIE_NOT_FOUND' });
    const poster = await fetch(`${server.url}/manager/movies/${demoFilm.id}/poster`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', cookie: [...cookieJar(client)].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex'),
    });
    expect(poster.status).toBe(404);
    expect(await ctx.prisma.movie.findUniqueOrThrow({ where: { id: demoFilm.id } })).toEqual(demoFilm);

    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { cinemaId: other.id } });
    const schedule = await refusal(
      client.programme.schedule.mutate({
        movieId: demoFilm.id,
        screenId: screen.id,
        dates: ['2030-01-10'],
        times: ['18:00'],
        prices: { STANDARD: 20_000 },
      }),
    );
    expect(schedule.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'CATALOG_MOVIE_NOT_FOUND' });
    expect(await ctx.prisma.showtime.count({ where: { movieId: demoFilm.id, screenId: screen.id } })).toBe(0);
  });

  it('can programme a film of the same title as another cinema, once', async () => {
    const { client } = await signedInStaff(ctx, server.url, { cinemaId: other.id, role: 'MANAGER' });
    const film = { title: 'Kaveri Nights', language: 'Kannada', certificate: 'UA' as const, runtimeMinutes: 135 };
    const { id } = await client.programme.saveMovie.mutate(film);
    expect(await ctx.prisma.movie.findUniqueOrThrow({ where: { id } })).toMatchObject({ cinemaId: other.id });
    expect((await refusal(client.programme.saveMovie.mutate(film))).data).toMatchObject({ appCode: 'INPUT_INVALID' });
  });
});
