// Running the programme over HTTP: movies and posters, screens and layouts, price templates and
// schedules with clash detection; every refusal says why and changes nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZLayoutSchema, type TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { streamLive } from '../test/live';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { cinemaInstant, findClashes } from './schedule';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let manager: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  ctx = await createTestContext({ POSTERS_DIR: mkdtempSync(path.join(tmpdir(), 'marquee-posters-')) });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const T = (iso: string) => new Date(iso);
const slot = (startsAt: string, endsAt: string, movieTitle = 'Existing') => ({
  showtimeId: null,
  movieTitle,
  startsAt: T(startsAt),
  endsAt: T(endsAt),
});

describe('clash detection', () => {
  const existing = [slot('2026-12-01T12:00:00Z', '2026-12-01T14:00:00Z')];
  it.each([
    ['starts exactly when the cleaning ends', '2026-12-01T14:15:00Z', '2026-12-01T16:00:00Z', false],
    ['starts a minute into the cleaning', '2026-12-01T14:14:00Z', '2026-12-01T16:00:00Z', true],
    [
      'ends exactly where the cleaning before the next show would start',
      '2026-12-01T10:00:00Z',
      '2026-12-01T11:45:00Z',
      false,
    ],
    ['ends a minute too late for the next show', '2026-12-01T10:00:00Z', '2026-12-01T11:46:00Z', true],
    ['sits inside it', '2026-12-01T12:30:00Z', '2026-12-01T13:00:00Z', true],
  ])('a show that %s: clash %s', (_, start, end, clash) => {
    expect(findClashes(existing, [slot(start, end, 'New')], 15).length > 0).toBe(clash);
  });

  it('counts across midnight on the cinema clock, and between the new shows themselves', () => {
    // 23:00 IST show of 150 minutes ends 01:30 IST the next day; with 15 minutes of cleaning the next may start 01:45.
    const late = cinemaInstant('2026-12-01', '23:00', 'Asia/Kolkata');
    expect(late.toISOString()).toBe('2026-12-01T17:30:00.000Z');
    const lateShow = {
      showtimeId: 'x',
      movieTitle: 'Late',
      startsAt: late,
      endsAt: new Date(late.getTime() + 150 * 60_000),
    };
    const at = (time: string) => {
      const s = cinemaInstant('2026-12-02', time, 'Asia/Kolkata');
      return { showtimeId: null, movieTitle: 'Early', startsAt: s, endsAt: new Date(s.getTime() + 60 * 60_000) };
    };
    expect(findClashes([lateShow], [at('01:44')], 15)).toHaveLength(1);
    expect(findClashes([lateShow], [at('01:45')], 15)).toHaveLength(0);
    expect(findClashes([], [at('10:00'), at('10:30')], 15)).toEqual([
      expect.objectContaining({ startsAt: at('10:30').startsAt.toISOString() }),
    ]);
  });
});

