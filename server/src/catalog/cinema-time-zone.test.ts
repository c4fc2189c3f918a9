// A cinema's clock comes from its row (Cinema.timeZone), never from a zone written in the apps:
// a cinema in London shows London times and London days everywhere the apps read them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCinema } from '../seed/seed-demo-cinema';
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
  await ctx.prisma.cinema.updateMany({ data: { timeZone: 'Europe/London' } });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

describe('a cinema in another time zone', () => {
  it('is listed by catalog.cinemas with its zone', async () => {
    const cinemas = await server.client.catalog.cinemas.query();
    expect(cinemas.length).toBeGreaterThan(0);
    for (const c of cinemas) expect(c).toMatchObject({ timeZone: 'Europe/London', name: expect.any(String) as string });
  });

  it('gives its shows its zone, and filters days on its clock', async () => {
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 2' } });
    const movie = await ctx.prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
    // 23:30 UTC on 1 Jul 2030 is 00:30 on 2 Jul in London (BST), still 1 Jul in UTC.
    const show = await ctx.prisma.showtime.create({
      data: {
        movieId: movie.id,
        screenId: screen.id,
        startsAt: new Date('2030-07-01T23:30:00Z'),
        endsAt: new Date('2030-07-02T01:30:00Z'),
        prices: { create: [{ seatType: 'STANDARD', pricePaise: 15_000 }] },
      },
    });
    const july2 = await server.client.catalog.showtimes.query({ date: '2030-07-02' });
    expect(july2.map((s) => [s.id, s.timeZone])).toEqual([[show.id, 'Europe/London']]);
    expect(await server.client.catalog.showtimes.query({ date: '2030-07-01' })).toEqual([]);
  });
});