describe('layouts', () => {
  it.each([
    [
      'two rows with one name',
      {
        rows: [
          { row: 'A', cells: 'SSS' },
          { row: 'A', cells: 'SSS' },
        ],
      },
      'row A appears twice',
    ],
    [
      'a companion seat with no wheelchair space',
      { rows: [{ row: 'A', cells: 'SCS' }] },
      'a companion seat must sit next to a wheelchair space',
    ],
    [
      'letters we do not know, naming the row',
      {
        rows: [
          { row: 'A', cells: 'SSS' },
          { row: 'B', cells: 'SSX' },
        ],
      },
      'row B, column 3: "X" is not a place; use S, P, R, W, C',
    ],
    [
      'a row name in lower case, naming its line',
      {
        rows: [
          { row: 'A', cells: 'SSS' },
          { row: 'b', cells: 'SSS' },
        ],
      },
      'line 2: "b" is not a row name',
    ],
    ['no seats at all', { rows: [{ row: 'A', cells: '...' }] }, 'the layout has no seats'],
  ])('refuses %s and changes nothing', async (_, layout, message) => {
    expect(ZLayoutSchema.safeParse(layout).success).toBe(false);
    const before = await ctx.prisma.screen.count();
    const err = await refusal(manager.client.programme.saveLayout.mutate({ name: `Bad ${message}`, layout }));
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(message);
    expect(await ctx.prisma.screen.count()).toBe(before);
  });

  it('creates a screen from a layout, exports it back the same, and sells its seats', async () => {
    const layout = {
      rows: [
        { row: 'A', cells: 'WC.SSSS.SSSS' },
        { row: 'B', cells: 'SSSSSS.SSSSS' },
        { row: 'C', cells: 'RR..RR..RR' },
      ],
    };
    const { screenId, added } = await manager.client.programme.saveLayout.mutate({ name: 'Audi 3', layout });
    expect(added).toBe(2 + 8 + 11 + 6);
    expect((await manager.client.programme.layout.query({ screenId })).layout).toEqual(layout);
    const seats = await ctx.prisma.seat.findMany({ where: { screenId } });
    expect(seats.find((s) => s.label === 'A2')).toMatchObject({
      type: 'COMPANION',
      companionOfId: seats.find((s) => s.label === 'A1')!.id,
    });
    expect(await refusal(manager.client.programme.saveLayout.mutate({ name: 'Audi 3', layout }))).toMatchObject({
      message: 'There is already a screen called "Audi 3".',
    });

    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { created } = await manager.client.programme.schedule.mutate({
      movieId: movie.id,
      screenId,
      dates: [date],
      times: ['11:00'],
      prices: { STANDARD: 25_000, RECLINER: 55_000, WHEELCHAIR: 25_000, COMPANION: 25_000 },
    });
    const hold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: created[0]!,
      seatIds: seats.filter((s) => s.label === 'C1' || s.label === 'C2').map((s) => s.id),
    });
    expect(hold.amountPaise).toBe(
      2 * 55_000 + 2 * (await ctx.prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId } })).webFeePaise,
    );
  });

  it('adds seats to a screen in use, but refuses to change or remove booked layout, and keeps seats with tickets', async () => {
    const { screenId } = await manager.client.programme.saveLayout.mutate({
      name: 'Audi 4',
      layout: { rows: [{ row: 'A', cells: 'SSSS' }] },
    });
    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const date = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
    const { created } = await manager.client.programme.schedule.mutate({
      movieId: movie.id,
      screenId,
      dates: [date],
      times: ['11:00'],
      prices: { STANDARD: 20_000 },
    });
    const seats = await ctx.prisma.seat.findMany({ where: { screenId }, orderBy: { x: 'asc' } });
    await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: created[0]!,
      seatIds: [seats[0]!.id, seats[1]!.id],
    });
    expect(
      (await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId: created[0]! })).seats,
    ).toHaveLength(4);

    // An open seat map hears of the new layout: a version that skips one, so it reloads the map.
    const before = (await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: created[0]! } })).seatVersion;
    const heard: TSeatChangeEvent[] = [];
    const watching = createCustomerClient(server.url).seats.onChange.subscribe(
      { showtimeId: created[0]! },
      { onData: (e) => heard.push(e) },
    );
    await streamLive(ctx.seatEvents, created[0]!);
    await expect(
      manager.client.programme.saveLayout.mutate({
        screenId,
        name: 'Audi 4',
        layout: {
          rows: [
            { row: 'A', cells: 'SSSS' },
            { row: 'B', cells: 'SSSS' },
          ],
        },
      }),
    ).resolves.toMatchObject({ added: 4, changed: 0, removed: 0 });
    await eventually(
      () => heard,
      (e) => e.length > 0,
      3000,
    );
    watching.unsubscribe();
    expect(heard).toEqual([{ showtimeId: created[0]!, version: before + 2, seats: [] }]);
    // The show's seat map has the new row, and holds (which keep each show's layout in memory) can
    // hold it at once (then let it go again).
    const map = await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId: created[0]! });
    expect(map.seats.map((s) => s.label).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4']);
    const b1 = await ctx.prisma.seat.findFirstOrThrow({ where: { screenId, label: 'B1' } });
    const other = createCustomerClient(server.url);
    const { bookingId } = await other.holds.create.mutate({ showtimeId: created[0]!, seatIds: [b1.id] });
    await other.holds.release.mutate({ bookingId });
    const err = await refusal(
      manager.client.programme.saveLayout.mutate({
        screenId,
        name: 'Audi 4',
        layout: {
          rows: [
            { row: 'A', cells: 'SPS' },
            { row: 'B', cells: 'SSSS' },
          ],
        },
      }),
    );
    expect(err.message).toMatch(
      /^Audi 4 has 1 booking for future shows: seats can be added, but A4, A2 cannot be changed or removed now\.$/,
    );
    expect(await ctx.prisma.seat.count({ where: { screenId } })).toBe(8);

    // The show is cancelled (no future bookings), but A1 and A2 are on a booking: they stay.
    await ctx.prisma.booking.updateMany({ where: { showtimeId: created[0]! }, data: { status: 'CANCELLED' } });
    expect(
      await refusal(
        manager.client.programme.saveLayout.mutate({
          screenId,
          name: 'Audi 4',
          layout: { rows: [{ row: 'B', cells: 'SSSS' }] },
        }),
      ),
    ).toMatchObject({ message: expect.stringContaining('A1, A2 appear on past tickets') as string });
    await expect(
      manager.client.programme.saveLayout.mutate({
        screenId,
        name: 'Audi 4',
        layout: {
          rows: [
            { row: 'A', cells: 'SSP' },
            { row: 'B', cells: 'SSSS' },
          ],
        },
      }),
    ).resolves.toMatchObject({ changed: 1, removed: 1 });
    // And holds see the change: A3 is now premium, which this show does not sell; A4 is gone.
    const [a3, a4] = [seats[2]!, seats[3]!];
    expect(await refusal(other.holds.create.mutate({ showtimeId: created[0]!, seatIds: [a3.id] }))).toMatchObject({
      data: { appCode: 'HOLD_SEAT_BLOCKED' },
    });
    expect(await refusal(other.holds.create.mutate({ showtimeId: created[0]!, seatIds: [a4.id] }))).toMatchObject({
      data: { appCode: 'HOLD_SEAT_UNKNOWN' },
    });
  });
});

describe('schedules', () => {
  it('schedules a week at two times from a price template, and refuses a clashing one whole', async () => {
    const { screenId } = await manager.client.programme.saveLayout.mutate({
      name: 'Audi 5',
      layout: { rows: [{ row: 'A', cells: 'SSSSSS' }] },
    });
    const movie = await ctx.prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
    const { id: templateId } = await manager.client.programme.savePriceTemplate.mutate({
      name: 'Weekend',
      prices: { STANDARD: 30_000 },
    });
    const start = new Date(Date.now() + 40 * 86_400_000);
    const dates = Array.from({ length: 7 }, (_, i) =>
      new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
    );
    const week = await manager.client.programme.schedule.mutate({
      movieId: movie.id,
      screenId,
      dates,
      times: ['10:00', '18:30'],
      templateId,
    });
    expect(week.created).toHaveLength(14);
    const first = await ctx.prisma.showtime.findUniqueOrThrow({
      where: { id: week.created[1]! },
      include: { prices: true },
    });
    expect(first.startsAt.toISOString()).toBe(`${dates[0]}T13:00:00.000Z`); // 18:30 in Kolkata
    expect(first.prices).toEqual([expect.objectContaining({ seatType: 'STANDARD', pricePaise: 30_000 })]);

    // The 10:00 show ends after the runtime; cleaning takes 15 minutes more.
    const free = new Date(Date.parse(`2000-01-01T10:00:00Z`) + (movie.runtimeMinutes + 15) * 60_000)
      .toISOString()
      .slice(11, 16);
    const early = new Date(Date.parse(`2000-01-01T10:00:00Z`) + (movie.runtimeMinutes + 14) * 60_000)
      .toISOString()
      .slice(11, 16);
    const clash = await refusal(
      manager.client.programme.schedule.mutate({
        movieId: movie.id,
        screenId,
        dates: [dates[2]!, dates[3]!],
        times: [early],
        templateId,
      }),
    );
    expect(clash.message).toBe(
      '2 shows clash with another on Audi 5 (runtime plus 15 minutes of cleaning). Nothing was scheduled.',
    );
    expect(await ctx.prisma.showtime.count({ where: { screenId } })).toBe(14);
    await expect(
      manager.client.programme.schedule.mutate({
        movieId: movie.id,
        screenId,
        dates: [dates[2]!],
        times: [free],
        templateId,
      }),
    ).resolves.toMatchObject({ created: [expect.any(String)] });
  });

  it('refuses a past time, a missing price, and a foreign screen', async () => {
    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const { showtime } = await futureShowtime(ctx.prisma);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(
      await refusal(
        manager.client.programme.schedule.mutate({
          movieId: movie.id,
          screenId: showtime.screenId,
          dates: [yesterday],
          times: ['10:00'],
          prices: { STANDARD: 1 },
        }),
      ),
    ).toMatchObject({ message: expect.stringContaining('already passed') as string });
    expect(
      await refusal(
        manager.client.programme.schedule.mutate({
          movieId: movie.id,
          screenId: showtime.screenId,
          dates: ['2030-01-01'],
          times: ['10:00'],
        }),
      ),
    ).toMatchObject({ data: { fieldErrors: { prices: 'give prices or a price template (one of them)' } } });
    expect(
      await refusal(
        manager.client.programme.schedule.mutate({
          movieId: movie.id,
          screenId: '00000000-0000-7000-8000-000000000000',
          dates: ['2030-01-01'],
          times: ['10:00'],
          prices: { STANDARD: 1 },
        }),
      ),
    ).toMatchObject({ message: 'No such screen here.' });
  });

  it('takes a show off sale and back: customers cannot hold meanwhile', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    await manager.client.programme.setOnSale.mutate({ showtimeId: showtime.id, onSale: false });
    expect(
      await refusal(
        createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[3]!] }),
      ),
    ).toMatchObject({ data: { appCode: 'HOLD_SHOW_NOT_ON_SALE' } });
    await manager.client.programme.setOnSale.mutate({ showtimeId: showtime.id, onSale: true });
    await expect(
      createCustomerClient(server.url).holds.create.mutate({
        showtimeId: showtime.id,
        seatIds: [seatIds[2]!, seatIds[3]!],
      }),
    ).resolves.toBeTruthy();
  });
});

describe('movies and posters', () => {
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2279aa50000000049454e44ae426082',
    'hex',
  );
  const upload = (movieId: string, body: Buffer, type: string) =>
    fetch(`${server.url}/manager/movies/${movieId}/poster`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: [...cookieJar(manager.client)].map(([k, v]) => `${k}=${v}`).join('; ') },
      body,
    });

  it('adds a movie once, takes a PNG poster and serves it for good, and refuses other files', async () => {
    const { id } = await manager.client.programme.saveMovie.mutate({
      title: 'Chai at Dawn',
      language: 'Marathi',
      certificate: 'U',
      runtimeMinutes: 112,
      synopsis: 'A tea stall at Pune station.',
    });
    expect(
      await refusal(
        manager.client.programme.saveMovie.mutate({
          title: 'Chai at Dawn',
          language: 'Marathi',
          certificate: 'U',
          runtimeMinutes: 112,
        }),
      ),
    ).toMatchObject({ data: { fieldErrors: { title: 'already exists in that language' } } });
    expect(
      await refusal(
        manager.client.programme.saveMovie.mutate({
          title: 'Short',
          language: 'Hindi',
          certificate: 'U',
          runtimeMinutes: 5,
        }),
      ),
    ).toMatchObject({ data: { fieldErrors: { runtimeMinutes: 'at least 30 minutes' } } });

    const ok = await upload(id, PNG, 'image/png');
    expect(ok.status).toBe(200);
    const { posterUrl } = (await ok.json()) as { posterUrl: string };
    const served = await fetch(`${server.url}${posterUrl}`);
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const fake = await upload(id, Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(fake.status).toBe(400);
    expect(await fake.json()).toEqual({
      error: { code: 'INPUT_INVALID', message: 'The poster must be a PNG, JPEG or WebP image.' },
    });
    expect((await upload(id, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png')).status).toBe(413);
    expect((await upload(id, PNG, 'text/plain')).status).toBeGreaterThanOrEqual(400);
    const anonymous = await fetch(`${server.url}/manager/movies/${id}/poster`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: PNG,
    });
    expect(anonymous.status).toBe(401);
    expect((await ctx.prisma.movie.findUniqueOrThrow({ where: { id } })).posterPath).toBe(
      posterUrl.slice('/posters/'.length),
    );
  });
});
